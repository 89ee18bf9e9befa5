import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { fixture, type Cleanup } from '../../support/fixture';

/** The quick fixes offered for the first diagnostic of `code` in the fixture's first file. */
function offered(t: Cleanup, source: string | Record<string, string>, code: string) {
  const fx = fixture(t, source);
  const name = fx.files[0]!;
  const target = fx.diagnostics(code)[0];
  assert.ok(target, `no ${code} diagnostic to fix`);
  return { fx, name, actions: fx.service.codeActions(fx.uri(name), target.range, [target]) };
}

/**
 * Applies the first quick fix for `code` in the fixture's first file and
 * returns the file's new text and its diagnostics of that code.
 */
function fix(t: Cleanup, source: string | Record<string, string>, code: string): { text: string; after: Diagnostic[]; title: string } {
  const { fx, name, actions } = offered(t, source, code);
  assert.ok(actions.length >= 1, `an action for ${code}`);
  const fixed = fx.apply(actions[0]!.edit!)[name];
  assert.ok(fixed !== undefined, `the fix for ${code} edits ${name}`);
  fx.open(name, fixed);
  return { text: fixed, after: fx.diagnostics(code), title: actions[0]!.title };
}

test('did you mean: the key is replaced', (t) => {
  const r = fix(t, `services:
  web:
    image: nginx
    enviroment: {A: b}
`, 'unknown-key');
  assert.equal(r.text, `services:
  web:
    image: nginx
    environment: {A: b}
`);
  assert.deepEqual(r.after, []);
});

test('did you mean: never a key the mapping already has, which the change would write twice', (t) => {
  // `imgae` beside an `image`: the closest key is taken, and no other is within reach.
  const taken = offered(t, 'services:\n  web:\n    image: nginx\n    imgae: redis\n', 'unknown-key');
  assert.doesNotMatch(String(taken.fx.diagnostics('unknown-key')[0]!.message), /Did you mean 'image'/);
  assert.deepEqual(taken.actions.map((a) => a.title).filter((title) => title === "Change to 'image'"), []);
  const none = offered(t, 'services:\n  web:\n    ports: ["80:80"]\n    potrs: ["81:81"]\n', 'unknown-key');
  assert.deepEqual(none.actions.map((a) => a.title), []);
  // One written only through a merge may be written on its own: the service's own value wins.
  const merged = fix(t, 'x-base: &base\n  image: nginx\nservices:\n  web:\n    <<: *base\n    imgae: redis\n', 'unknown-key');
  assert.equal(merged.title, "Change to 'image'");
  assert.deepEqual(merged.after, []);
});

test('unknown anchor: the alias is changed to the anchor above it with the closest name', (t) => {
  const r = fix(t, `x-defaults: &defaults
  restart: always
services:
  web:
    <<: *defualts
    image: nginx
`, 'unknown-anchor');
  assert.equal(r.title, "Change '*defualts' to '*defaults'");
  assert.match(r.text, /<<: \*defaults\n/);
  assert.deepEqual(r.after, []);
});

test('declare a network: under an existing section, at its indentation', (t) => {
  const r = fix(t, `services:
    web:
        image: nginx
        networks: [front]
networks:
    back:
        driver: bridge
`, 'undefined-network');
  assert.equal(r.text, `services:
    web:
        image: nginx
        networks: [front]
networks:
    back:
        driver: bridge
    front: {}
`);
  assert.deepEqual(r.after, []);
});

test('declare a volume: creates the section when there is none', (t) => {
  const r = fix(t, `services:
  db:
    image: postgres
    volumes: ["data:/var/lib/postgresql/data"]
`, 'undefined-volume');
  assert.equal(r.text, `services:
  db:
    image: postgres
    volumes: ["data:/var/lib/postgresql/data"]
volumes:
  data: {}
`);
  assert.deepEqual(r.after, []);
});

test('declare a secret: with a file source, in an empty section; and in a flow section', (t) => {
  const r = fix(t, `services:
  db:
    image: postgres
    secrets: [pw]
secrets:

#- pw.txt
x`, 'undefined-secret');
  assert.equal(r.text, `services:
  db:
    image: postgres
    secrets: [pw]
secrets:
  pw:
    file: ./pw.txt
`);
  assert.deepEqual(r.after, []);
  const flow = fix(t, `services:
  web:
    image: x
    networks: [a, b]
networks: {a: {}}
`, 'undefined-network');
  assert.equal(flow.text, `services:
  web:
    image: x
    networks: [a, b]
networks: {a: {}, b: {}}
`);
});

test('remove version: the whole line goes', (t) => {
  const r = fix(t, `version: "3.8"
services:
  web:
    image: nginx
`, 'obsolete-version');
  assert.equal(r.text, `services:
  web:
    image: nginx
`);
  assert.deepEqual(r.after, []);
});

test('default for an unset variable: ${VAR} and $VAR become ${VAR:-}', (t) => {
  const r = fix(t, `services:
  web:
    image: nginx:\${TAG}
`, 'unset-variable');
  assert.equal(r.text, `services:
  web:
    image: nginx:\${TAG:-}
`);
  assert.deepEqual(r.after, []);
  const bare = fix(t, `services:
  web:
    image: nginx:$TAG
`, 'unset-variable');
  assert.equal(bare.text, `services:
  web:
    image: nginx:\${TAG:-}
`);
});

test('no action for diagnostics that have no obvious fix or come from elsewhere', (t) => {
  // A circle through links: no entry to remove that would surely be meant.
  const fx = fixture(t, `services:
  a:
    image: x
    links: [a]
`);
  const uri = fx.uri('compose.yaml');
  const list = fx.diagnostics();
  assert.equal(list[0]?.code, 'dependency-cycle');
  assert.deepEqual(fx.service.codeActions(uri, list[0]!.range, list), []);
  const foreign = { ...list[0]!, source: 'other', code: 'unknown-key', data: { suggestion: 'x' } };
  assert.deepEqual(fx.service.codeActions(uri, list[0]!.range, [foreign]), []);
});

