import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver';
import { lines, setup, type Options } from './helpers';

/** Applies the first quick fix for `code` and returns the new text and its diagnostics of that code. */
function fix(text: string, code: string, options: Options = {}): { text: string; after: Diagnostic[]; title: string } {
  const { service, uri } = setup(text, options);
  const target = service.diagnostics(uri).find((d) => d.code === code);
  assert.ok(target, `no ${code} diagnostic to fix`);
  const actions = service.codeActions(uri, target.range, [target]);
  assert.equal(actions.length, 1, `one action for ${code}`);
  const edits = actions[0]!.edit!.changes![uri]!;
  const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'dockercompose', 1, text), edits);
  service.documentChanged(TextDocument.create(uri, 'dockercompose', 2, fixed));
  return { text: fixed, after: service.diagnostics(uri).filter((d) => d.code === code), title: actions[0]!.title };
}

test('did you mean: the key is replaced', () => {
  const r = fix(lines('services:', '  web:', '    image: nginx', '    enviroment: {A: b}'), 'unknown-key');
  assert.equal(r.text, lines('services:', '  web:', '    image: nginx', '    environment: {A: b}'));
  assert.deepEqual(r.after, []);
});

test('declare a network: under an existing section, at its indentation', () => {
  const r = fix(lines('services:', '    web:', '        image: nginx', '        networks: [front]', 'networks:', '    back:', '        driver: bridge'), 'undefined-network');
  assert.equal(r.text, lines('services:', '    web:', '        image: nginx', '        networks: [front]', 'networks:', '    back:', '        driver: bridge', '    front: {}'));
  assert.deepEqual(r.after, []);
});

test('declare a volume: creates the section when there is none', () => {
  const r = fix(lines('services:', '  db:', '    image: postgres', '    volumes: ["data:/var/lib/postgresql/data"]'), 'undefined-volume');
  assert.equal(r.text, lines('services:', '  db:', '    image: postgres', '    volumes: ["data:/var/lib/postgresql/data"]', 'volumes:', '  data: {}'));
  assert.deepEqual(r.after, []);
});

test('declare a secret: with a file source, in an empty section; and in a flow section', () => {
  const r = fix(lines('services:', '  db:', '    image: postgres', '    secrets: [pw]', 'secrets:'), 'undefined-secret', { files: { 'pw.txt': 'x' } });
  assert.equal(r.text, lines('services:', '  db:', '    image: postgres', '    secrets: [pw]', 'secrets:', '  pw:', '    file: ./pw.txt'));
  assert.deepEqual(r.after, []);
  const flow = fix(lines('services:', '  web:', '    image: x', '    networks: [a, b]', 'networks: {a: {}}'), 'undefined-network');
  assert.equal(flow.text, lines('services:', '  web:', '    image: x', '    networks: [a, b]', 'networks: {a: {}, b: {}}'));
});

test('remove version: the whole line goes', () => {
  const r = fix(lines('version: "3.8"', 'services:', '  web:', '    image: nginx'), 'obsolete-version');
  assert.equal(r.text, lines('services:', '  web:', '    image: nginx'));
  assert.deepEqual(r.after, []);
});

test('default for an unset variable: ${VAR} and $VAR become ${VAR:-}', () => {
  const r = fix(lines('services:', '  web:', '    image: nginx:${TAG}'), 'unset-variable');
  assert.equal(r.text, lines('services:', '  web:', '    image: nginx:${TAG:-}'));
  assert.deepEqual(r.after, []);
  const bare = fix(lines('services:', '  web:', '    image: nginx:$TAG'), 'unset-variable');
  assert.equal(bare.text, lines('services:', '  web:', '    image: nginx:${TAG:-}'));
});

test('no action for diagnostics that have no obvious fix or come from elsewhere', () => {
  const { service, uri } = setup(lines('services:', '  a:', '    image: x', '    depends_on: [a]'));
  const list = service.diagnostics(uri);
  assert.deepEqual(service.codeActions(uri, list[0]!.range, list), []);
  const foreign = { ...list[0]!, source: 'other', code: 'unknown-key', data: { suggestion: 'x' } };
  assert.deepEqual(service.codeActions(uri, list[0]!.range, [foreign]), []);
});
