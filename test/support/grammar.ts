// Our TextMate grammars (package.json's contributes.grammars) tokenized the
// way VS Code does it: vscode-textmate on oniguruma, each injection grammar
// injected where the manifest says. The YAML grammar beneath is the test's to
// give: a small stand-in in the unit tier, VS Code's own in the e2e tier.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

/** The extension's manifest, as VS Code reads it. */
export const manifest = JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8'));

export type Token = { text: string; scopes: string[] };

/**
 * `source.dockercompose` with the manifest's grammars, over the given
 * grammars by scope name (a file path, or the grammar itself).
 */
export async function loadComposeGrammar(beneath: ReadonlyMap<string, string | object>): Promise<vsctm.IGrammar> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const files = new Map<string, string | object>(beneath);
  for (const contribution of manifest.contributes.grammars as { scopeName: string; path: string }[]) {
    files.set(contribution.scopeName, resolve(repoRoot, contribution.path));
  }
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      const grammar = files.get(scopeName);
      if (grammar === undefined) return null;
      return typeof grammar === 'string' ? vsctm.parseRawGrammar(readFileSync(grammar, 'utf8'), grammar) : vsctm.parseRawGrammar(JSON.stringify(grammar), `${scopeName}.json`);
    },
    getInjections: (scopeName) =>
      (manifest.contributes.grammars as { scopeName: string; injectTo?: string[] }[])
        .filter((g) => g.injectTo?.includes(scopeName))
        .map((g) => g.scopeName),
  });
  const loaded = await registry.loadGrammar('source.dockercompose');
  if (!loaded) throw new Error('source.dockercompose did not load');
  return loaded;
}

/** Each line's tokens, the state carried from line to line as in an editor. */
export function tokenizeLines(grammar: vsctm.IGrammar, text: string): Token[][] {
  let state = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}
