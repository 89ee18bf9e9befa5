// What the completion list holds at each position a user reaches while typing
// a Compose file, and whether a typed character opens it at all (the trigger
// policy in server/src/features/completion/triggers.ts).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionTriggerKind, type CompletionList } from 'vscode-languageserver';
import { fixture, labels } from '../../support/fixture';

const f = fixture(after, { '.env': 'DB_PASSWORD=hunter2\nTAG=16\n', 'compose.override.yaml': 'services:\n  db:\n    image: "postgres:${APP_VERSION}"\n' }, { env: { EDITOR_ONLY: '1' } });

const services = '  db:\n    image: postgres\n  cache:\n    image: redis\n';

/** The list for `text` (cursor `$0`), asked as VS Code does: on a typed character, or invoked. */
function list(text: string, character?: string): CompletionList {
  const { uri, position } = f.edit(text);
  const trigger = character === undefined
    ? { triggerKind: CompletionTriggerKind.Invoked }
    : { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter: character };
  return f.service.completion(uri, position, trigger);
}

const items = (text: string, character?: string) => labels(list(text, character).items);

test('free text gets no keys: command, entrypoint, a healthcheck test string, after each word', () => {
  for (const text of [
    'services:\n  web:\n    command: echo $0\n',
    'services:\n  web:\n    command: echo hello w$0\n',
    'services:\n  web:\n    entrypoint: /bin/sh -c $0\n',
    'services:\n  web:\n    healthcheck:\n      test: curl -f $0\n',
    'services:\n  web:\n    depends_on:\n      - db $0\n' + services,
  ]) {
    assert.deepEqual(items(text, ' '), [], text);
    assert.deepEqual(items(text).filter((l) => !l.startsWith('$')), [], text);
  }
});

test("a provider's options are its own flags: no booleans on the space or asked", () => {
  const text = 'services:\n  db:\n    provider:\n      type: awesomecloud\n      options:\n        name: $0\n';
  assert.deepEqual(items(text, ' '), []);
  assert.deepEqual(items(text).filter((l) => !l.startsWith('$')), []);
  assert.deepEqual(items('services:\n  db:\n    provider:\n      type: awesomecloud\n      options:\n        region:\n          - $0\n', ' '), []);
  // A key of the spec's own that is a boolean still offers both.
  assert.deepEqual(items('services:\n  db:\n    image: x\n    init: $0\n', ' '), ['true', 'false']);
});

test('environment and label values: no booleans; ${NAME} of the project only when asked, never on the space', () => {
  const env = 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: $0\n';
  assert.deepEqual(items(env, ' '), []);
  const asked = items(env);
  assert.ok(!asked.includes('true') && !asked.includes('false'));
  assert.deepEqual(asked.sort(), ['${APP_VERSION}', '${DB_PASSWORD}', '${TAG}']);
  assert.ok(!asked.includes('${EDITOR_ONLY}'), 'the editor\'s own environment stays out by default');
  assert.deepEqual(items('services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: sec$0\n'), [], 'a value being typed is not replaced');
  assert.ok(!items('services:\n  web:\n    labels:\n      traefik.enable: $0\n').includes('true'));
});

test('secret-looking values are masked in details unless the setting shows them', () => {
  const env = 'services:\n  db:\n    environment:\n      A: ${$0}\n';
  const detail = (label: string) => list(env, '{').items.find((i) => i.label === label)?.detail ?? '';
  assert.doesNotMatch(detail('DB_PASSWORD'), /hunter2/);
  assert.match(detail('TAG'), /16/);
  f.service.configureVariables({ processEnvironment: false, showSecretValues: true });
  try {
    assert.match(detail('DB_PASSWORD'), /hunter2/);
  } finally {
    f.service.configureVariables({ processEnvironment: false, showSecretValues: false });
  }
});

test('after the colon of a block-valued key nothing is offered inline; names come after `- `', () => {
  for (const key of ['depends_on', 'networks', 'volumes', 'ports', 'environment']) {
    for (const [suffix, character] of [[':$0', ':'], [': $0', ' '], [': $0', undefined]] as const) {
      const text = `services:\n  web:\n    ${key}${suffix}\n${services}`;
      const got = list(text, character);
      assert.deepEqual(got, { isIncomplete: false, items: [] }, `${key}${suffix} on ${JSON.stringify(character)}`);
    }
  }
  assert.deepEqual(items(`services:\n  web:\n    depends_on:\n      - $0\n${services}`, ' ').sort(), ['cache', 'db']);
});

test('a blank line inside a list offers no keys (only `- ` starts an item there)', () => {
  assert.deepEqual(items(`services:\n  web:\n    depends_on:\n      - cache\n      $0\n${services}`), []);
});

