import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fixture } from '../../support/fixture';

test('dependency-cycle: a circle of three, reported on each edge with the path', (t) => {
  const list = fixture(t, `services:
  a:
    image: x
    depends_on: [b]
  b:
    image: x
    depends_on: [c]
  c:
    image: x
    depends_on: [a]
`).diagnostics('dependency-cycle');
  assert.equal(list.length, 3);
  assert.match(String(list[0]!.message), /dependency cycle detected: a -> b -> c -> a/);
});

test('dependency-cycle: a service depending on itself; a chain is fine', (t) => {
  const self = fixture(t, `services:
  a:
    image: x
    depends_on: [a]
`).diagnostics('dependency-cycle');
  assert.match(String(self[0]!.message), /a -> a \(service "a" depends on itself/);
  assert.deepEqual(fixture(t, `services:
  a:
    image: x
    depends_on: [b]
  b:
    image: x
    links: [c]
  c:
    image: x
`).diagnostics('dependency-cycle'), []);
});

test('dependency-cycle: through links, volumes_from and network_mode, across the override file', (t) => {
  const list = fixture(t, `services:
  a:
    image: x
    volumes_from: [b]
  b:
    image: x

#- compose.override.yaml
services:
  b:
    network_mode: service:a
`).diagnostics('dependency-cycle');
  assert.equal(list.length, 1);
});

test('extends-cycle: through another file', (t) => {
  const other = `services:
  other:
    extends:
      file: compose.yaml
      service: web
`;
  const list = fixture(t, `services:
  web:
    extends:
      file: other.yaml
      service: other

#- other.yaml
${other}`).diagnostics('extends-cycle');
  assert.equal(list.length, 1);
  assert.match(String(list[0]!.message), /Circular reference: web \(compose\.yaml\) extends other \(other\.yaml\) extends web \(compose\.yaml\)/);
});

test('extends: a chain is fine; a missing file or service is an error', (t) => {
  const base = `services:
  base:
    image: x
`;
  assert.deepEqual(fixture(t, `services:
  web:
    extends:
      file: base.yaml
      service: base

#- base.yaml
${base}`).diagnostics().filter((d) => d.severity === 1), []);
  assert.equal(fixture(t, `services:
  web:
    extends:
      file: nope.yaml
      service: base
`).diagnostics('extends-file-not-found').length, 1);
  const missing = fixture(t, `services:
  web:
    extends:
      file: base.yaml
      service: bse

#- base.yaml
${base}`).diagnostics('undefined-service');
  assert.match(String(missing[0]!.message), /Cannot extend service "bse"/);
});

test('include-cycle: a file including itself, or through another', (t) => {
  const self = fixture(t, `include:
  - compose.yaml
services:
  a:
    image: x
`).diagnostics('include-cycle');
  assert.match(String(self[0]!.message), /include cycle detected: compose\.yaml -> compose\.yaml/);
  const two = fixture(t, `include:
  - b.yaml
services:
  a:
    image: x

#- b.yaml
include:
  - compose.yaml
`).diagnostics('include-cycle');
  assert.equal(two.length, 1);
  const fine = fixture(t, `include:
  - b.yaml
services:
  a:
    image: x

#- b.yaml
services:
  b:
    image: y
`).diagnostics();
  assert.deepEqual(fine.filter((d) => d.code === 'include-cycle' || d.code === 'include-not-found'), []);
});

test('include-cycle: a circle through twenty files is found (a search once stopped at sixteen), with its whole path', (t) => {
  const files = Array.from({ length: 19 }, (_, i) => `#- c${i + 1}.yaml\ninclude:\n  - ${i < 18 ? `c${i + 2}.yaml` : 'compose.yaml'}\nservices:\n  s${i + 1}:\n    image: x\n`);
  const list = fixture(t, `include:\n  - c1.yaml\nservices:\n  web:\n    image: x\n\n${files.join('\n')}`).diagnostics('include-cycle');
  assert.equal(list.length, 1);
  assert.match(String(list[0]!.message), /^include cycle detected: compose\.yaml -> c1\.yaml -> c2\.yaml -> .* -> c19\.yaml -> compose\.yaml\./);
});

test('includes nested twelve deep: the names of the deepest file are known at the top, as Compose knows them (a bound of eight once made them undefined)', (t) => {
  const files = Array.from({ length: 12 }, (_, i) =>
    i < 11 ? `#- i${i + 1}.yaml\ninclude:\n  - i${i + 2}.yaml\nservices:\n  s${i + 1}:\n    image: x\n` : `#- i12.yaml\nnetworks:\n  deepnet: {}\n`);
  const list = fixture(t, `include:\n  - i1.yaml\nservices:\n  web:\n    image: x\n    networks: [deepnet]\n\n${files.join('\n')}`).diagnostics();
  assert.deepEqual(list.filter((d) => d.severity === 1).map((d) => `${d.code} ${d.message}`), []);
});

test('include-not-found: a missing included file', (t) => {
  assert.equal(fixture(t, `include:
  - nope.yaml
services:
  a:
    image: x
`).diagnostics('include-not-found').length, 1);
});

test('an unsaved (untitled) document: relative files are not judged', (t) => {
  // Not a file of the fixture's folder: an editor buffer that was never saved.
  const service = fixture(t).service;
  const uri = 'untitled:Untitled-1';
  service.documentChanged(TextDocument.create(uri, 'dockercompose', 1, `include: [other.yaml]
services:
  a:
    image: x
    env_file: [a.env]
    extends: {file: b.yaml, service: b}
`));
  const list = service.diagnostics(uri).filter((d) => ['include-not-found', 'missing-env-file', 'extends-file-not-found'].includes(String(d.code)));
  assert.deepEqual(list, []);
});

test('strongly connected components: a long chain does not overflow the stack; a ring is one component', async () => {
  const { stronglyConnected } = await import('../../../server/src/diagnostics/rules/cycles');
  const chain = new Map<string, Set<string>>();
  for (let i = 0; i < 100_000; i++) chain.set(`s${i}`, new Set([`s${i + 1}`]));
  const components = stronglyConnected(chain);
  assert.equal(new Set(components.values()).size, 100_001);
  chain.set('s100000', new Set(['s0']));
  assert.equal(new Set(stronglyConnected(chain).values()).size, 1);
});