test('did you mean, for values, service names and URL hosts and ports', (t) => {
  const condition = fix(t, `services:
  web:
    image: x
    depends_on:
      db: {condition: service_healty}
  db:
    image: y
`, 'invalid-value');
  assert.match(condition.text, /condition: service_healthy\}/);
  assert.equal(condition.title, "Change 'service_healty' to 'service_healthy'");
  const service = fix(t, `services:
  web:
    image: x
    depends_on: [dbb]
  db:
    image: y
`, 'undefined-service');
  assert.match(service.text, /depends_on: \[db\]/);
  assert.deepEqual(service.after, []);
  const env = (value: string) => `services:
  api:
    image: x
    environment:
      URL: ${value}
  db:
    image: y
    ports: ["8001:5432"]
`;
  assert.match(fix(t, env('postgres://db:8001/app'), 'host-port-in-url').text, /postgres:\/\/db:5432\/app/);
  assert.match(fix(t, env('postgres://dbb:5432/app'), 'unknown-host').text, /postgres:\/\/db:5432\/app/);
});

test('an undefined network close to a defined one offers both fixes: rename and declare', (t) => {
  const fx = fixture(t, `services:
  web:
    image: x
    networks: [fronts]
networks:
  front: {}
`);
  const uri = fx.uri('compose.yaml');
  const d = fx.diagnostics().find((x) => x.code === 'undefined-network')!;
  assert.deepEqual(fx.service.codeActions(uri, d.range, [d]).map((a) => a.title), ["Change 'fronts' to 'front'", "Declare network 'fronts' under top-level `networks:`"]);
});

test('a fix belongs to the rule of the diagnostic’s code and checks the document still holds what the rule saw', (t) => {
  const fx = fixture(t, `services:
  web:
    image: nginx:\${TAG}
    depends_on: [web]
`);
  const uri = fx.uri('compose.yaml');
  const list = fx.diagnostics();
  const unset = list.find((d) => d.code === 'unset-variable')!;
  assert.deepEqual(unset.data, { variable: 'TAG' });
  // Data another rule would fix, on a code whose rule has no fix: nothing.
  const cycle = list.find((d) => d.code === 'dependency-cycle')!;
  assert.deepEqual(fx.service.codeActions(uri, cycle.range, [{ ...cycle, data: { replace: { from: 'web', to: 'db' }, variable: 'TAG' } }]), []);
  // The variable the rule named is no longer what the range holds (the editor sent stale data): nothing.
  assert.deepEqual(fx.service.codeActions(uri, unset.range, [{ ...unset, data: { variable: 'OTHER' } }]), []);
  // Without the rule's data there is nothing to go on.
  assert.deepEqual(fx.service.codeActions(uri, unset.range, [{ ...unset, data: undefined }]), []);
});

test('port not exposed: the container port becomes the one the Dockerfile exposes', (t) => {
  const r = fix(t, `services:
  api:
    build: ./api
    ports:
      - "3000:8080"

#- api/Dockerfile
FROM scratch
EXPOSE 3000
`, 'port-not-exposed');
  assert.equal(r.text, `services:
  api:
    build: ./api
    ports:
      - "3000:3000"
`);
  assert.equal(r.title, 'Use container port 3000 (exposed by the image)');
  assert.deepEqual(r.after, []);
});

test('port not exposed behind a host port written with a variable: the container port written after it is judged and fixed alone', (t) => {
  const r = fix(t, `services:
  api:
    build: ./api
    ports:
      - "\${API_PORT:-3000}:8080"

#- api/Dockerfile
FROM scratch
EXPOSE 3000
`, 'port-not-exposed');
  assert.equal(r.text, 'services:\n  api:\n    build: ./api\n    ports:\n      - "${API_PORT:-3000}:3000"\n');
  assert.deepEqual(r.after, []);
  // A container port written with a variable is not judged.
  assert.deepEqual(fixture(t, `services:\n  api:\n    build: ./api\n    ports:\n      - "8080:\${INNER:-8080}"\n\n#- api/Dockerfile\nFROM scratch\nEXPOSE 3000\n`).diagnostics('port-not-exposed'), []);
});

test('declare a network follows the file\'s own way of writing an empty one', (t) => {
  const bare = fix(t, `services:
  web:
    image: nginx
    networks: [frontend, backend]
networks:
  backend:
`, 'undefined-network');
  assert.equal(bare.text, `services:
  web:
    image: nginx
    networks: [frontend, backend]
networks:
  backend:
  frontend:
`);
  assert.deepEqual(bare.after, []);
  const braces = fix(t, `services:
  web:
    image: nginx
    networks: [frontend, backend]
networks:
  backend: {}
`, 'undefined-network');
  assert.equal(braces.text, `services:
  web:
    image: nginx
    networks: [frontend, backend]
networks:
  backend: {}
  frontend: {}
`);
  // No network written yet: the volumes section shows the file's style.
  const fromVolumes = fix(t, `services:
  web:
    image: nginx
    networks: [frontend]
volumes:
  data:
`, 'undefined-network');
  assert.equal(fromVolumes.text, `services:
  web:
    image: nginx
    networks: [frontend]
volumes:
  data:
networks:
  frontend:
`);
});

test('a word outside the allowed set: one fix per allowed word, the closest preferred', (t) => {
  const fx = fixture(t, `services:
  web:
    image: nginx
    restart: alway
`);
  const uri = fx.uri('compose.yaml');
  const target = fx.diagnostics().find((d) => d.code === 'invalid-format' || d.code === 'invalid-value')!;
  assert.ok(target);
  assert.match(String(target.message), /'on-failure\[:max-retries\]'/);
  assert.doesNotMatch(String(target.message), /variant/);
  const actions = fx.service.codeActions(uri, target.range, [target]);
  assert.deepEqual(actions.map((a) => a.title), ["Change 'alway' to 'always'", "Change 'alway' to 'no'", "Change 'alway' to 'on-failure'", "Change 'alway' to 'unless-stopped'"]);
  assert.equal(actions[0]!.isPreferred, true);
  assert.ok(actions.slice(1).every((a) => !a.isPreferred));
  const none = fixture(t, `services:
  web:
    image: nginx
    restart: sometimes
`);
  const far = none.diagnostics().find((d) => d.code === 'invalid-format')!;
  assert.equal(none.service.codeActions(none.uri('compose.yaml'), far.range, [far]).length, 4, 'no close word: still every allowed one');
});

