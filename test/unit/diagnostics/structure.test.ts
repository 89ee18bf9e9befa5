import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { codes, diagnose, lines, only } from './helpers';

test('yaml-syntax: a clear message, and no cascade from the recovered document', () => {
  const list = diagnose(lines('services:', '  web:', '    image: "nginx', '    ports: [80'));
  assert.ok(list.length > 0);
  assert.ok(list.every((d) => d.code === 'yaml-syntax' || d.code === 'duplicate-key'), codes(list).join());
  assert.ok(list.some((d) => /never closed|closing character is missing|Unexpected text|YAML/.test(String(d.message))));
  assert.deepEqual(only(diagnose(lines('services:', '  web:', '    image: nginx')), 'yaml-syntax'), []);
});

test('yaml-syntax: a tab used for indentation says so', () => {
  const list = only(diagnose('services:\n\tweb:\n\t\timage: nginx\n'), 'yaml-syntax');
  assert.ok(list.length > 0);
});

test('duplicate-key: the second key, with the line of the first; several << merges are fine', () => {
  const list = only(diagnose(lines('services:', '  web:', '    image: a', '    image: b')), 'duplicate-key');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.range.start.line, 3);
  assert.match(String(list[0]!.message), /already defined on line 3/);
  const merges = lines('x-a: &a', '  image: a', 'x-b: &b', '  tty: true', 'services:', '  web:', '    <<: *a', '    <<: *b');
  assert.deepEqual(only(diagnose(merges), 'duplicate-key'), []);
});

test('non-string-key: a number as a service name or environment key; quoted is fine', () => {
  const list = only(diagnose(lines('services:', '  123:', '    image: a', '  web:', '    image: b', '    environment:', '      1: FOO')), 'non-string-key');
  assert.deepEqual(list.map((d) => d.message), [
    "non-string key in services: 123. Compose needs text keys: quote it ('123').",
    "non-string key in services.web.environment: 1. Compose needs text keys: quote it ('1').",
  ]);
  assert.deepEqual(only(diagnose(lines('services:', '  "123":', '    image: a')), 'non-string-key'), []);
});

test('alias-cycle: an alias inside its own anchor; no crash, one error', () => {
  const list = diagnose(lines('x-h: &h', '  inner:', '    <<: *h', 'services:', '  web:', '    image: a'));
  assert.deepEqual(codes(list), ['alias-cycle']);
  assert.deepEqual(only(diagnose(lines('x-h: &h', '  image: a', 'services:', '  web:', '    <<: *h')), 'alias-cycle'), []);
});

test('excessive-aliasing: a billion laughs is refused, a few levels of aliases are not', () => {
  const levels = (n: number, width: number) => {
    const out = ['x-a: &a {k: v}'];
    let prev = 'a';
    for (let i = 0; i < n; i++) {
      const name = `l${i}`;
      out.push(`x-${name}: &${name} [${Array(width).fill(`*${prev}`).join(', ')}]`);
      prev = name;
    }
    return lines(...out, 'services:', '  web:', '    image: a');
  };
  assert.deepEqual(codes(diagnose(levels(9, 9))), ['excessive-aliasing']);
  assert.deepEqual(only(diagnose(levels(4, 3)), 'excessive-aliasing'), []);
});

test('legacy-layout: one diagnostic for a v1 file, nothing else', () => {
  const list = diagnose(lines('web:', '  image: nginx', '  links: [db]', '  ports: ["80:80"]', 'db:', '  extends:', '    service: web'));
  assert.deepEqual(codes(list), ['legacy-layout']);
  assert.equal(list[0]!.severity, DiagnosticSeverity.Error);
  assert.deepEqual(list[0]!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
  assert.deepEqual(only(diagnose(lines('services:', '  web:', '    image: nginx')), 'legacy-layout'), []);
});

test('obsolete-version: a hint tagged Unnecessary', () => {
  const list = only(diagnose(lines('version: "3.8"', 'services:', '  web:', '    image: nginx')), 'obsolete-version');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.severity, DiagnosticSeverity.Hint);
  assert.deepEqual(list[0]!.tags, [1]);
  assert.deepEqual(only(diagnose(lines('services:', '  web:', '    image: nginx')), 'obsolete-version'), []);
});
