// The injection grammar on top of the YAML grammar VS Code really ships (from
// the cached code-server), over whole example files: Compose tokens get our
// scopes, and YAML's own colouring (keys, comments) is untouched.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { IGrammar } from 'vscode-textmate';
import { ensureCodeServer } from '../../scripts/code-server.mjs';
import { loadComposeGrammar, tokenizeLines, type Token } from '../support/grammar';
import { examplesDir } from './harness/paths';

let grammar: IGrammar;

before(async () => {
  const { entry } = (await ensureCodeServer()) as { entry: string };
  const yamlSyntaxes = join(dirname(entry), '..', '..', 'lib', 'vscode', 'extensions', 'yaml', 'syntaxes');
  assert.ok(existsSync(yamlSyntaxes), `VS Code's YAML grammars are not at ${yamlSyntaxes}`);
  const files = new Map<string, string>();
  for (const name of readdirSync(yamlSyntaxes)) {
    const path = join(yamlSyntaxes, name);
    files.set(JSON.parse(readFileSync(path, 'utf8')).scopeName, path);
  }
  grammar = await loadComposeGrammar(files);
});

const tokenizeFile = (path: string): Token[][] => tokenizeLines(grammar, readFileSync(path, 'utf8'));

const withScope = (lines: Token[][], scope: string) =>
  lines.flat().filter((t) => t.scopes.some((s) => s.startsWith(scope))).map((t) => t.text);

describe("the injection grammar on VS Code's YAML grammar", () => {
  it('marks both ports of every mapping in myapp, and nothing in its comments', () => {
    const lines = tokenizeFile(join(examplesDir, 'myapp', 'compose.yaml'));
    assert.deepEqual(withScope(lines, 'constant.numeric.port.host'), ['8000', '8001']);
    assert.deepEqual(withScope(lines, 'constant.numeric.port.container'), ['8000', '5432']);
    // Line 2 is a comment that mentions db:5432 and port 8001.
    assert.ok(lines[1].every((t) => t.scopes.some((s) => s.startsWith('comment'))), JSON.stringify(lines[1]));
  });

  it('marks interpolation with its variable, modifier and default', () => {
    const lines = tokenizeFile(join(examplesDir, 'myapp', 'compose.yaml'));
    assert.deepEqual(withScope(lines, 'variable.other.interpolation'), ['POSTGRES_PASSWORD']);
    assert.deepEqual(withScope(lines, 'keyword.operator.interpolation'), [':-']);
    assert.deepEqual(withScope(lines, 'string.unquoted.interpolation.value'), ['example']);
  });

  it('reads an address, ports and protocol, and interpolation inside a port mapping', () => {
    const lines = tokenizeFile(join(examplesDir, 'multi-file', 'compose.override.yaml'));
    assert.deepEqual(withScope(lines, 'constant.numeric.ip-address'), ['127.0.0.1']);
    assert.deepEqual(withScope(lines, 'keyword.other.protocol'), ['tcp']);
    const base = tokenizeFile(join(examplesDir, 'multi-file', 'compose.yaml'));
    assert.deepEqual(withScope(base, 'variable.other.interpolation'), ['API_PORT', 'API_PORT']);
  });

  it("keeps YAML's own scopes: keys are still keys", () => {
    const lines = tokenizeFile(join(examplesDir, 'web-swarm', 'compose.yaml'));
    const keys = withScope(lines, 'entity.name.tag.yaml');
    for (const key of ['services', 'web', 'deploy', 'replicas', 'ports', 'networks']) assert.ok(keys.includes(key), `${key} is not a key: ${keys.join(', ')}`);
    assert.deepEqual(withScope(lines, 'constant.numeric.port.host'), ['4000']);
  });
});
