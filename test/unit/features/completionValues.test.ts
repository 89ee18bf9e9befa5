import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, insertText, labels } from '../../support/fixture';

const f = fixture(after);

const enums: [string, string[]][] = [
  ['services:\n  web:\n    restart: $0\n', ['no', 'always', 'on-failure', 'unless-stopped']],
  ['services:\n  web:\n    deploy:\n      restart_policy:\n        condition: $0\n', ['none', 'on-failure', 'any']],
  ['services:\n  web:\n    deploy:\n      mode: $0\n', ['replicated', 'global']],
  ['services:\n  web:\n    pull_policy: $0\n', ['always', 'never', 'missing', 'build']],
  ['services:\n  web:\n    depends_on:\n      db:\n        condition: $0\n  db:\n    image: x\n', ['service_started', 'service_healthy', 'service_completed_successfully']],
  ['services:\n  web:\n    ports:\n      - target: 53\n        protocol: $0\n', ['tcp', 'udp']],
  ['services:\n  web:\n    ports:\n      - target: 53\n        mode: $0\n', ['host', 'ingress']],
  ['services:\n  web:\n    volumes:\n      - type: $0\n', ['bind', 'volume', 'tmpfs']],
];

for (const [text, expected] of enums) {
  test(`allowed values: ${text.split('\n').find((l) => l.includes('$0'))!.trim()}`, () => {
    const got = labels(f.completion(text));
    for (const value of expected) assert.ok(got.includes(value), `${value} in ${got.join(',')}`);
  });
}

test('"no" is quoted so no YAML reader takes it for false', () => {
  assert.equal(insertText(f.completion('services:\n  web:\n    restart: $0\n'), 'no'), '"no"');
});

test('values filtered by the typed prefix and replacing the whole word', () => {
  const items = f.completion('services:\n  web:\n    restart: unl$0ess\n');
  assert.deepEqual(labels(items), ['unless-stopped']);
  const edit = items[0].textEdit as { range: { start: { character: number }; end: { character: number } } };
  assert.equal(edit.range.start.character, 13);
  assert.equal(edit.range.end.character, 19);
});

test('inside quotes the quotes stay', () => {
  const items = f.completion('services:\n  web:\n    restart: "al$0"\n');
  const edit = items.find((i) => i.label === 'always')!.textEdit as { newText: string; range: { start: { character: number }; end: { character: number } } };
  assert.equal(edit.newText, 'always');
  assert.equal(edit.range.start.character, 14);
  assert.equal(edit.range.end.character, 16);
});

test('booleans', () => {
  assert.deepEqual(labels(f.completion('services:\n  web:\n    privileged: $0\n')), ['true', 'false']);
});

test('network_mode: its words, service:<other service> and container:', () => {
  const got = labels(f.completion('services:\n  web:\n    network_mode: $0\n  db:\n    image: x\n  cache:\n    image: x\n'));
  for (const value of ['host', 'none', 'bridge', 'service:db', 'service:cache', 'container:']) assert.ok(got.includes(value), value);
  assert.ok(!got.includes('service:web'), 'not the service itself');
});

test('a port mapping snippet in an empty ports entry', () => {
  const items = f.completion('services:\n  web:\n    ports:\n      - $0\n');
  assert.equal(insertText(items, '"HOST:CONTAINER"'), '"${1:8080}:${2:80}"');
});

// VS Code filters an open list by what is typed after the item's start, and asks no more inside a
// string: a form whose filter word starts with the quote (or bracket) the user types by hand
// stays on screen, frozen, over `- "3000`, where Enter takes it. Its word leaves the quote out.
test('the forms offered at an empty value are picked by a word without a quote or bracket', () => {
  const forms = [
    ...f.completion('services:\n  web:\n    ports:\n      - $0\n'),
    ...f.completion('services:\n  web:\n    healthcheck:\n      test: $0\n'),
  ].filter((i) => /^["'[]/.test(i.label));
  assert.deepEqual(forms.map((i) => i.label), ['"HOST:CONTAINER"', '"127.0.0.1:HOST:CONTAINER"', '["CMD-SHELL", …]', '["CMD", …]', '["NONE"]']);
  for (const form of forms) assert.match(form.filterText ?? form.label, /^[A-Za-z0-9]/, form.label);
});

test('right after the colon a value comes with its space', () => {
  assert.equal(insertText(f.completion('services:\n  web:\n    restart:$0\n'), 'always'), ' always');
  assert.equal(insertText(f.completion('services:\n  web:\n    restart: $0\n'), 'always'), 'always');
});

test("a healthcheck's empty test offers its list forms, shell command first, beside the variables", () => {
  const items = f.completion('services:\n  web:\n    healthcheck:\n      test: $0\n');
  assert.deepEqual(labels(items).slice(0, 3), ['["CMD-SHELL", …]', '["CMD", …]', '["NONE"]']);
  assert.equal(insertText(items, '["CMD-SHELL", …]'), '["CMD-SHELL", "${1:curl -f http://localhost/ || exit 1}"]');
  assert.equal(insertText(items, '["NONE"]'), '["NONE"]');
  // Typed text is a shell command: no list forms over it, nor inside quotes.
  assert.deepEqual(labels(f.completion('services:\n  web:\n    healthcheck:\n      test: cu$0\n')).filter((l) => l.startsWith('[')), []);
  assert.deepEqual(labels(f.completion('services:\n  web:\n    healthcheck:\n      test: "$0"\n')).filter((l) => l.startsWith('[')), []);
});