test('port conflict: the host port becomes one no service of the project publishes', (t) => {
  const r = fix(t, `services:
  web:
    image: nginx
    ports: ["8080:80"]
  api:
    image: node
    ports:
      - "8080:3000"
      - 8081:3001
`, 'port-conflict');
  assert.equal(r.title, 'Publish on host port 8082 instead (free in this project)');
  assert.equal(r.text, `services:
  web:
    image: nginx
    ports: ["8082:80"]
  api:
    image: node
    ports:
      - "8080:3000"
      - 8081:3001
`);
  assert.deepEqual(r.after, []);
  const long = fix(t, `services:
  web:
    image: nginx
    ports:
      - target: 80
        published: "9000"
  api:
    image: node
    ports: ["9000:3000"]
`, 'port-conflict');
  assert.match(long.text, /published: "9001"/);
  assert.deepEqual(long.after, []);
});

test('dependency cycle: removing the entry that closes the circle', (t) => {
  const r = fix(t, `services:
  web:
    image: nginx
    depends_on:
      - api
      - db
  api:
    image: node
    depends_on:
      web:
        condition: service_started
  db:
    image: postgres
`, 'dependency-cycle');
  assert.match(r.title, /Remove the dependency of "(web|api)" on "(api|web)"/);
  assert.deepEqual(r.after, []);
  assert.ok(r.text.includes('      - db\n'), r.text);
  const flow = fix(t, `services:
  a:
    image: x
    depends_on: [c, b]
  b:
    image: x
    depends_on: [a]
  c:
    image: x
`, 'dependency-cycle');
  assert.equal(flow.text, `services:
  a:
    image: x
    depends_on: [c]
  b:
    image: x
    depends_on: [a]
  c:
    image: x
`);
});

test('dependency cycle: the only entry goes with its depends_on (an empty depends_on is null, which Compose refuses)', (t) => {
  const list = fix(t, `services:
  web:
    image: nginx
    depends_on:
      - api
    restart: always
  api:
    image: node
    depends_on: [web]
`, 'dependency-cycle');
  assert.equal(list.text, `services:
  web:
    image: nginx
    restart: always
  api:
    image: node
    depends_on: [web]
`);
  assert.deepEqual(list.after, []);
  const mapping = fix(t, `services:
  api:
    image: node
    depends_on:
      web:
        condition: service_started
        restart: true
  web: {image: nginx, depends_on: [api]}
`, 'dependency-cycle');
  assert.equal(mapping.text, 'services:\n  api:\n    image: node\n  web: {image: nginx, depends_on: [api]}\n');
  assert.deepEqual(mapping.after, []);
});

test('non-finite number: the value is quoted, and Compose reads it as text', (t) => {
  const r = fix(t, `services:
  web:
    image: nginx
    labels:
      limit: -.Inf
`, 'non-finite-number');
  assert.equal(r.text, `services:
  web:
    image: nginx
    labels:
      limit: "-.Inf"
`);
  assert.deepEqual(r.after, []);
});

test('boolean word: yes is replaced by true', (t) => {
  const r = fix(t, `services:
  web:
    image: nginx
    privileged: yes
`, 'boolean-word');
  assert.equal(r.text, `services:
  web:
    image: nginx
    privileged: true
`);
  assert.deepEqual(r.after, []);
  assert.match(r.title, /'yes' to 'true'/);
});

test('reformatted value: the quick fix quotes the value as written', (t) => {
  const r = fix(t, `services:
  web:
    image: nginx
    environment:
      PYTHON_VERSION: 3.10
`, 'reformatted-value');
  assert.equal(r.text, `services:
  web:
    image: nginx
    environment:
      PYTHON_VERSION: "3.10"
`);
  assert.deepEqual(r.after, []);
  assert.equal(r.title, 'Quote 3.10 to keep it as text');
});

test('host sysctl: the setting goes, with `sysctls:` when it was the only one, in either form', (t) => {
  const map = fix(t, `services:
  es:
    image: elasticsearch:8.15.0
    sysctls:
      vm.max_map_count: 262144
    restart: always
`, 'host-sysctl');
  assert.equal(map.title, 'Remove vm.max_map_count from sysctls');
  assert.equal(map.text, `services:
  es:
    image: elasticsearch:8.15.0
    restart: always
`);
  assert.deepEqual(map.after, []);
  const list = fix(t, `services:
  redis:
    image: redis
    sysctls:
      - net.core.somaxconn=1024
      - vm.overcommit_memory=1   # for background saves
    command: redis-server
`, 'host-sysctl');
  assert.equal(list.text, `services:
  redis:
    image: redis
    sysctls:
      - net.core.somaxconn=1024
    command: redis-server
`);
  assert.deepEqual(list.after, []);
  const flow = fix(t, `services:
  redis:
    image: redis
    sysctls: {net.core.somaxconn: 1024, vm.overcommit_memory: 1}
`, 'host-sysctl');
  assert.match(flow.text, /sysctls: \{net\.core\.somaxconn: 1024\}\n/);
  assert.deepEqual(flow.after, []);
});

test('mount options of another type: the ignored options go, and the mount keeps its own', (t) => {
  const r = fix(t, `services:
  app:
    image: nginx
    volumes:
      - type: volume
        source: data
        target: /data
        bind:
          propagation: rshared
        read_only: true
volumes:
  data:
`, 'mount-option-ignored');
  assert.equal(r.title, 'Remove the `bind:` options Compose ignores here');
  assert.equal(r.text, `services:
  app:
    image: nginx
    volumes:
      - type: volume
        source: data
        target: /data
        read_only: true
volumes:
  data:
`);
  assert.deepEqual(r.after, []);
});

test('permissions on a file-backed secret: the ignored key goes, not a fix offered where the entry starts its list item', (t) => {
  const source = `services:
  app:
    image: nginx
    secrets:
      - source: token
        mode: 0400
secrets:
  token:
    file: ./token.txt
`;
  const r = fix(t, source, 'permissions-ignored');
  assert.equal(r.title, 'Remove `mode` (the file keeps its permissions from the disk)');
  assert.equal(r.text, source.replace('        mode: 0400\n', ''));
  assert.deepEqual(r.after, []);
  // `- mode: 0400` carries the item's dash: removing its line would join `source` to the list above.
  assert.deepEqual(offered(t, source.replace('      - source: token\n        mode: 0400\n', '      - mode: 0400\n        source: token\n'), 'permissions-ignored').actions, []);
});

