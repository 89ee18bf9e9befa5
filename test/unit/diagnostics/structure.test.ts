import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { fixture } from '../../support/fixture';

test('yaml-syntax: a clear message, and no cascade from the recovered document', (t) => {
  const list = fixture(t, `services:
  web:
    image: "nginx
    ports: [80
`).diagnostics();
  assert.ok(list.length > 0);
  assert.ok(list.every((d) => d.code === 'yaml-syntax' || d.code === 'duplicate-key'), list.map((d) => d.code).join());
  assert.ok(list.some((d) => /never closed|closing character is missing|Unexpected text|YAML/.test(String(d.message))));
  assert.deepEqual(fixture(t, `services:
  web:
    image: nginx
`).diagnostics('yaml-syntax'), []);
});

test('yaml-syntax: a document the parser closes early is one error, where it closed, not one per token after it', (t) => {
  // A service pasted above `services:` with its indentation: the parser closes the document at `services:`.
  const pasted = fixture(t, `# pasted
  cache:
    image: redis:7
services:
  web:
    image: nginx
    depends_on:
      - cache
`).diagnostics();
  assert.deepEqual(pasted.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['yaml-syntax', 3, 0]]);
  assert.match(String(pasted[0]!.message), /starts left of the file's first key \(column 3\).*Nothing after this point is read/);
  // The key that held some lines commented out: they become the top level, and the next service's key is left of them.
  const commented = fixture(t, `# services:
#   web:
    build: .
    depends_on:
      - db
  db:
    image: postgres
`).diagnostics();
  assert.deepEqual(commented.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['yaml-syntax', 5, 2]]);
  assert.match(String(commented[0]!.message), /first key \(column 5\)/);
  // A stray closing brace: every token after it was an error of its own (six here).
  const brace = fixture(t, `services:
  web: {image: nginx}}
  db:
    image: postgres
`).diagnostics();
  assert.deepEqual(brace.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['yaml-syntax', 1, 21]]);
  assert.match(String(brace[0]!.message), /Nothing after this point is read until it is fixed\.$/);
});

test('yaml-syntax: a tab used for indentation says so', (t) => {
  const list = fixture(t, 'services:\n\tweb:\n\t\timage: nginx\n').diagnostics('yaml-syntax');
  assert.ok(list.length > 0);
});

test('duplicate-key: the second key, with the first as its related place; several << merges are fine', (t) => {
  const list = fixture(t, `services:
  web:
    image: a
    image: b
`).diagnostics('duplicate-key');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.range.start.line, 3);
  assert.match(String(list[0]!.message), /^Key 'image' is already defined above in this mapping/);
  assert.deepEqual(list[0]!.relatedInformation?.map((r) => [r.location.range.start.line, r.location.range.start.character, r.message]), [[2, 4, "'image' first defined here"]]);
  const merges = `x-a: &a
  image: a
x-b: &b
  tty: true
services:
  web:
    <<: *a
    <<: *b
`;
  assert.deepEqual(fixture(t, merges).diagnostics('duplicate-key'), []);
});

test('non-string-key: a number as a service name or environment key; quoted is fine', (t) => {
  const list = fixture(t, `services:
  123:
    image: a
  web:
    image: b
    environment:
      1: FOO
`).diagnostics('non-string-key');
  assert.deepEqual(list.map((d) => d.message), [
    'non-string key in services: 123. Compose needs text keys: quote it ("123").',
    'non-string key in services.web.environment: 1. Compose needs text keys: quote it ("1").',
  ]);
  assert.deepEqual(fixture(t, `services:
  "123":
    image: a
`).diagnostics('non-string-key'), []);
});

test('alias-cycle: an alias inside its own anchor; no crash, one error', (t) => {
  const list = fixture(t, `x-h: &h
  inner:
    <<: *h
services:
  web:
    image: a
`).diagnostics();
  assert.deepEqual(list.map((d) => d.code), ['alias-cycle']);
  assert.deepEqual(fixture(t, `x-h: &h
  image: a
services:
  web:
    <<: *h
`).diagnostics('alias-cycle'), []);
});

