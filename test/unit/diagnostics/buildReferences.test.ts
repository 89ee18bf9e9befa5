// What a build names elsewhere in the project: the secrets it reads (`build.secrets`, model/fileModel.ts) and the
// services whose images it builds on (`build.additional_contexts`, rules/buildContexts.ts). Compose refuses a file
// where either is wrong; the messages quoted are Compose 2.26's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { rename } from '../../../server/src/features/rename';
import { fixture } from '../../support/fixture';

test('build.secrets: a secret no file defines is undefined-secret, in either syntax ("refers to undefined build secret"); a defined one is not, and renaming it renames the build\'s use', (t) => {
  const fx = fixture(t, `services:
  web:
    build:
      context: .
      secrets:
        - nope
        - source: $1token
          target: t
        - source: gone
secrets:
  token:
    environment: HOME
`);
  const list = fx.diagnostics('undefined-secret');
  assert.deepEqual(list.map((d) => [d.range.start.line, d.range.start.character, d.severity]), [[5, 10, DiagnosticSeverity.Error], [8, 18, DiagnosticSeverity.Error]]);
  assert.match(String(list[0]!.message), /undefined secret "nope"/);
  const renamed = fx.apply(rename(fx.at(1), 'api_token')!)['compose.yaml']!;
  assert.match(renamed, /- source: api_token\n/);
  assert.match(renamed, /\n  api_token:\n    environment: HOME/);
});

test('missing-secret-file for a secret only builds read says the build fails, not the container', (t) => {
  const fx = fixture(t, {
    'compose.yaml': 'services:\n  web:\n    build:\n      context: .\n      secrets: [token]\nsecrets:\n  token:\n    file: ./token.txt\n',
    Dockerfile: 'FROM scratch\n',
  });
  const list = fx.diagnostics('missing-secret-file');
  assert.equal(list.length, 1);
  assert.match(String(list[0]!.message), /the secret "token" is read from it, and building service "web" fails\. Create the file before `compose build`\./);
  const mounted = fixture(t, {
    'compose.yaml': 'services:\n  web:\n    build:\n      context: .\n      secrets: [token]\n    secrets: [token]\nsecrets:\n  token:\n    file: ./token.txt\n',
    Dockerfile: 'FROM scratch\n',
  });
  assert.match(String(mounted.diagnostics('missing-secret-file')[0]!.message), /the engine refuses to start a container that uses it/);
});

test('non-buildable-context: a build context naming a service with no build is an error at the name, in both syntaxes; a service with a build, extends or a merge, or an undefined one, is not', (t) => {
  const fx = fixture(t, {
    'compose.yaml': `x-built: &built
  build: .
services:
  base:
    image: alpine
  built:
    build: .
  extended:
    extends: built
  merged:
    <<: *built
  web:
    build:
      context: .
      additional_contexts:
        a: service:base
        b: service:built
        c: service:extended
        d: service:merged
        e: service:ghost
  api:
    build:
      context: .
      additional_contexts:
        - a=service:base
`,
    Dockerfile: 'FROM scratch\n',
  });
  const list = fx.diagnostics('non-buildable-context');
  assert.deepEqual(list.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.severity]), [
    [15, 19, 23, DiagnosticSeverity.Error],
    [24, 20, 24, DiagnosticSeverity.Error],
  ]);
  assert.match(String(list[0]!.message), /Service "web" builds on the image of service "base" \(in build.additional_contexts\), which has no `build`: Compose refuses the file/);
  assert.deepEqual(fx.diagnostics('undefined-service').map((d) => d.range.start.line), [19]);
});

test('non-buildable-context in a file that may be combined with others through -f is a warning', (t) => {
  const fx = fixture(t, {
    'build.yml': 'services:\n  base:\n    image: alpine\n  web:\n    build:\n      context: .\n      additional_contexts:\n        a: service:base\n',
    Dockerfile: 'FROM scratch\n',
  });
  assert.deepEqual(fx.diagnostics('non-buildable-context').map((d) => d.severity), [DiagnosticSeverity.Warning]);
});

test('invalid-value: a build network a typo away from default, none or host is a warning that says BuildKit refuses a network\'s name; those words and other names are left alone', (t) => {
  const text = (network: string) => `services:\n  web:\n    build:\n      context: .\n      dockerfile_inline: FROM alpine\n      network: ${network}\n`;
  const found = fixture(t, text('hots')).diagnostics('invalid-value');
  assert.deepEqual(found.map((d) => [d.range.start.line, d.severity]), [[5, 2]]);
  assert.match(String(found[0]!.message), /^'hots' is not a build network: did you mean 'host'\? .*BuildKit, the builder Compose v2 uses, refuses/);
  for (const fine of ['host', 'none', 'default', 'build-net']) assert.deepEqual(fixture(t, text(fine)).diagnostics('invalid-value'), [], fine);
});