test('MAC address conflict: either side takes the other\'s address, quotes kept, and the conflict goes', (t) => {
  const source = `services:
  app:
    image: nginx
    mac_address: "02:42:ac:11:00:02"
    networks:
      front:
        mac_address: 02:42:ac:11:00:03
    restart: always
networks:
  front:
`;
  const { fx, name, actions } = offered(t, source, 'mac-address-conflict');
  assert.deepEqual(actions.map((a) => a.title), [
    'Give network "front" the service\'s mac_address, 02:42:ac:11:00:02',
    'Give the service the mac_address of network "front", 02:42:ac:11:00:03',
  ]);
  assert.ok(actions.every((a) => !a.isPreferred), 'neither is preferred: either may be the one meant');
  const toNetwork = fx.apply(actions[0]!.edit!)[name]!;
  assert.equal(toNetwork, source.replace('mac_address: 02:42:ac:11:00:03', 'mac_address: 02:42:ac:11:00:02'));
  const toService = fx.apply(actions[1]!.edit!)[name]!;
  assert.equal(toService, source.replace('"02:42:ac:11:00:02"', '"02:42:ac:11:00:03"'));
  for (const fixed of [toNetwork, toService]) {
    fx.open(name, fixed);
    assert.deepEqual(fx.diagnostics('mac-address-conflict'), []);
  }
});

test('MAC address conflict: found again after the block moved, the service\'s address is still where the fix looks', (t) => {
  const source = `services:
  app:
    image: nginx
    mac_address: 02:42:ac:11:00:02
    networks:
      front:
        mac_address: 02:42:ac:11:00:03
networks:
  front:
`;
  const fx = fixture(t, source);
  const name = fx.files[0]!;
  // Lines added above the service: its block only moves, and its findings with it.
  const moved = source.replace('services:\n', 'services:\n  other:\n    image: busybox\n');
  fx.open(name, source);
  fx.diagnostics('mac-address-conflict');
  fx.open(name, moved);
  const target = fx.diagnostics('mac-address-conflict')[0];
  assert.ok(target, 'the conflict is still found');
  const actions = fx.service.codeActions(fx.uri(name), target.range, [target]);
  assert.equal(actions.length, 2);
  assert.equal(fx.apply(actions[1]!.edit!)[name], moved.replace('mac_address: 02:42:ac:11:00:02', 'mac_address: 02:42:ac:11:00:03'));
});

test('disabled dependency: the long form gets `required: false` at its keys\' indentation, or has its `required: true` turned, and the warning goes', (t) => {
  const source = `services:
  web:
    image: nginx
    depends_on:
      db:
        condition: service_healthy
    restart: always
  db:
    image: postgres
    profiles: [debug]
`;
  const r = fix(t, source, 'disabled-dependency');
  assert.equal(r.title, 'Make the dependency on "db" optional (required: false): Compose then starts without it');
  assert.equal(r.text, source.replace('        condition: service_healthy\n', '        condition: service_healthy\n        required: false\n'));
  assert.deepEqual(r.after, []);
  const turned = fix(t, source.replace('        condition: service_healthy\n', '        condition: service_healthy\n        required: true\n'), 'disabled-dependency');
  assert.equal(turned.text, r.text);
  const flow = fix(t, source.replace('      db:\n        condition: service_healthy\n', '      db: {condition: service_healthy}\n'), 'disabled-dependency');
  assert.match(flow.text, /db: \{condition: service_healthy, required: false\}\n/);
  assert.deepEqual(flow.after, []);
});

test('disabled dependency: a short list is written in the long form, each entry with the condition the short form means, only the disabled one optional', (t) => {
  const source = `services:
  web:
    image: nginx
    depends_on:
      - cache
      - "db"
    restart: always
  cache:
    image: redis
  db:
    image: postgres
    profiles: [debug]
`;
  const r = fix(t, source, 'disabled-dependency');
  assert.equal(r.text, source.replace('      - cache\n      - "db"\n', `      cache:
        condition: service_started
      db:
        condition: service_started
        required: false
`));
  assert.deepEqual(r.after, []);
  // A list written at its key's own column: the mapping goes one step deeper than the key.
  const compact = fix(t, source.replace('      - cache\n      - "db"\n', '    - cache\n    - "db"\n'), 'disabled-dependency');
  assert.equal(compact.text, r.text);
  assert.deepEqual(compact.after, []);
  const flow = fix(t, source.replace('\n      - cache\n      - "db"\n', ' [cache, db]\n'), 'disabled-dependency');
  assert.match(flow.text, /depends_on: \{cache: \{condition: service_started\}, db: \{condition: service_started, required: false\}\}\n/);
  assert.deepEqual(flow.after, []);
});

