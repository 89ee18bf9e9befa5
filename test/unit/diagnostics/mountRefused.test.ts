// exclusive-keys on a long-syntax mount (the spec's refusedWhen, rules/exclusiveKeys.ts): a key the engine refuses
// for the mount's type; and a short mount of a one-letter volume, which Compose reads as a Windows drive path
// (rules/driveLetterVolumes.ts). Held to the engine in test/docker/engine-verdicts.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { fixture } from '../../support/fixture';

test('exclusive-keys: a source on a type: tmpfs mount is an error at source, with a fix that removes it; other types keep theirs', (t) => {
  const source = 'services:\n  web:\n    image: nginx\n    volumes:\n      - type: tmpfs\n        source: ./cache\n        target: /cache\n      - type: bind\n        source: ./conf\n        target: /etc/app\n';
  const fx = fixture(t, source);
  const name = fx.files[0]!;
  const list = fx.diagnostics('exclusive-keys');
  assert.deepEqual(list.map((d) => [d.range.start.line, d.range.start.character, d.severity]), [[5, 8, DiagnosticSeverity.Error]]);
  assert.match(String(list[0]!.message), /^services\.web\.volumes\.0: 'source' cannot be set with 'type: tmpfs': Compose loads it, and the engine refuses it at up \("invalid mount config for type "tmpfs": field Source must not be specified"\)/);
  const [remove] = fx.service.codeActions(fx.uri(name), list[0]!.range, [list[0]!]);
  assert.equal(remove?.title, 'Remove source');
  const fixed = fx.apply(remove!.edit!)[name]!;
  assert.equal(fixed, source.replace('        source: ./cache\n', ''));
  fx.open(name, fixed);
  assert.deepEqual(fx.diagnostics('exclusive-keys'), []);
});

test('invalid-format: a short mount of a one-letter volume the project defines (v:/data) reads as a Windows drive path: an error, with a fix to the long syntax; other letters, drive paths and names are left alone', (t) => {
  const source = 'services:\n  web:\n    image: nginx\n    volumes:\n      - v:/data\n      - "C:/cache"\n      - vv:/other\n      - w:/x:ro\nvolumes:\n  v:\n  vv:\n';
  const fx = fixture(t, source);
  const name = fx.files[0]!;
  const list = fx.diagnostics('invalid-format').filter((d) => /Windows drive/.test(String(d.message)));
  assert.deepEqual(list.map((d) => [d.range.start.line, d.range.start.character, d.severity]), [[4, 8, DiagnosticSeverity.Error]]);
  assert.match(String(list[0]!.message), /^'v:\/data' is not volume "v" at \/data: Compose reads a letter and a colon before a slash as a Windows drive/);
  const [fix] = fx.service.codeActions(fx.uri(name), list[0]!.range, [list[0]!]);
  assert.equal(fix?.title, 'Mount volume "v" at /data (long syntax)');
  const fixed = fx.apply(fix!.edit!)[name]!;
  assert.equal(fixed, source.replace('- v:/data', '- {type: volume, source: v, target: /data}'));
  fx.open(name, fixed);
  assert.deepEqual(fx.diagnostics('invalid-format').filter((d) => /Windows drive/.test(String(d.message))), []);
});

test('invalid-format: a volume name the local driver refuses (a space, a leading dash, one character) is an error on the name; a plugin driver, an external volume and a good name are left alone', (t) => {
  const volume = (body: string) => `services:\n  web:\n    image: nginx\n    volumes: [data:/data]\nvolumes:\n  data:\n${body}`;
  const names = (body: string) => fixture(t, volume(body)).diagnostics('invalid-format').map((d) => [d.range.start.line, d.range.start.character, String(d.message).slice(0, 40)]);
  assert.deepEqual(names('    name: "my vol"\n'), [[6, 10, '\'my vol\' holds characters the local driv']]);
  assert.deepEqual(names('    name: -x\n'), [[6, 10, '\'-x\' holds characters the local driver r']]);
  assert.deepEqual(names('    name: a\n    driver: local\n'), [[6, 10, '\'a\' is too short: the local driver wants']]);
  for (const fine of ['    name: app_data.v2-1\n', '    name: "my vol"\n    driver: rexray/ebs\n', '    name: "my vol"\n    external: true\n', '    name: "my vol"\n    external: yes\n', '    name: ${VOLUME_NAME:-data}\n']) {
    assert.deepEqual(names(fine), [], fine);
  }
});

test('invalid-format: a build tag the engine cannot read as an image name (a space, capitals in the name) is an error on the tag; variables and good tags are left alone', (t) => {
  const fx = fixture(t, 'services:\n  web:\n    build:\n      context: .\n      dockerfile_inline: FROM alpine\n      tags: ["app:Bad Tag", "MyOrg/App:1", "myorg/app:Latest", "${REGISTRY:-local}/app:1"]\n');
  const found = fx.diagnostics('invalid-format').map((d) => [d.range.start.character, String(d.message).slice(0, 31)]);
  assert.deepEqual(found, [[13, '\'app:Bad Tag\' is not an image r'], [28, '\'MyOrg/App:1\' is not an image n']]);
});