test('unknown-anchor: an alias with no anchor of its name above it is an error (Compose refuses it), also when the anchor comes later', (t) => {
  const list = fixture(t, `x-defaults: &defaults
  restart: always
services:
  web:
    <<: *defualts
    image: a
  db:
    image: *img
  cache:
    image: &img redis
`).diagnostics();
  assert.deepEqual(list.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.character]), [
    ['unknown-anchor', 1, 4, 8, 17],
    ['unknown-anchor', 1, 7, 11, 15],
  ]);
  assert.match(String(list[0]!.message), /no anchor &defualts is defined above it \(did you mean \*defaults\?\)/);
  assert.match(String(list[1]!.message), /&img is defined below it/);
  // Every alias that names an anchor above it is fine, in a flow list and as a merge key alike.
  assert.deepEqual(fixture(t, `x-defaults: &defaults
  restart: always
services:
  web:
    <<: *defaults
    image: &img a
    entrypoint: [*img]
`).diagnostics('unknown-anchor'), []);
});

test('excessive-aliasing: a billion laughs is refused, a few levels of aliases are not', (t) => {
  const levels = (n: number, width: number) => {
    const out = ['x-a: &a {k: v}'];
    let prev = 'a';
    for (let i = 0; i < n; i++) {
      const name = `l${i}`;
      out.push(`x-${name}: &${name} [${Array(width).fill(`*${prev}`).join(', ')}]`);
      prev = name;
    }
    return `${out.join('\n')}
services:
  web:
    image: a
`;
  };
  assert.deepEqual(fixture(t, levels(9, 9)).diagnostics().map((d) => d.code), ['excessive-aliasing']);
  assert.deepEqual(fixture(t, levels(4, 3)).diagnostics('excessive-aliasing'), []);
  // No anchor holds an alias, but one of 2,000 keys named by 1,100 aliases expands to 4.4 million values;
  // 900 aliases stay under the limit. (In x- keys, which no rule expands, so the test stays quick.)
  const shared = (aliases: number) => {
    const keys = Array.from({ length: 2000 }, (_, i) => `  k${i}: v`);
    const uses = Array.from({ length: aliases }, (_, i) => `x-use${i}: *big`);
    return `x-big: &big\n${keys.join('\n')}\n${uses.join('\n')}\nservices:\n  web:\n    image: a\n`;
  };
  const refused = fixture(t, shared(1100)).diagnostics('excessive-aliasing');
  assert.deepEqual(refused.map((d) => d.range.start.line), [2001]);
  assert.deepEqual(fixture(t, shared(900)).diagnostics('excessive-aliasing'), []);
});

test('legacy-layout: one diagnostic for a v1 file, nothing else', (t) => {
  const list = fixture(t, `web:
  image: nginx
  links: [db]
  ports: ["80:80"]
db:
  extends:
    service: web
`).diagnostics();
  assert.deepEqual(list.map((d) => d.code), ['legacy-layout']);
  assert.equal(list[0]!.severity, DiagnosticSeverity.Error);
  assert.deepEqual(list[0]!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
  assert.deepEqual(fixture(t, `services:
  web:
    image: nginx
`).diagnostics('legacy-layout'), []);
});

test('legacy-layout: not said past a syntax error, where the tree is what the parser read before it', (t) => {
  // Read up to the error, this is a file of one service at the top level: a v1 file, but only by accident.
  const pasted = fixture(t, `  cache:
    image: redis:7
services:
  web:
    image: nginx
`).diagnostics();
  assert.deepEqual(pasted.map((d) => d.code), ['yaml-syntax']);
  // A v1 file with a syntax error: the error first, as Compose says it; the layout once it reads.
  assert.deepEqual(fixture(t, `web:
  image: "nginx
db:
  image: postgres
`).diagnostics().map((d) => d.code).filter((c) => c !== 'yaml-syntax'), []);
});

test('obsolete-version: a hint tagged Unnecessary', (t) => {
  const list = fixture(t, `version: "3.8"
services:
  web:
    image: nginx
`).diagnostics('obsolete-version');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.severity, DiagnosticSeverity.Hint);
  assert.deepEqual(list[0]!.tags, [1]);
  assert.deepEqual(fixture(t, `services:
  web:
    image: nginx
`).diagnostics('obsolete-version'), []);
});