test('disabled dependency: no fix where it would change other services (a merged depends_on) or lose a comment inside the list; one above it stays', (t) => {
  const merged = `x-deps: &deps
  depends_on:
    - db
services:
  web:
    image: nginx
    <<: *deps
  db:
    image: postgres
    profiles: [debug]
`;
  assert.deepEqual(offered(t, merged, 'disabled-dependency').actions, []);
  const commented = `services:
  web:
    image: nginx
    depends_on:
      # what web needs
      - cache
      # the database, when debugging
      - db
  cache:
    image: redis
  db:
    image: postgres
    profiles: [debug]
`;
  assert.deepEqual(offered(t, commented, 'disabled-dependency').actions, []);
  const above = fix(t, commented.replace('      # the database, when debugging\n', ''), 'disabled-dependency');
  assert.match(above.text, /depends_on:\n {6}# what web needs\n {6}cache:\n/);
  assert.deepEqual(above.after, []);
});

test('non-buildable context: the context becomes the image the service names, in either syntax, and the error goes', (t) => {
  const source = `services:
  base:
    image: alpine:3.20
  web:
    build:
      context: .
      additional_contexts:
        base: service:base
`;
  const files = { 'compose.yaml': source, Dockerfile: 'FROM scratch\n' };
  const r = fix(t, files, 'non-buildable-context');
  assert.equal(r.title, 'Build on the image of "base" instead (docker-image://alpine:3.20)');
  assert.equal(r.text, source.replace('base: service:base', 'base: docker-image://alpine:3.20'));
  assert.deepEqual(r.after, []);
  const list = source.replace('        base: service:base\n', '        - base=service:base\n');
  const listed = fix(t, { ...files, 'compose.yaml': list }, 'non-buildable-context');
  assert.equal(listed.text, list.replace('base=service:base', 'base=docker-image://alpine:3.20'));
  assert.deepEqual(listed.after, []);
  // A service with no image of its own: the message says what to write, and there is nothing to fill in.
  assert.deepEqual(offered(t, { ...files, 'compose.yaml': source.replace('    image: alpine:3.20\n', '    command: ["true"]\n') }, 'non-buildable-context').actions, []);
});

test('non-string key: the key is quoted, as written, and Compose reads it as text', (t) => {
  const source = `services:
  web:
    image: nginx
    environment:
      0x10: sixteen
`;
  const r = fix(t, source, 'non-string-key');
  assert.equal(r.title, 'Quote 0x10 to keep it as text');
  assert.equal(r.text, source.replace('0x10:', '"0x10":'));
  assert.deepEqual(r.after, []);
  // A list as a key has nothing to quote.
  assert.deepEqual(offered(t, 'services:\n  web:\n    image: nginx\n    labels:\n      [a, b]: c\n', 'non-string-key').actions, []);
});

test('duplicate item: the repeat goes and the first stays, in a block list and a flow one; a long-form repeat is left to the user', (t) => {
  const source = `services:
  web:
    image: nginx
    ports:
      - "8080:80"
      - 9090:90
      - "8080:80"
    depends_on: [db, db]
  db:
    image: postgres
`;
  const first = fix(t, source, 'duplicate-item');
  assert.equal(first.title, 'Remove the repeated "8080:80"');
  assert.equal(first.text, source.replace('      - 9090:90\n      - "8080:80"\n', '      - 9090:90\n'));
  assert.equal(first.after.length, 1, 'the depends_on repeat is still there');
  const second = fix(t, first.text, 'duplicate-item');
  assert.equal(second.text, first.text.replace('[db, db]', '[db]'));
  assert.deepEqual(second.after, []);
  const longForm = `services:
  web:
    image: nginx
    ports:
      - target: 80
        published: "8080"
      - target: 80
        published: "8080"
`;
  assert.deepEqual(offered(t, longForm, 'duplicate-item').actions, []);
});

test('deprecated external name: the name moves to the entry and external becomes true, block or flow; not where the entry has a name of its own', (t) => {
  const source = `services:
  web:
    image: nginx
    networks: [outside]
networks:
  outside:
    driver: bridge
    external:
      name: "corp-net"
`;
  const r = fix(t, source, 'deprecated-key');
  assert.equal(r.title, 'Move the name to the entry\'s own `name` and set `external: true`');
  assert.equal(r.text, source.replace('    external:\n      name: "corp-net"\n', '    name: "corp-net"\n    external: true\n'));
  assert.deepEqual(r.after, []);
  const flow = fix(t, source.replace('    external:\n      name: "corp-net"\n', '    external: {name: corp-net}\n'), 'deprecated-key');
  assert.equal(flow.text, r.text.replace('"corp-net"', 'corp-net'));
  assert.deepEqual(offered(t, source.replace('    driver: bridge\n', '    name: other\n'), 'deprecated-key').actions, []);
  // More than the name under `external`, or a comment the rewrite would drop: left as it is.
  assert.deepEqual(offered(t, source.replace('      name: "corp-net"\n', '      name: "corp-net"\n      x-owner: ops\n'), 'deprecated-key').actions, []);
  assert.deepEqual(offered(t, source.replace('      name: "corp-net"\n', '      name: "corp-net" # made by ops\n'), 'deprecated-key').actions, []);
});

test('missing env file: made optional in the long form, whichever way the entry is written, and Compose loads it without the file', (t) => {
  const source = (envFile: string) => `services:\n  web:\n    image: nginx\n${envFile}    restart: always\n`;
  const optional = (envFile: string) => {
    const { fx, name, actions } = offered(t, { 'compose.yaml': source(envFile), 'shared.env': 'A=1\n' }, 'missing-env-file');
    const action = actions.find((a) => a.title.startsWith('Make '));
    assert.ok(action, `a fix making the file optional for:\n${envFile}`);
    const fixed = fx.apply(action.edit!)[name]!;
    fx.open(name, fixed);
    assert.deepEqual(fx.diagnostics('missing-env-file'), [], fixed);
    return { fixed: fixed.slice(source('').indexOf('    restart'), -'    restart: always\n'.length), title: action.title };
  };
  const one = optional('    env_file: ./local.env\n');
  assert.equal(one.title, 'Make ./local.env optional (required: false): Compose then loads the project without it');
  assert.equal(one.fixed, '    env_file:\n      - path: ./local.env\n        required: false\n');
  // A comment after the path stays on the path's line.
  assert.equal(optional('    env_file: "./local.env"  # per machine\n').fixed, '    env_file:\n      - path: "./local.env"  # per machine\n        required: false\n');
  assert.equal(optional('    env_file:\n      - shared.env\n      - ./local.env\n').fixed, '    env_file:\n      - shared.env\n      - path: ./local.env\n        required: false\n');
  assert.equal(optional('    env_file: [shared.env, ./local.env]\n').fixed, '    env_file: [shared.env, {path: ./local.env, required: false}]\n');
  assert.equal(optional('    env_file:\n      - path: ./local.env\n').fixed, '    env_file:\n      - path: ./local.env\n        required: false\n');
  assert.equal(optional('    env_file:\n      - path: ./local.env\n        required: true\n').fixed, '    env_file:\n      - path: ./local.env\n        required: false\n');
  assert.equal(optional('    env_file: [{path: ./local.env}]\n').fixed, '    env_file: [{path: ./local.env, required: false}]\n');
  // A service written as a flow mapping gets a flow list.
  const flowBody = `services:\n  web: {image: nginx, env_file: ./local.env}\n`;
  const { fx, name, actions } = offered(t, flowBody, 'missing-env-file');
  const fixed = fx.apply(actions.find((a) => a.title.startsWith('Make '))!.edit!)[name]!;
  assert.equal(fixed, `services:\n  web: {image: nginx, env_file: [{path: ./local.env, required: false}]}\n`);
  fx.open(name, fixed);
  assert.deepEqual(fx.diagnostics('missing-env-file'), []);
  // A path written as a block scalar gets no rewrite.
  assert.ok(!offered(t, `services:\n  web:\n    image: nginx\n    env_file: >-\n      ./local.env\n`, 'missing-env-file').actions.some((a) => a.title.startsWith('Make ')));
});

test('missing env file written with a variable: looked for where the environment, .env and defaults put it, as Compose does; the file is made there, not under the text written; a variable nothing sets is left alone', (t) => {
  const source = `services:\n  web:\n    image: nginx\n    env_file: \${ENV_FILE:-.env.local}\n`;
  const { fx, actions } = offered(t, { 'compose.yaml': source, '.env.local.example': 'A=1\n' }, 'missing-env-file');
  const [finding] = fx.diagnostics('missing-env-file');
  assert.equal(finding!.severity, 1);
  assert.match(String(finding!.message), /^env file \$\{ENV_FILE:-\.env\.local\} \(\.env\.local here\) not found: Compose refuses to load the project/);
  assert.deepEqual(actions.map((a) => a.title).slice(0, 2), ['Create .env.local from .env.local.example', 'Create .env.local, empty']);
  assert.deepEqual(fx.apply(actions[1]!.edit!), { '.env.local': '' });
  // .env names another file: that one is looked for.
  fx.write('.env', 'ENV_FILE=prod.env\n');
  fx.service.filesChanged();
  assert.match(String(fx.diagnostics('missing-env-file')[0]?.message), /\(prod\.env here\) not found/);
  fx.write('prod.env', 'A=2\n');
  fx.service.filesChanged();
  assert.deepEqual(fx.diagnostics('missing-env-file'), []);
  // Nothing sets it and there is no default: it may be set when Compose runs (unset-variable says so).
  assert.deepEqual(fixture(t, `services:\n  web:\n    image: nginx\n    env_file: \${ENV_FILE}\n`).diagnostics('missing-env-file'), []);
});

test('missing env file: created from the template beside it, or empty, where the editor creates files; never over a file made meanwhile; no rewrite of a merged entry', (t) => {
  const source = `services:\n  web:\n    image: nginx\n    env_file: .env.local\n`;
  const { fx, actions } = offered(t, { 'compose.yaml': source, '.env.local.example': 'DB_HOST=db\nDB_PASSWORD=\n' }, 'missing-env-file');
  assert.deepEqual(actions.map((a) => a.title), [
    'Create .env.local from .env.local.example',
    'Create .env.local, empty',
    'Make .env.local optional (required: false): Compose then loads the project without it',
  ]);
  assert.ok(actions.every((a) => !a.isPreferred), 'which way out is meant is the user\'s call');
  const fromTemplate = fx.apply(actions[0]!.edit!);
  assert.deepEqual(fromTemplate, { '.env.local': 'DB_HOST=db\nDB_PASSWORD=\n' });
  assert.deepEqual(fx.apply(actions[1]!.edit!), { '.env.local': '' });
  // Made: the finding goes.
  fx.write('.env.local', fromTemplate['.env.local']!);
  assert.deepEqual(fx.restarted().diagnostics(fx.uri('compose.yaml')).filter((d) => d.code === 'missing-env-file'), []);
  // The edit creates without overwriting: applied after the file appeared, it fails and writes nothing.
  assert.throws(() => fx.apply(actions[0]!.edit!), /exists/);

  const plain = fixture(t, { 'compose.yaml': source }, { client: { createFiles: false } });
  const target = plain.diagnostics('missing-env-file')[0]!;
  assert.deepEqual(plain.service.codeActions(plain.uri('compose.yaml'), target.range, [target]).map((a) => a.title), [
    'Make .env.local optional (required: false): Compose then loads the project without it',
  ]);

  // An entry a merge brings: the file may be made, but the entry, which other services may share, is not rewritten.
  const merged = `x-env: &env\n  env_file: .env.local\nservices:\n  web:\n    image: nginx\n    <<: *env\n`;
  assert.deepEqual(offered(t, merged, 'missing-env-file').actions.map((a) => a.title), ['Create .env.local, empty']);
});

test('missing secret or config file: made from the template beside it, or empty, where the project reads it; the warning then goes', (t) => {
  const source = `services:\n  web:\n    image: nginx\n    secrets: [db_password]\n    configs: [site]\nsecrets:\n  db_password:\n    file: ./secrets/db_password.txt\nconfigs:\n  site:\n    file: "nginx.conf"\n`;
  const fx = fixture(t, { 'compose.yaml': source, 'nginx.conf.sample': 'server { listen 80; }\n' });
  const actionsFor = (code: string) => {
    const target = fx.diagnostics(code)[0];
    assert.ok(target, code);
    return fx.service.codeActions(fx.uri('compose.yaml'), target.range, [target]);
  };
  const secret = actionsFor('missing-secret-file');
  assert.deepEqual(secret.map((a) => a.title), ['Create ./secrets/db_password.txt, empty']);
  assert.deepEqual(fx.apply(secret[0]!.edit!), { 'secrets/db_password.txt': '' });
  const config = actionsFor('missing-config-file');
  assert.deepEqual(config.map((a) => a.title), ['Create nginx.conf from nginx.conf.sample', 'Create nginx.conf, empty']);
  const made = fx.apply(config[0]!.edit!);
  assert.deepEqual(made, { 'nginx.conf': 'server { listen 80; }\n' });
  fx.write('nginx.conf', made['nginx.conf']!);
  fx.write('secrets/db_password.txt', '');
  const after = fx.restarted().diagnostics(fx.uri('compose.yaml')).map((d) => d.code);
  assert.ok(!after.includes('missing-secret-file') && !after.includes('missing-config-file'), after.join(', '));
});

test('container_name on several replicas: the name is removed (preferred), and Compose names each container', (t) => {
  const source = `services:\n  worker:\n    image: busybox\n    container_name: worker\n    deploy:\n      replicas: 3\n`;
  const r = fix(t, source, 'container-name-replicas');
  assert.equal(r.title, 'Remove container_name: Compose then names each container itself');
  assert.equal(r.text, source.replace('    container_name: worker\n', ''));
  assert.deepEqual(r.after, []);
  assert.equal(offered(t, source, 'container-name-replicas').actions[0]!.isPreferred, true);
});

test('a fixed host port on several containers: the host port becomes a range of one port per container (preferred)', (t) => {
  const source = (ports: string) => `services:\n  web:\n    image: busybox\n    deploy:\n      replicas: 3\n    ports:\n${ports}`;
  for (const [before, after] of [
    ['      - "8080:80"\n', '      - "8080-8082:80"\n'],
    ['      - 127.0.0.1:8080:80/udp\n', '      - 127.0.0.1:8080-8082:80/udp\n'],
    ['      - "8080-8081:80"\n', '      - "8080-8082:80"\n'],
    ['      - target: 80\n        published: 8080\n', '      - target: 80\n        published: 8080-8082\n'],
    ['      - target: 80\n        published: "8080"\n', '      - target: 80\n        published: "8080-8082"\n'],
  ]) {
    const r = fix(t, source(before!), 'host-port-replicas');
    assert.equal(r.title, 'Publish host ports 8080-8082: one for each of the 3 containers');
    assert.equal(r.text, source(after!), before);
    assert.deepEqual(r.after, [], before);
    assert.equal(offered(t, source(before!), 'host-port-replicas').actions[0]!.isPreferred, true);
  }
  assert.deepEqual(offered(t, source('      - "8080-8081:80-81"\n'), 'host-port-replicas').actions, [], 'a range to a range: no range of host ports fixes it');
});

test('exclusive keys: one fix removes each key written in the mapping; external: true stays', (t) => {
  const source = `services:\n  web:\n    image: nginx\n    network_mode: host\n    networks:\n      - front\nnetworks:\n  front: {}\n`;
  const { fx, name, actions } = offered(t, source, 'exclusive-keys');
  assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Remove network_mode', undefined], ['Remove networks', undefined]]);
  for (const [i, removed] of [[0, '    network_mode: host\n'], [1, '    networks:\n      - front\n']] as const) {
    const fixed = fx.apply(actions[i]!.edit!)[name]!;
    assert.equal(fixed, source.replace(removed, ''));
    fx.open(name, fixed);
    assert.deepEqual(fx.diagnostics('exclusive-keys'), []);
    fx.open(name, source);
  }
  const volume = `services:\n  db:\n    image: postgres\n    volumes: [data:/var/lib/postgresql/data]\nvolumes:\n  data:\n    external: true\n    driver: local\n`;
  const r = fix(t, volume, 'exclusive-keys');
  assert.equal(r.title, 'Remove driver');
  assert.equal(r.text, volume.replace('    driver: local\n', ''));
  assert.deepEqual(r.after, []);
  // From a merge: written elsewhere, so nothing here to remove.
  const merged = `x-net: &net\n  network_mode: host\nservices:\n  web:\n    image: nginx\n    <<: *net\n    networks: [front]\nnetworks:\n  front: {}\n`;
  assert.deepEqual(offered(t, merged, 'exclusive-keys').actions.map((a) => a.title), ['Remove networks']);
});

test('container name conflict: the service takes a name no service sets (preferred, quotes kept) or drops container_name, and the error goes from both', (t) => {
  const clash = `services:
  web:
    image: nginx
    container_name: "app"
  worker:
    image: busybox
    container_name: app
  other:
    image: busybox
    container_name: app-web
`;
  const { fx, name, actions } = offered(t, clash, 'container-name-conflict');
  // app-web is taken by the third service: the name offered is numbered.
  assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [
    ['Name this container "app-web-2"', true],
    ['Remove container_name from "web" (Compose names its container after the project and the service)', undefined],
  ]);
  const named = fx.apply(actions[0]!.edit!)[name]!;
  assert.equal(named, clash.replace('container_name: "app"', 'container_name: "app-web-2"'));
  fx.open(name, named);
  assert.deepEqual(fx.diagnostics('container-name-conflict'), []);
  fx.open(name, clash);
  const removed = fx.apply(actions[1]!.edit!)[name]!;
  assert.equal(removed, clash.replace('    container_name: "app"\n', ''));
  fx.open(name, removed);
  assert.deepEqual(fx.diagnostics('container-name-conflict'), []);
  // The document no longer holds the name the check saw there: nothing offered.
  const d = fixture(t, clash).diagnostics('container-name-conflict')[0]!;
  fx.open(name, clash.replace('container_name: "app"', 'container_name: "ap"'));
  assert.deepEqual(fx.service.codeActions(fx.uri(name), d.range, [d]), []);
});