test('the colon of a scalar key opens nothing; the space after it opens the allowed values', () => {
  assert.deepEqual(items('services:\n  web:\n    restart:$0\n', ':'), []);
  assert.deepEqual(items('services:\n  web:\n    restart: $0\n', ' '), ['no', 'always', 'on-failure', 'unless-stopped']);
  assert.deepEqual(items('services:\n  web:\n    restart: always $0\n', ' '), [], 'after a complete value');
});

test('healthcheck test list: CMD, CMD-SHELL, NONE first only', () => {
  assert.deepEqual(items('services:\n  web:\n    healthcheck:\n      test: [$0]\n'), ['CMD', 'CMD-SHELL', 'NONE']);
  assert.deepEqual(items('services:\n  web:\n    healthcheck:\n      test: ["CMD", $0]\n', ' '), []);
  assert.deepEqual(items('services:\n  web:\n    healthcheck:\n      test: ["CMD", $0]\n').filter((l) => !l.startsWith('$')), []);
});

test('every service already listed: an empty, complete list (not nothing, so the editor adds no word list)', () => {
  const got = list(`services:\n  web:\n    depends_on:\n      - db\n      - cache\n      - $0\n${services}`, ' ');
  assert.deepEqual(got, { isIncomplete: false, items: [] });
});

test('keys only where a key can be written; the space that indents opens nothing', () => {
  assert.ok(items('services:\n  web:\n    $0\n').includes('image'));
  assert.deepEqual(items('services:\n  web:\n    $0\n', ' '), []);
  assert.deepEqual(items('services:\n  web:\n    -$0\n', '-'), []);
});

test('trigger characters inside a word keep the list filtering: `on-`, `linux/`', () => {
  assert.deepEqual(items('services:\n  web:\n    restart: on-$0\n', '-'), ['on-failure']);
  assert.ok(items('services:\n  web:\n    platform: linux/$0\n', '/').includes('linux/amd64'));
  assert.deepEqual(items('services:\n  web:\n    image: x\n    environment:\n      A: $$0\n', '$'), []);
  assert.deepEqual(items('services:\n  web:\n    image: x\n    environment:\n      A: ${$0}\n', '{').sort(), ['APP_VERSION', 'DB_PASSWORD', 'TAG']);
});

test('the hover of a secret-looking variable hides its value unless the setting shows it', () => {
  const text = 'services:\n  db:\n    environment:\n      A: ${DB_PASS$0WORD}\n';
  assert.doesNotMatch(f.hoverText(text), /hunter2/);
  assert.match(f.hoverText(text), /hidden/);
  assert.match(f.hoverText('services:\n  db:\n    image: "postgres:${T$0AG}"\n'), /16/);
});

test('a value typed in full closes the list, so Enter makes a new line; while typed the list is re-asked (incomplete)', () => {
  const partial = list('services:\n  web:\n    restart: unless$0\n');
  assert.equal(partial.isIncomplete, true);
  assert.deepEqual(labels(partial.items), ['unless-stopped']);
  assert.deepEqual(list('services:\n  web:\n    restart: unless-stopped$0\n'), { isIncomplete: false, items: [] });
  assert.deepEqual(list('services:\n  web:\n    restart: no$0\n'), { isIncomplete: false, items: [] }, 'not rewritten to "no"');
  // YAML's core schema reads True and TRUE as true: typed in full; a case Compose refuses keeps the list.
  for (const typed of ['True', 'TRUE', 'true', 'False', 'FALSE']) {
    assert.deepEqual(list(`services:\n  web:\n    image: x\n    read_only: ${typed}$0\n`), { isIncomplete: false, items: [] }, typed);
  }
  assert.deepEqual(labels(list('services:\n  web:\n    image: x\n    read_only: tRUE$0\n').items), ['true']);
  assert.deepEqual(labels(list('services:\n  web:\n    restart: Always$0\n').items), ['always']);
  assert.deepEqual(list(`services:\n  web:\n    depends_on:\n      - db$0\n${services}`), { isIncomplete: false, items: [] });
  assert.deepEqual(list('services:\n  web:\n    image: x\n    environment:\n      A: ${TAG$0}\n'), { isIncomplete: false, items: [] });
});

test('the inlay hint of a secret-looking variable hides its value too', () => {
  const { uri, doc } = f.edit('services:\n  db:\n    image: postgres\n    environment:\n      A: ${DB_PASSWORD}\n      B: ${TAG}$0\n');
  const labelsOf = () => f.service.inlayHints(uri, { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) }).map((h) => String(h.label));
  assert.ok(labelsOf().every((l) => !l.includes('hunter2')), labelsOf().join(' | '));
  assert.ok(labelsOf().some((l) => l.includes('16')));
});

test('${ also offers the env file Compose commands are given (dockhand.compose.envFile), first', (t) => {
  const g = fixture(t, { 'env/prod.env': 'PROD_ONLY=1\n', '.env': 'TAG=16\n' });
  g.service.configureVariables({ processEnvironment: false, showSecretValues: false, envFile: 'env/prod.env' });
  const { uri, position } = g.edit('services:\n  web:\n    image: "app:${$0}"\n');
  const got = g.service.completion(uri, position, { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter: '{' }).items;
  assert.deepEqual(labels(got), ['PROD_ONLY', 'TAG']);
  assert.match(got[0]!.detail ?? '', /prod\.env, line 1/);
});

