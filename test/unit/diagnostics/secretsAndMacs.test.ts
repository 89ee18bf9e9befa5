// permissions-ignored (rules/permissionsIgnored.ts), swarm-only-external (rules/externalSecrets.ts), unset-variable for a secret read from the environment (rules/mountedFiles.ts) and
// mac-address-conflict (rules/macAddressConflict.ts): what `compose up` ignores on a mounted file, the external
// secrets and configs it refuses, and the MAC addresses it refuses to reconcile. What Compose and the engine
// do with each shape is in test/docker/engine-verdicts.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { fixture } from '../../support/fixture';

test('permissions-ignored: uid, gid and mode on a secret or config read from a file are each a warning on the key; from environment, content or an external one, or with none of them, nothing', (t) => {
  const fx = fixture(t, {
    'compose.yaml': `services:
  web:
    image: x
    secrets:
      - source: token
        uid: "1000"
        gid: "1000"
      - source: from_env
        mode: 0400
      - token
      - source: outside
        mode: 0400
    configs:
      - source: settings
        target: /etc/app.conf
        mode: 0440
      - source: inline
        target: /etc/inline.conf
        mode: 0440
      - source: settings
        target: /etc/plain.conf
  api:
    image: x
    configs:
      - source: settings
        uid: "33"
secrets:
  token:
    file: ./token.txt
  from_env:
    environment: TOKEN
  outside:
    external: true
configs:
  settings:
    file: ./app.conf
  inline:
    content: hello
`,
    'token.txt': 'x',
    'app.conf': 'x',
  });
  const list = fx.diagnostics('permissions-ignored');
  assert.deepEqual(list.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.severity]), [
    [5, 8, 11, DiagnosticSeverity.Warning],
    [6, 8, 11, DiagnosticSeverity.Warning],
    [15, 8, 12, DiagnosticSeverity.Warning],
    [25, 8, 11, DiagnosticSeverity.Warning],
  ]);
  assert.match(String(list[0]!.message), /`compose up` ignores `uid` here: the secret "token" is read from a file/);
  assert.match(String(list[2]!.message), /ignores `mode` here: the config "settings" is read from a file/);
});

test('permissions-ignored: a project with no secret or config read from a file says nothing, and one defined again in an override without a file is left alone', (t) => {
  const none = fixture(t, { 'compose.yaml': 'services:\n  web:\n    image: x\n    secrets:\n      - source: s\n        mode: 0400\nsecrets:\n  s:\n    environment: S\n' });
  assert.deepEqual(none.diagnostics('permissions-ignored'), []);
  const overridden = fixture(t, {
    'compose.yaml': 'services:\n  web:\n    image: x\n    secrets:\n      - source: s\n        mode: 0400\nsecrets:\n  s:\n    file: ./s.txt\n',
    'compose.override.yaml': 'secrets:\n  s:\n    environment: S\n',
    's.txt': 'x',
  });
  assert.deepEqual(overridden.diagnostics('permissions-ignored'), []);
});

const macs = (networks: string, own = '02:42:ac:11:00:02') => `services:
  web:
    image: x
    mac_address: ${own}
    networks:
${networks}networks:
  aa: {}
  bb: {}
`;

test('mac-address-conflict: the mac_address of the first network (highest priority, then the name that sorts first) differing from the service\'s is an error on it', (t) => {
  const at = (source: string) => fixture(t, source).diagnostics('mac-address-conflict').map((d) => [d.range.start.line, d.range.start.character, d.severity]);
  // bb is written first, but aa sorts first: Compose connects aa first.
  assert.deepEqual(at(macs('      bb:\n        mac_address: 02:42:ac:11:00:03\n      aa:\n        mac_address: 02:42:ac:11:00:09\n')), [[8, 21, DiagnosticSeverity.Error]]);
  // A higher priority makes bb the first.
  assert.deepEqual(at(macs('      aa:\n        mac_address: 02:42:ac:11:00:09\n      bb:\n        priority: 10\n        mac_address: 02:42:ac:11:00:03\n')), [[9, 21, DiagnosticSeverity.Error]]);
  // Compared as written: another case is another address to Compose.
  assert.deepEqual(at(macs('      aa:\n        mac_address: 02:42:AC:11:00:02\n')), [[6, 21, DiagnosticSeverity.Error]]);
  const list = fixture(t, macs('      aa:\n        mac_address: 02:42:ac:11:00:09\n')).diagnostics('mac-address-conflict');
  assert.match(String(list[0]!.message), /"aa", 02:42:ac:11:00:09: Compose refuses to create the container \("the service-level mac_address should have the same value as network aa"\)/);
});