test('invalid name: renamed to the nearest name Compose accepts in every file that uses it, as Rename Symbol does; not offered where that name is taken', (t) => {
  const files = {
    'compose.yaml': `services:
  "my web":
    image: nginx
    secrets: [back end]
  api:
    image: example/api
    depends_on: ["my web"]
secrets:
  back end:
    file: ./token.txt
`,
    'compose.override.yaml': `services:
  "my web":
    environment:
      A: b
`,
  };
  const fx = fixture(t, files);
  const uri = fx.uri('compose.yaml');
  const [service, secret] = fx.diagnostics('invalid-name').filter((d) => d.range.start.line !== 3);
  assert.ok(service && secret, 'both names are refused');
  const actions = fx.service.codeActions(uri, service.range, [service]);
  assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [["Rename to 'my-web' wherever the project uses it", true]]);
  const renamed = fx.apply(actions[0]!.edit!);
  assert.equal(renamed['compose.yaml'], files['compose.yaml'].replaceAll('"my web"', '"my-web"'));
  assert.equal(renamed['compose.override.yaml'], files['compose.override.yaml'].replace('"my web"', '"my-web"'));
  const secretFix = fx.service.codeActions(uri, secret.range, [secret]);
  assert.deepEqual(secretFix.map((a) => a.title), ["Rename to 'back-end' wherever the project uses it"]);
  assert.equal(fx.apply(secretFix[0]!.edit!)['compose.yaml'], files['compose.yaml'].replaceAll('back end', 'back-end'));
  // Every fix applied, the project has no refused name left.
  fx.open('compose.yaml', renamed['compose.yaml']!.replaceAll('back end', 'back-end'));
  fx.open('compose.override.yaml', renamed['compose.override.yaml']!);
  assert.deepEqual(fx.diagnostics('invalid-name'), []);
  // A service already named so: renaming would merge the two, which Rename refuses, so no fix.
  const taken = fixture(t, 'services:\n  "my web":\n    image: nginx\n  my-web:\n    image: nginx\n');
  const clash = taken.diagnostics('invalid-name')[0]!;
  assert.deepEqual(taken.service.codeActions(taken.uri('compose.yaml'), clash.range, [clash]), []);
  // A top-level network takes any name (Compose creates and joins \`back end\`); a service's networks mapping does not.
  const network = fixture(t, 'services:\n  web:\n    image: nginx\n    networks: [back end]\n  api:\n    image: nginx\n    networks:\n      back end: {}\nnetworks:\n  back end: {}\n');
  assert.deepEqual(network.diagnostics('invalid-name').map((d) => d.range.start.line), [7]);
});

