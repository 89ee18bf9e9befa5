// The TextMate injection grammar, tokenized the way VS Code does it
// (vscode-textmate + oniguruma). A small stand-in for source.yaml gives the
// injection comments and quoted strings to live in; the e2e tier checks the
// same grammar against VS Code's real YAML grammar.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { IGrammar } from 'vscode-textmate';
import { loadComposeGrammar, manifest, tokenizeLines, type Token } from '../support/grammar';

const stubYaml = {
  scopeName: 'source.yaml',
  patterns: [
    // begin/end like the real YAML grammar, so an injection could get inside.
    { begin: '#', end: '$', name: 'comment.line.number-sign.yaml' },
    { begin: '"', end: '"', name: 'string.quoted.double.yaml' },
    { begin: "'", end: "'", name: 'string.quoted.single.yaml' },
  ],
};

let grammar: IGrammar;

before(async () => {
  grammar = await loadComposeGrammar(new Map([['source.yaml', stubYaml]]));
});

function tokenize(line: string): Token[] {
  return tokenizeLines(grammar, line)[0]!;
}

/** The texts of the tokens carrying a scope that starts with `scope`. */
function textsWith(line: string, scope: string): string[] {
  return tokenize(line)
    .filter((t) => t.scopes.some((s) => s.startsWith(scope)))
    .map((t) => t.text);
}

describe('manifest wiring of the grammars', () => {
  it('gives the dockercompose language our root grammar and injects into it', () => {
    const grammars = manifest.contributes.grammars as { language?: string; scopeName: string; injectTo?: string[] }[];
    assert.deepEqual(
      grammars.find((g) => g.language === 'dockercompose')?.scopeName,
      'source.dockercompose',
    );
    assert.deepEqual(grammars.find((g) => g.scopeName === 'dockhand.compose.injection')?.injectTo, ['source.dockercompose']);
  });
});

describe('interpolation', () => {
  it('marks ${VAR} with its name', () => {
    assert.deepEqual(textsWith('image: "app:${TAG}"', 'variable.other.interpolation'), ['TAG']);
    assert.deepEqual(textsWith('image: "app:${TAG}"', 'punctuation.definition.interpolation'), ['${', '}']);
  });

  for (const operator of [':-', '-', ':?', '?', ':+', '+']) {
    it(`marks the ${operator} modifier and the text after it`, () => {
      const line = `port: "\${PORT${operator}8080}"`;
      assert.deepEqual(textsWith(line, 'keyword.operator.interpolation'), [operator]);
      assert.deepEqual(textsWith(line, 'string.unquoted.interpolation.value'), ['8080']);
    });
  }

  it('follows nested interpolation in a default', () => {
    const line = 'url: "${URL:-http://${HOST:-localhost}:80}"';
    assert.deepEqual(textsWith(line, 'variable.other.interpolation'), ['URL', 'HOST']);
    assert.deepEqual(textsWith(line, 'punctuation.definition.interpolation.end'), ['}', '}']);
  });

  it('marks $VAR without braces, up to the end of the name', () => {
    assert.deepEqual(textsWith('command: "echo $HOME/bin"', 'variable.other.interpolation'), ['HOME']);
  });

  it('takes $$ as an escaped dollar, not a variable', () => {
    const line = 'command: "echo $$HOME"';
    assert.deepEqual(textsWith(line, 'constant.character.escape.dollar'), ['$$']);
    assert.deepEqual(textsWith(line, 'variable.other.interpolation'), []);
  });

  it('works in plain scalars too', () => {
    assert.deepEqual(textsWith('image: app:${TAG:-latest}', 'variable.other.interpolation'), ['TAG']);
  });

  it('leaves comments alone', () => {
    assert.deepEqual(textsWith('# uses ${TAG} and "8001:5432"', 'meta.interpolation'), []);
    assert.deepEqual(textsWith('# uses ${TAG} and "8001:5432"', 'meta.port-mapping'), []);
  });

  it('does not take a name that starts with a digit', () => {
    assert.deepEqual(textsWith('x: "$1 ${2}"', 'variable.other.interpolation'), []);
  });
});

describe('port mappings', () => {
  it('splits "8001:5432" into host and container port', () => {
    const line = '  - "8001:5432"';
    assert.deepEqual(textsWith(line, 'constant.numeric.port.host'), ['8001']);
    assert.deepEqual(textsWith(line, 'constant.numeric.port.container'), ['5432']);
  });

  it('reads an IP, both ports and a protocol', () => {
    const line = '  - 127.0.0.1:80:8080/tcp';
    assert.deepEqual(textsWith(line, 'constant.numeric.ip-address'), ['127.0.0.1']);
    assert.deepEqual(textsWith(line, 'constant.numeric.port.host'), ['80']);
    assert.deepEqual(textsWith(line, 'constant.numeric.port.container'), ['8080']);
    assert.deepEqual(textsWith(line, 'keyword.other.protocol'), ['tcp']);
  });

  it('reads port ranges, IPv6 addresses and a trailing comment', () => {
    assert.deepEqual(textsWith("  - '9000-9002:9000-9002'", 'constant.numeric.port.host'), ['9000-9002']);
    assert.deepEqual(textsWith('  - "[::1]:8080:80"', 'constant.numeric.ip-address'), ['[::1]']);
    assert.deepEqual(textsWith('  - 4000:80   # the web port', 'constant.numeric.port.container'), ['80']);
    assert.deepEqual(textsWith('  - 53/udp', 'keyword.other.protocol'), ['udp']);
  });

  it('does not take bare numbers, times in prose or volume specs for ports', () => {
    assert.deepEqual(textsWith('  - "3000"', 'meta.port-mapping'), []);
    assert.deepEqual(textsWith('command: "sleep 10:30"', 'meta.port-mapping'), []);
    assert.deepEqual(textsWith('  - ./data:/data', 'meta.port-mapping'), []);
    assert.deepEqual(textsWith('  - "8001:5432x"', 'meta.port-mapping'), []);
  });

  it('does not take a quoted user:group for a port, and still reads ports in a flow list', () => {
    assert.deepEqual(textsWith('    user: "1000:1000"', 'meta.port-mapping'), []);
    assert.deepEqual(textsWith("    user: '1000:1000'", 'meta.port-mapping'), []);
    assert.deepEqual(textsWith('    ports: ["8080:80", "9000:90"]', 'constant.numeric.port.host'), ['8080', '9000']);
  });
});