test('non-finite-number: infinity and not-a-number as YAML writes them, anywhere in the file; quoted, 1e400 and .Nan are text to Compose', (t) => {
  const fx = fixture(t, `x-ratio: .nan
services:
  web:
    image: nginx
    labels:
      limit: .inf
      huge: 1e400
      odd: .Nan
      quoted: ".INF"
    environment:
      - LOW=-.inf
      - X
    healthcheck:
      retries: +.INF
`);
  const list = fx.diagnostics('non-finite-number');
  assert.deepEqual(list.map((d) => `${d.range.start.line}:${d.range.start.character}`), ['0:9', '5:13', '13:15']);
  assert.ok(list.every((d) => d.severity === DiagnosticSeverity.Error));
  assert.match(String(list[0]!.message), /not a number.*"json: unsupported value: NaN"/);
  assert.match(String(list[1]!.message), /infinite number.*\+Inf/);
});

test('invalid-merge: << takes a mapping or a list of mappings, written there or through an alias; a list holding a number, a number, nothing is an error, and follows an edit of the anchor', (t) => {
  const source = (list: string) => `x-m: &m
  restart: always
x-l: &l
  - tty: true
x-s: &s
${list}
services:
  a:
    image: nginx
    <<: *s
  b:
    image: nginx
    <<: [*m, 1]
  c:
    image: nginx
    <<: ~
  d:
    image: nginx
    <<: [*m, {tty: true}]
  e:
    image: nginx
    <<: {restart: "no"}
  f:
    image: nginx
    <<: *l
`;
  const fx = fixture(t, { 'compose.yaml': source('  - 1') });
  const list = fx.diagnostics('invalid-merge');
  assert.deepEqual(list.map((d) => `${d.range.start.line}:${d.range.start.character}`), ['9:8', '12:13', '15:8']);
  assert.deepEqual(fx.diagnostics('unknown-anchor'), []);
  assert.ok(list.every((d) => d.severity === DiagnosticSeverity.Error));
  assert.match(String(list[0]!.message), /this is \*s, a list with a number or boolean in it/);
  assert.match(String(list[1]!.message), /this is a number or boolean/);
  assert.match(String(list[2]!.message), /this is nothing/);
  // The anchor becomes a mapping: the service that merges it is judged again.
  fx.open('compose.yaml', source('  tty: true'));
  assert.deepEqual(fx.diagnostics('invalid-merge').map((d) => d.range.start.line), [12, 15]);
  assert.deepEqual(fx.restarted().diagnostics(fx.uri('compose.yaml')).filter((d) => d.code === 'invalid-merge').map((d) => d.range.start.line), [12, 15]);
});

test('long-key: a key whose colon is more than 1,024 characters from its start, in a block or a flow mapping; 1,024 and an explicit ? key are fine', (t) => {
  const key = (length: number) => `x-${'a'.repeat(length - 2)}`;
  const fx = fixture(t, `services:
  web:
    image: nginx
    labels: {${'b'.repeat(1030)}: 1}
${key(1024)}: 1
${key(1025)}: 1
${key(1024)} : 1
"${'c'.repeat(1023)}": 1
? ${key(1100)}
: 1
`);
  const found = fx.diagnostics('long-key');
  assert.deepEqual(found.map((d) => [d.range.start.line, d.range.start.character]), [[3, 13], [5, 0], [6, 0], [7, 0]]);
  assert.match(String(found[1]!.message), /runs 1,025 characters up to its colon, over the 1,024/);
  assert.ok(found.every((d) => d.severity === DiagnosticSeverity.Error));
});