test('invalid-value on an open set (drivers, runtimes): a word a typo away from one the engine ships is a warning whose fix writes that one; a plugin\'s own word is left alone', (t) => {
  const file = (driver: string) => `services:\n  web:\n    image: nginx\n    logging:\n      driver: ${driver}\nnetworks:\n  back:\n    driver: bridge\n`;
  const list = fixture(t, file('jsonfile')).diagnostics('invalid-value');
  assert.deepEqual(list.map((d) => d.severity), [DiagnosticSeverity.Warning]);
  assert.match(String(list[0]!.message), /'jsonfile' is not a logging driver the engine ships: did you mean 'json-file'\? Another may come from a plugin/);
  const r = fix(t, file('jsonfile'), 'invalid-value');
  assert.match(r.text, /driver: json-file\n/);
  assert.deepEqual(r.after.filter((d) => d.code === 'invalid-value'), []);
  for (const plugin of ['loki', 'gelf', 'awslogs']) assert.deepEqual(fixture(t, file(plugin)).diagnostics('invalid-value'), [], plugin);
  const more = fixture(t, 'services:\n  web:\n    image: nginx\n    runtime: runcc\nnetworks:\n  back:\n    driver: bridg\n  weave:\n    driver: weave\nvolumes:\n  data:\n    driver: locl\n').diagnostics('invalid-value');
  assert.deepEqual(more.map((d) => String(d.message).match(/did you mean '([^']+)'/)?.[1]), ['runc', 'bridge', 'local']);
  const ipam = (driver: string) => fixture(t, `services:\n  web:\n    image: nginx\n    networks: [back]\nnetworks:\n  back:\n    ipam:\n      driver: ${driver}\n`).diagnostics('invalid-value');
  assert.match(String(ipam('defualt')[0]?.message), /'defualt' is not the engine's address-management driver: did you mean 'default'\? .*`up` creates the network \("plugin "defualt" not found"\)/);
  assert.deepEqual(ipam('infoblox'), [], 'an IPAM plugin\'s own name');
});

test('invalid-value on network_mode: a word a typo away from a mode is a warning saying any other word names a network, with a fix; a network\'s name and service:/container: are left alone', (t) => {
  const file = (mode: string) => `services:\n  web:\n    image: nginx\n    network_mode: ${mode}\n  db:\n    image: postgres\n`;
  const list = fixture(t, file('hots')).diagnostics('invalid-value');
  assert.deepEqual(list.map((d) => [d.range.start.line, d.severity]), [[3, DiagnosticSeverity.Warning]]);
  assert.match(String(list[0]!.message), /^'hots' is not a network mode: did you mean 'host'\? Any other word names an existing network: the engine refuses one it cannot find when it starts the container \("network hots not found"\)\./);
  const r = fix(t, file('hots'), 'invalid-value');
  assert.match(r.text, /network_mode: host\n/);
  for (const mode of ['brige', 'nonee']) assert.equal(fixture(t, file(mode)).diagnostics('invalid-value').length, 1, mode);
  for (const mode of ['bridge', 'host', 'none', 'default', 'my-lan', 'service:db', 'container:vpn', '"${MODE}"']) assert.deepEqual(fixture(t, file(mode)).diagnostics('invalid-value'), [], mode);
});

test('wrong-type: a word alone on its line where a mapping goes is an entry with its colon missing: the message says so and the fix adds it', (t) => {
  const file = 'services:\n  web:\n    image: nginx\nnetworks:\n  back\n';
  const [found] = fixture(t, file).diagnostics('wrong-type');
  assert.equal(found?.message, 'networks must be a mapping (key: value lines), not a string "back": `back` needs a colon to be a key under networks (`back:`).');
  const r = fix(t, file, 'wrong-type');
  assert.equal(r.title, 'Add a colon after back');
  assert.equal(r.text, 'services:\n  web:\n    image: nginx\nnetworks:\n  back:\n');
  assert.deepEqual(r.after, []);
  // Not where a list is taken too (`DEBUG:` or `- DEBUG`), nor a word on the key's own line, nor words with spaces.
  for (const text of ['services:\n  web:\n    image: nginx\n    environment:\n      DEBUG\n', 'services:\n  web:\n    image: nginx\nnetworks: back\n', 'services:\n  web:\n    image: nginx\nnetworks:\n  back front\n']) {
    const list = fixture(t, text).diagnostics('wrong-type');
    assert.equal(list.length, 1, text);
    assert.doesNotMatch(String(list[0]!.message), /needs a colon/, text);
    assert.deepEqual(offered(t, text, 'wrong-type').actions, [], text);
  }
});

test('wrong-type: a plain true or false where a driver or log option takes text says to quote it, and the fix does; elsewhere the message names the types', (t) => {
  const file = (options: string) => `services:\n  web:\n    image: nginx\n    networks: [back]\nnetworks:\n  back:\n    driver_opts:\n${options}`;
  const [found] = fixture(t, file('      com.docker.network.bridge.enable_icc: false\n')).diagnostics('wrong-type');
  assert.equal(found?.message, 'networks.back.driver_opts.com.docker.network.bridge.enable_icc takes text or a number, not the boolean false. Quote it ("false") to pass the word.');
  const r = fix(t, file('      com.docker.network.bridge.enable_icc: false\n'), 'wrong-type');
  assert.equal(r.title, 'Quote false to keep it as text');
  assert.match(r.text, /enable_icc: "false"\n/);
  assert.deepEqual(r.after, []);
  const log = fixture(t, 'services:\n  web:\n    image: nginx\n    logging:\n      options:\n        compress: True\n').diagnostics('wrong-type');
  assert.match(String(log[0]?.message), /compress takes text, a number or nothing, not the boolean True\. Quote it \("True"\)/);
  // Not where the key takes no text at all, nor through an alias (the fix would quote the anchor's value elsewhere).
  assert.match(String(fixture(t, 'services:\n  web:\n    image: nginx\n    cpu_count: true\n').diagnostics('wrong-type')[0]?.message), /must be a whole number, not the boolean true\./);
  const aliased = offered(t, `x-off: &off false\n${file('      com.docker.network.bridge.enable_icc: *off\n')}`, 'wrong-type');
  assert.deepEqual(aliased.actions, []);
});