test('mac-address-conflict: the same address, a difference on a network that is not the first, no address on the first, a variable, a priority that is not a number or a network_mode say nothing', (t) => {
  const none = (source: string) => assert.deepEqual(fixture(t, source).diagnostics('mac-address-conflict'), [], source);
  none(macs('      aa:\n        mac_address: 02:42:ac:11:00:02\n      bb:\n        mac_address: 02:42:ac:11:00:03\n'));
  none(macs('      aa:\n      bb:\n        mac_address: 02:42:ac:11:00:03\n'));
  none(macs('      aa:\n        mac_address: ${MAC}\n'));
  none(macs('      aa:\n        mac_address: 02:42:ac:11:00:09\n', '${MAC}'));
  none(macs('      aa:\n        mac_address: 02:42:ac:11:00:09\n      bb:\n        priority: ${P}\n'));
  none(macs('      - aa\n      - bb\n'));
  none(macs('      aa:\n        mac_address: 02:42:ac:11:00:09\n').replace('    networks:\n', '    network_mode: bridge\n    networks:\n'));
  none('services:\n  web:\n    image: x\n    networks:\n      aa:\n        mac_address: 02:42:ac:11:00:09\nnetworks:\n  aa: {}\n');
});

test('swarm-only-external: a service using an external secret or config is a warning at the use, naming what Compose looks for; a build\'s secrets, unused and file-backed ones are not; an override setting external counts', (t) => {
  const fx = fixture(t, {
    'compose.yaml': `services:
  web:
    image: x
    secrets:
      - db_password
      - token
    configs:
      - source: proxy
        target: /etc/proxy.conf
    build:
      context: .
      secrets: [db_password]
secrets:
  db_password:
    external: true
    name: prod_db_password
  token:
    file: ./token.txt
  unused:
    external: true
configs:
  proxy:
    file: ./proxy.conf
`,
    'compose.override.yaml': 'configs:\n  proxy:\n    external: true\n',
  });
  const list = fx.diagnostics('swarm-only-external').map((d) => [d.range.start.line, d.range.start.character, d.severity, String(d.message)] as const);
  assert.deepEqual(list.map(([line, character, severity]) => [line, character, severity]), [[4, 8, DiagnosticSeverity.Warning], [7, 16, DiagnosticSeverity.Warning]]);
  assert.match(list[0]![3], /^The secret "db_password" is external, which only a Swarm keeps: `docker compose up` refuses to start service "web" \("unsupported external secret prod_db_password"\), though `docker stack deploy` takes it/);
  assert.match(list[1]![3], /"unsupported external config proxy"/);
  // The fix reads the secret from a file where this file defines it external; the config is made external by the override: no fix here.
  const [secret, config] = fx.diagnostics('swarm-only-external').sort((a, b) => a.range.start.line - b.range.start.line);
  const actions = fx.service.codeActions(fx.uri('compose.yaml'), secret!.range, [secret!]);
  assert.deepEqual(actions.map((a) => [a.title, !!a.isPreferred]), [['Read secret "db_password" from ./db_password.txt instead of external', false]]);
  const fixed = fx.apply(actions[0]!.edit!)['compose.yaml']!;
  assert.match(fixed, /  db_password:\n    file: \.\/db_password\.txt\n    name: prod_db_password\n/);
  assert.deepEqual(fx.service.codeActions(fx.uri('compose.yaml'), config!.range, [config!]), []);
  fx.open('compose.yaml', fixed);
  assert.deepEqual(fx.diagnostics('swarm-only-external').map((d) => d.range.start.line), [7]);
});

test('unset-variable: a used secret or config read from environment: NAME that neither the environment nor .env sets is a warning at the name; set, unused or written with a variable, nothing', (t) => {
  const text = `services:
  web:
    image: nginx
    secrets: [token]
    configs: [settings]
secrets:
  token:
    environment: API_TOKEN
  spare:
    environment: NOT_USED
configs:
  settings:
    environment: APP_SETTINGS
`;
  const unset = fixture(t, text).diagnostics('unset-variable');
  unset.sort((a, b) => a.range.start.line - b.range.start.line);
  assert.deepEqual(unset.map((d) => [d.range.start.line, d.severity]), [[7, DiagnosticSeverity.Warning], [12, DiagnosticSeverity.Warning]]);
  assert.match(String(unset[0]!.message), /^Variable API_TOKEN is not set \(neither in the environment nor in \.env\): the secret "token" is read from it, and `compose up` refuses a service that uses it/);
  const set = fixture(t, { 'compose.yaml': text, '.env': 'API_TOKEN=x\n' }, { env: { APP_SETTINGS: 'y' } }).diagnostics('unset-variable');
  assert.deepEqual(set, []);
});