test('${ offers the names the project uses, in every block and file, with where they come from; not the name being typed, nor one left open', (t) => {
  const g = fixture(t, { 'compose.override.yaml': 'services:\n  web:\n    environment:\n      FROM_OVERRIDE: ${OVERRIDE_NAME}\n' });
  const text = `services:
  web:
    image: "app:\${APP_TAG:-1}"
    environment:
      A: \${WEB_MODE}
      B: \${HALF
  worker:
    image: busybox
    environment:
      C: \${LOG_LE$0VEL}
  cache:
    image: "redis:\${REDIS_TAG}"
`;
  const { uri, position } = g.edit(text);
  const got = g.service.completion(uri, position, { triggerKind: CompletionTriggerKind.Invoked }).items;
  // The name under the cursor is the one being typed, not one the project uses (a name of its own typed again would be).
  assert.deepEqual(labels(got), []);
  const cleared = g.edit(text.replace('${LOG_LE$0VEL}', '${$0}'));
  const all = g.service.completion(cleared.uri, cleared.position, { triggerKind: CompletionTriggerKind.Invoked }).items;
  assert.deepEqual(labels(all).sort(), ['APP_TAG', 'OVERRIDE_NAME', 'REDIS_TAG', 'WEB_MODE']);
  assert.ok(all.every((item) => item.detail === 'used in the project'), JSON.stringify(all.map((item) => item.detail)));
});

test('a * that begins a value offers the anchors defined above it, the closest of each name; a name typed in full, a * in text or in a comment, offer nothing', () => {
  const anchors = 'x-common: &common\n  restart: always\nx-logging: &logging\n  driver: json-file\n';
  const later = 'x-late: &late\n  image: y\n';
  const merge = `${anchors}services:\n  web:\n    <<: *$0\n    image: x\n${later}`;
  assert.deepEqual(items(merge, '*'), ['common', 'logging']);
  assert.deepEqual(items(merge), ['common', 'logging']);
  const got = list(`${anchors}services:\n  web:\n    <<: *co$0\n`);
  assert.deepEqual(labels(got.items), ['common', 'logging']);
  const edit = got.items[0]!.textEdit as { range: { start: { character: number }; end: { character: number } }; newText: string };
  assert.deepEqual([edit.range.start.character, edit.range.end.character, edit.newText], [9, 11, 'common']);
  assert.match(String(got.items[0]!.detail), /&common \(line 1\)/);
  assert.deepEqual(items(`${anchors}services:\n  web:\n    logging: *$0\n`, '*'), ['common', 'logging']);
  assert.deepEqual(items(`${anchors}services:\n  web:\n    volumes:\n      - *$0\n`, '*'), ['common', 'logging']);
  // Only anchors whose value the key takes: profiles are words, not mappings; a merge takes mappings, not a list of mounts.
  assert.deepEqual(items(`${anchors}services:\n  web:\n    profiles: [a, *$0]\n`, '*'), []);
  const kinds = `${anchors}x-mounts: &mounts\n  - data:/data\nx-tag: &tag "1.2"\nx-maps: &maps\n  - {restart: always}\n`;
  // (By kind: a list is a list, whatever its items.)
  assert.deepEqual(items(`${kinds}services:\n  web:\n    volumes: *$0\n`, '*'), ['mounts', 'maps']);
  assert.deepEqual(items(`${kinds}services:\n  web:\n    <<: *$0\n`, '*'), ['common', 'logging', 'maps']);
  assert.deepEqual(items(`${kinds}services:\n  web:\n    image: *$0\n`, '*'), ['tag']);
  assert.deepEqual(items(`${kinds}services:\n  web:\n    profiles: [*$0]\n`, '*'), ['tag']);
  // Under an x- key nothing says what fits: every anchor above.
  assert.deepEqual(items(`${kinds}x-more: *$0\n`, '*'), ['common', 'logging', 'mounts', 'tag', 'maps']);
  // Typed in full: Enter makes a new line.
  assert.deepEqual(items(`${anchors}services:\n  web:\n    <<: *common$0\n`), []);
  // Text, not an alias: a glob in a command, a quoted star, a comment.
  assert.deepEqual(items(`${anchors}services:\n  web:\n    command: ls *$0\n`, '*'), []);
  assert.deepEqual(items(`${anchors}services:\n  web:\n    command: "*$0"\n`, '*'), []);
  assert.deepEqual(items(`${anchors}services:\n  web:\n    image: x # see *$0\n`, '*'), []);
  // No anchor above: no list.
  assert.deepEqual(items('services:\n  web:\n    <<: *$0\n    image: x\n', '*'), []);
});
