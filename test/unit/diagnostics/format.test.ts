import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { fixture } from '../../support/fixture';

const VALID = `name: shop
x-base: &base
  restart: unless-stopped
  environment:
    TZ: UTC
services:
  web:
    <<: *base
    image: nginx:1.27
    ports: ["8080:80", "\${PORT:-9000}:9000"]
    healthcheck:
      test: ["CMD", "true"]
      interval: 30s
    deploy:
      replicas: \${REPLICAS:-2}
      resources: {limits: {memory: 512m}}
    depends_on:
      db: {condition: service_healthy}
  db:
    image: postgres:16
    stop_grace_period: 1m30s
`;

test('a valid file with merges, aliases and interpolation gets no format diagnostic', (t) => {
  const list = fixture(t, VALID, { env: {} }).diagnostics();
  const format = list.filter((d) => ['unknown-key', 'wrong-type', 'invalid-value', 'invalid-format', 'exclusive-keys', 'missing-required-key', 'duplicate-item', 'out-of-range', 'invalid-name'].includes(String(d.code)));
  assert.deepEqual(format, []);
  assert.deepEqual(list.filter((d) => d.severity === DiagnosticSeverity.Error), []);
});

test('unknown-key: on the key, with "did you mean" as data', (t) => {
  const list = fixture(t, `services:
  web:
    image: nginx
    enviroment:
      A: b
`).diagnostics('unknown-key');
  assert.equal(list.length, 1);
  assert.match(String(list[0]!.message), /Unknown key 'enviroment' in services\.web.*Did you mean 'environment'\?/);
  assert.deepEqual(list[0]!.range, { start: { line: 3, character: 4 }, end: { line: 3, character: 14 } });
  assert.deepEqual(list[0]!.data, { suggestion: 'environment' });
  assert.equal(list[0]!.severity, DiagnosticSeverity.Error);
  assert.equal(list[0]!.source, 'dockhand');
});

test('unknown-key: keys that come from a merge are not flagged; x- keys are fine', (t) => {
  const text = `x-a: &a
  image: nginx
services:
  web:
    <<: *a
    x-note: hello
`;
  assert.deepEqual(fixture(t, text).diagnostics('unknown-key'), []);
});

test('wrong-type: a list where a string goes; a ${VAR} string where a number goes is fine', (t) => {
  const bad = fixture(t, `services:
  web:
    image: [nginx, latest]
`).diagnostics('wrong-type');
  assert.equal(bad.length, 1);
  assert.match(String(bad[0]!.message), /^services\.web\.image must be a string, not a list/);
  const good = fixture(t, `services:
  web:
    image: nginx
    scale: \${SCALE}
    tty: \${TTY:-true}
`).diagnostics();
  assert.deepEqual(good.filter((d) => d.code === 'wrong-type'), []);
});

test('wrong-type: text where Compose takes none, written or from variables (a blkio weight, a build\'s ulimits, a network priority), with a fix that unquotes a number; a service\'s own ulimits read text', (t) => {
  const fx = fixture(t, `services:
  web:
    image: nginx
    blkio_config:
      weight: "300"
      weight_device:
        - path: /dev/sda
          weight: \${W:-400}
    build:
      context: .
      dockerfile_inline: FROM scratch
      ulimits:
        nofile: {soft: '1', hard: 2}
    networks:
      n:
        priority: \${P:-2}
    ulimits:
      nofile: "1024"
    cpu_shares: \${S:-512}
networks:
  n: {}
`);
  const found = fx.diagnostics('wrong-type');
  assert.deepEqual(found.map((d) => `${d.range.start.line}:${d.range.start.character}`), ['4:14', '7:18', '12:23', '15:18']);
  assert.match(String(found[0]!.message), /weight must be a whole number, not a string "300": Compose takes no text here\. Write 300 without quotes\./);
  assert.match(String(found[1]!.message), /weight must be a whole number: Compose does not convert a value written with variables here, so \$\{W:-400\} stays text, which it refuses\./);
  assert.match(String(found[3]!.message), /priority must be a number: Compose does not convert/);
  // The fix writes the number without its quotes, double or single; nothing to offer for a variable.
  const fixOf = (d: (typeof found)[number]) => fx.service.codeActions(fx.uri('compose.yaml'), d.range, [d]).map((a) => `${a.title} ${JSON.stringify(a.edit?.changes?.[fx.uri('compose.yaml')]?.map((e) => e.newText))}`);
  assert.deepEqual(fixOf(found[0]!), ['Write 300 without quotes ["300"]']);
  assert.deepEqual(fixOf(found[2]!), ['Write 1 without quotes ["1"]']);
  assert.deepEqual(fixOf(found[1]!), []);
});

test('invalid-value: a word outside the set, with a suggestion', (t) => {
  const text = (condition: string) => `services:
  web:
    image: nginx
    depends_on:
      db:
        condition: ${condition}
  db:
    image: postgres
`;
  const list = fixture(t, text('service_healty')).diagnostics('invalid-value');
  assert.equal(list.length, 1);
  assert.match(String(list[0]!.message), /'service_healty' is not a valid value for services\.web\.depends_on\.db\.condition.*Did you mean 'service_healthy'/);
  assert.deepEqual(fixture(t, text('service_healthy')).diagnostics('invalid-value'), []);
});

test('invalid-format: a word that misses an open set names the words and the closest one', (t) => {
  const list = fixture(t, `services:
  web:
    image: nginx
    restart: alway
`).diagnostics('invalid-format');
  assert.equal(list.length, 1);
  assert.match(String(list[0]!.message), /'alway' is not valid for services\.web\.restart.*Did you mean 'always'/);
  assert.deepEqual(fixture(t, `services:
  web:
    image: nginx
    restart: on-failure:3
`).diagnostics('invalid-format'), []);
});

test('invalid-format: durations, sizes and ports are checked; interpolated text is not', (t) => {
  const list = fixture(t, `services:
  web:
    image: nginx
    stop_grace_period: 10 seconds
    ports: ["80800:80"]
    deploy: {resources: {limits: {memory: lots}}}
`).diagnostics('invalid-format');
  assert.equal(list.length, 3, JSON.stringify(list.map((d) => d.message)));
  assert.deepEqual(fixture(t, `services:
  web:
    image: nginx
    stop_grace_period: \${GRACE}
    ports: ["\${P}:80"]
`).diagnostics('invalid-format'), []);
});

test('invalid-format and invalid-value with variables: judged as Compose judges them, with .env and the defaults substituted first; unset ones are left to unset-variable', (t) => {
  /** The findings of `code` for the lines of service web, with a .env beside the file when given: [line, severity, message]. */
  const found = (code: string, lines: string, dotenv?: string) =>
    fixture(t, `services:\n  web:\n    image: x\n${lines}\n${dotenv === undefined ? '' : `\n#- .env\n${dotenv}`}`)
      .diagnostics(code)
      .map((d) => [d.range.start.line, d.severity, String(d.message)]);
  // Compose refuses each (held to Compose in the docker tier): a size, a duration, a port mapping, a pattern.
  const refused = found('invalid-format', '    mem_limit: ${MEM:-512x}\n    stop_grace_period: ${GRACE}\n    ports: ["${P:-80x}:80"]\n    pull_policy: ${PP:-sometimes}', 'GRACE=10q\n');
  assert.deepEqual(refused.map(([line, severity]) => [line, severity]), [[3, 1], [4, 1], [5, 1], [6, 1]]);
  assert.match(String(refused[0]![2]), /^services\.web\.mem_limit: \$\{MEM:-512x\} gives "512x" here\. '512x' is not a size/);
  assert.match(String(refused[1]![2]), /\$\{GRACE\} gives "10q" here\. '10q' is not a duration/);
  assert.match(String(refused[3]![2]), /pull_policy: \$\{PP:-sometimes\} gives "sometimes" here, which is not valid: use 'always'/);
  // What Compose loads but drops is a warning, as written text is.
  assert.deepEqual(found('invalid-format', '    volumes: ["${D:-./d}:/data:rx"]').map(([line, severity]) => [line, severity]), [[3, 2]]);
  // Good values, .env mending a bad default, and a variable nothing sets (the shell may): nothing.
  assert.deepEqual(found('invalid-format', '    mem_limit: ${MEM:-512m}\n    restart: ${R:-on-failure:3}\n    stop_grace_period: ${GRACE}\n    cpus: ${CPUS:-two}', 'CPUS=1.5\n'), []);
  // A closed set of values (a long-form port's protocol) through a variable.
  const protocol = found('invalid-value', '    ports:\n      - target: 80\n        protocol: ${PROTO:-tcpx}');
  assert.deepEqual(protocol.map(([line, severity]) => [line, severity]), [[5, 1]]);
  assert.match(String(protocol[0]![2]), /\$\{PROTO:-tcpx\} gives "tcpx" here, which is not a valid value: use 'tcp'/);
});

test('exclusive-keys: network_mode with networks; build without image is fine', (t) => {
  const list = fixture(t, `services:
  web:
    image: nginx
    network_mode: host
    networks: [front]
networks:
  front: {}
`).diagnostics('exclusive-keys');
  assert.equal(list.length, 1);
  assert.match(String(list[0]!.message), /'network_mode' and 'networks' cannot be used together/);
  assert.deepEqual(fixture(t, `services:
  web:
    build: .
`).diagnostics('exclusive-keys'), []);
});

test('exclusive-keys: name with external.name', (t) => {
  const list = fixture(t, `volumes:
  data:
    name: real
    external:
      name: other
`).diagnostics('exclusive-keys');
  assert.match(String(list[0]!.message), /name and external\.name conflict; only use name/);
});

test('missing-required-key: a develop.watch rule without action; keys from a merge count', (t) => {
  const bad = fixture(t, `services:
  web:
    build: .
    develop:
      watch:
        - path: ./src
          target: /app
`).diagnostics('missing-required-key');
  assert.equal(bad.length, 1);
  assert.match(String(bad[0]!.message), /services\.web\.develop\.watch\.0 is missing the required key 'action'/);
  const merged = `x-rule: &rule
  action: sync
services:
  web:
    build: .
    develop:
      watch:
        - <<: *rule
          path: ./src
          target: /app
`;
  assert.deepEqual(fixture(t, merged).diagnostics('missing-required-key'), []);
});

test('missing-required-key: a develop.watch rule that syncs needs a target (Compose refuses one without); restart and rebuild need none', (t) => {
  const rule = (action: string) => fixture(t, `services:\n  web:\n    build: .\n    develop:\n      watch:\n        - path: ./src\n          action: ${action}\n`).diagnostics('missing-required-key');
  for (const action of ['sync', 'sync+restart', 'sync+exec']) {
    const list = rule(action);
    assert.equal(list.length, 1, action);
    assert.match(String(list[0]!.message), /services\.web\.develop\.watch\.0 is missing the required key 'target'/);
  }
  assert.deepEqual(rule('restart'), []);
  assert.deepEqual(rule('rebuild'), []);
});

test('invalid-value: deploy.restart_policy.condition takes Swarm\'s words; the engine\'s own (always, no, unless-stopped) are a warning, since docker compose takes them and Swarm does not; any other word is an error', (t) => {
  const condition = (word: string) => fixture(t, `services:\n  web:\n    image: nginx\n    deploy:\n      restart_policy:\n        condition: ${word}\n`).diagnostics('invalid-value');
  assert.deepEqual(condition('any'), []);
  for (const word of ['always', 'no', 'unless-stopped']) {
    const list = condition(word);
    assert.deepEqual(list.map((d) => d.severity), [DiagnosticSeverity.Warning], word);
    assert.match(String(list[0]!.message), /`docker compose` takes it, and `docker stack deploy` refuses it/);
  }
  assert.deepEqual(condition('sometimes').map((d) => d.severity), [DiagnosticSeverity.Error]);
});

test('duplicate-item: the same port twice is a warning (Compose keeps one)', (t) => {
  const list = fixture(t, `services:
  web:
    image: nginx
    ports: ["80:80", "80:80"]
`).diagnostics('duplicate-item');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.severity, DiagnosticSeverity.Warning);
  assert.match(String(list[0]!.message), /Compose keeps one and drops the repeat/);
  assert.deepEqual(fixture(t, `services:
  web:
    image: nginx
    ports: ["80:80", "81:80"]
`).diagnostics('duplicate-item'), []);
  // Secrets, configs and devices: Compose keeps one of two equal entries too.
  const more = fixture(t, 'services:\n  web:\n    image: nginx\n    secrets: [s, s]\n    configs: [c, c]\n    devices: [/dev/null, /dev/null]\nsecrets:\n  s:\n    environment: HOME\nconfigs:\n  c:\n    environment: HOME\n').diagnostics('duplicate-item');
  assert.deepEqual(more.map((d) => [d.range.start.line, d.severity]), [[3, DiagnosticSeverity.Warning], [4, DiagnosticSeverity.Warning], [5, DiagnosticSeverity.Warning]]);
});

test('out-of-range: a negative tmpfs size', (t) => {
  const text = (size: string) => `services:
  web:
    image: nginx
    volumes:
      - type: tmpfs
        target: /t
        tmpfs:
          size: ${size}
`;
  assert.equal(fixture(t, text('-1')).diagnostics('out-of-range').length, 1);
  assert.deepEqual(fixture(t, text('1024')).diagnostics('out-of-range'), []);
});

test('out-of-range: a negative number where Compose reads an unsigned one (weights, modes, a port\'s target, Swarm counts), written as a number or as text; 0 and positive numbers pass', (t) => {
  const text = (n: string) => `services:
  web:
    image: nginx
    ports:
      - target: ${n}
    blkio_config:
      weight: ${n}
    volumes:
      - type: tmpfs
        target: /t
        tmpfs:
          mode: ${n}
    secrets:
      - source: s
        mode: ${n}
    deploy:
      update_config:
        parallelism: ${n}
      restart_policy:
        max_attempts: ${n}
      placement:
        max_replicas_per_node: ${n}
secrets:
  s:
    environment: HOME
`;
  const negative = fixture(t, text('-1')).diagnostics('out-of-range');
  assert.deepEqual(negative.map((d) => d.range.start.line), [4, 6, 11, 14, 17, 19, 21]);
  assert.ok(negative.every((d) => d.severity === DiagnosticSeverity.Error && /refuses a negative one \("overflows uint"\)/.test(String(d.message))));
  // Text Compose casts is judged as the number it gives: a port's target and a secret's mode take text.
  const asText = fixture(t, text('"-1"')).diagnostics('out-of-range');
  assert.deepEqual(asText.map((d) => d.range.start.line), [4, 14, 17, 19, 21]);
  assert.deepEqual(fixture(t, text('0')).diagnostics('out-of-range'), []);
  assert.deepEqual(fixture(t, text('2')).diagnostics('out-of-range'), []);
});

test('empty text the engine takes as its default (a port protocol, bind propagation, restart condition, fixed IPv4 address) is no finding; a word outside the set still is; Swarm-only update words only warn', (t) => {
  const text = (word: string) => `services:
  web:
    image: nginx
    ports:
      - target: 80
        protocol: ${word}
    volumes:
      - type: bind
        source: /tmp
        target: /d
        bind:
          propagation: ${word}
    deploy:
      restart_policy:
        condition: ${word}
      update_config:
        failure_action: ${word}
        order: ${word}
    networks:
      n:
        ipv4_address: ${word}
networks:
  n:
    ipam:
      config:
        - subnet: 10.5.0.0/16
`;
  const errors = (word: string) => fixture(t, text(word)).diagnostics().filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => `${d.code} ${d.range.start.line}`);
  assert.deepEqual(errors('""'), []);
  assert.deepEqual(errors('abc'), ['invalid-value 5', 'invalid-value 11', 'invalid-value 14', 'invalid-format 20']);
  // `docker compose` loads any update_config word and leaves it to Swarm: warnings.
  const warned = fixture(t, text('abc')).diagnostics('invalid-value').filter((d) => d.severity === DiagnosticSeverity.Warning).map((d) => d.range.start.line);
  assert.deepEqual(warned, [16, 17]);
});

test('an empty path Compose reads as the folder (a watch rule\'s path, an include, its env file) and a sync rule\'s empty target are errors; an include entry with nothing and a rebuild\'s empty target are not', (t) => {
  const errors = (text: string) => fixture(t, text).diagnostics().filter((d) => d.severity === DiagnosticSeverity.Error && d.code !== 'include-not-found').map((d) => `${d.code} ${d.range.start.line}`);
  const service = 'services:\n  web:\n    image: nginx\n';
  assert.deepEqual(errors(`${service}    develop:\n      watch:\n        - action: sync\n          path: ""\n          target: ""\n        - action: rebuild\n          path: .\n          target: ""\n`), ['missing-required-key 5', 'invalid-format 6']);
  const target = fixture(t, `${service}    develop:\n      watch:\n        - action: sync\n          path: .\n          target: ""\n`).diagnostics('missing-required-key');
  assert.match(String(target[0]?.message), /'target' is written empty/);
  assert.deepEqual(errors(`include:\n  - ""\n  -\n  - path: [""]\n  - path: other.yaml\n    env_file: ""\n${service}`), ['invalid-format 1', 'invalid-format 3', 'invalid-format 5']);
  // Compose does not check an include entry's keys: a key it does not know has no effect, a warning; an x- key is a note.
  const unknown = fixture(t, `include:\n  - pathh: other.yaml\n    x-note: 1\n${service}`).diagnostics('unknown-key');
  assert.deepEqual(unknown.map((d) => `${d.severity} ${d.range.start.line}`), ['2 1']);
  assert.match(String(unknown[0]!.message), /Compose skips it without a word, so it has no effect\. Did you mean 'path'\?/);
});

test('invalid-name: a service name with a space', (t) => {
  assert.equal(fixture(t, `services:
  "my web":
    image: nginx
`).diagnostics('invalid-name').length, 1);
  assert.deepEqual(fixture(t, `services:
  my-web.1:
    image: nginx
`).diagnostics('invalid-name'), []);
});

test('deprecated-key: a hint, struck through', (t) => {
  const list = fixture(t, `networks:
  n:
    external:
      name: real
`).diagnostics('deprecated-key');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.severity, DiagnosticSeverity.Hint);
  assert.deepEqual(list[0]!.tags, [2]);
});

test('an alias used in a service is validated where it is used', (t) => {
  const list = fixture(t, `x-img: &img [nginx]
services:
  web:
    image: *img
`).diagnostics();
  assert.deepEqual(list.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => d.code), ['wrong-type']);
  assert.match(String(list.find((d) => d.code === 'wrong-type')!.message), /alias \*img/);
});

test('duplicate-item: the same long-syntax entry twice, whatever the key order', (t) => {
  const text = `services:
  web:
    image: nginx
    ports:
      - {target: 80, published: "8080"}
      - {published: "8080", target: 80}
`;
  const list = fixture(t, text).diagnostics('duplicate-item');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.range.start.line, 5);
});

test('duplicate-item: entries that merge an anchor are compared with what they merge, and the block\'s other checks still run', (t) => {
  const f = fixture(t, `x-port: &port
  target: 80
  protocol: tcp
services:
  web:
    image: nginx
    restart: sometimes
    ports:
      - <<: *port
        published: "8080"
      - <<: *port
        published: "8081"
      - published: "8080"
        target: 80
        protocol: tcp
`);
  // Reading such an entry alone threw, and every format check of the service's block was lost with it.
  assert.deepEqual(f.diagnostics('duplicate-item').map((d) => d.range.start.line), [12]);
  assert.deepEqual(f.diagnostics('invalid-format').map((d) => d.range.start.line), [6]);
});

test('duplicate-item: two different mounts at one container path (in the short syntax a trailing slash is the same path) are a warning; other targets, a long target with a slash (Compose keeps both), a Windows path and an interpolated target are not', (t) => {
  const list = fixture(t, `services:
  web:
    image: nginx
    volumes:
      - ./site:/usr/share/nginx/html
      - ./conf:/etc/nginx/conf.d
      - type: volume
        source: html
        target: /usr/share/nginx/html
      - ./other:/etc/nginx/conf.d/
      - type: volume
        source: html
        target: /etc/nginx/conf.d/
      - ./a:C:\\data
      - ./b:C:\\data2
      - ./c:\${TARGET}
      - ./d:\${TARGET}
volumes:
  html:
`).diagnostics('duplicate-item');
  assert.deepEqual(list.map((d) => [d.range.start.line, d.severity]), [[6, DiagnosticSeverity.Warning], [9, DiagnosticSeverity.Warning]]);
  assert.match(String(list[1]!.message), /mounts two things at \/etc\/nginx\/conf\.d \(items 1 and 3\)/);
  assert.match(String(list[0]!.message), /mounts two things at \/usr\/share\/nginx\/html \(items 0 and 2\): Compose keeps one of them and drops the other/);
});

test('duplicate-item: an error only in the lists Compose refuses to load with a repeat', (t) => {
  const severityOf = (...body: string[]) => fixture(t, `services:
  db:
    image: postgres
  web:
    image: nginx
${body.join('\n')}
`).diagnostics('duplicate-item').map((d) => d.severity);
  assert.deepEqual(severityOf('    depends_on: [db, db]'), [DiagnosticSeverity.Error]);
  assert.deepEqual(severityOf('    extra_hosts: ["a:10.0.0.1", "a:10.0.0.1"]'), [DiagnosticSeverity.Error]);
  assert.deepEqual(severityOf('    security_opt: [x, x]'), [DiagnosticSeverity.Error]);
  assert.deepEqual(severityOf('    build: {context: ., ssh: [default, default]}'), [DiagnosticSeverity.Error]);
  assert.deepEqual(severityOf('    cap_add: [NET_ADMIN, NET_ADMIN]'), [DiagnosticSeverity.Warning]);
  assert.deepEqual(severityOf('    dns: [1.1.1.1, 1.1.1.1]'), [DiagnosticSeverity.Warning]);
});

test('duplicate-item: list-form environment with a name set twice says which value Compose uses', (t) => {
  const same = fixture(t, `services:
  web:
    image: nginx
    environment: [A=1, A=1]
`).diagnostics('duplicate-item');
  assert.deepEqual(same.map((d) => d.severity), [DiagnosticSeverity.Warning]);
  const differ = fixture(t, `services:
  web:
    image: nginx
    environment: [A=1, B=3, A=2]
`).diagnostics('duplicate-item');
  assert.deepEqual(differ.map((d) => d.severity), [DiagnosticSeverity.Warning]);
  assert.match(String(differ[0]!.message), /sets A twice \(items 0 and 2\): Compose uses the last value, "A=2"/);
  assert.deepEqual(fixture(t, `services:
  web:
    image: nginx
    environment: [A=1, AB=1]
`).diagnostics('duplicate-item'), []);
});

test('exclusive-keys: an external volume with driver, driver_opts or labels; not when external is false', (t) => {
  const volume = (...body: string[]) => fixture(t, `services:
  web:
    image: nginx
volumes:
  data:
${body.join('\n')}
`).diagnostics('exclusive-keys');
  const list = volume('    external: true', '    driver: local');
  assert.equal(list.length, 1);
  assert.match(String(list[0]!.message), /'external: true' and 'driver' cannot be used together/);
  assert.equal(volume('    external: true', '    labels: {a: b}').length, 1);
  assert.equal(volume('    external: {name: real}', '    driver_opts: {type: nfs}').length, 1);
  assert.deepEqual(volume('    external: false', '    driver: local'), []);
  assert.deepEqual(fixture(t, `services:
  web:
    image: nginx
networks:
  n:
    external: true
    driver: bridge
`).diagnostics('exclusive-keys'), []);
});

test('device requests: count is a number or all, and not beside device_ids', (t) => {
  const device = (...body: string[]) =>
    fixture(t, `services:
  gpu:
    image: x
    deploy:
      resources:
        reservations:
          devices:
            - capabilities: [gpu]
${body.map((b) => `              ${b}`).join('\n')}
`).diagnostics()
      .filter((d) => d.severity === DiagnosticSeverity.Error)
      .map((d) => String(d.code));
  assert.deepEqual(device('count: 2'), []);
  assert.deepEqual(device('count: all'), []);
  assert.deepEqual(device('count: some_string'), ['invalid-format']);
  assert.deepEqual(device('count: 2', 'device_ids: ["0"]'), ['exclusive-keys']);
});

test('missing-required-key: a bind mount needs a source; a volume mount does not', (t) => {
  const mount = (type: string) => fixture(t, `services:
  web:
    image: x
    volumes:
      - type: ${type}
        target: /app
`).diagnostics('missing-required-key');
  const list = mount('bind');
  assert.equal(list.length, 1);
  assert.match(String(list[0]!.message), /missing the required key 'source'/);
  assert.deepEqual(mount('volume'), []);
});

test('missing-required-key: a secret needs a file or a variable, a config also takes content; external ones need none', (t) => {
  const errors = (...body: string[]) => fixture(t, `services:
  web:
    image: x
${body.join('\n')}
`).diagnostics('missing-required-key');
  const secret = errors('secrets:', '  token:', '    driver: vault');
  assert.equal(secret.length, 1);
  assert.match(String(secret[0]!.message), /secrets\.token needs one of 'file' or 'environment' \(or `external: true`\)/);
  assert.deepEqual(errors('secrets:', '  token:', '    environment: TOKEN'), []);
  assert.deepEqual(errors('secrets:', '  token:', '    external: true'), []);
  assert.equal(errors('configs:', '  conf:', '    name: x').length, 1);
  assert.deepEqual(errors('configs:', '  conf:', '    content: hello'), []);
});

test('invalid-value: a service platform that build.platforms leaves out', (t) => {
  const service = (platform: string) => fixture(t, `services:
  app:
    image: x
    platform: ${platform}
    build:
      context: .
      platforms: [linux/amd64, linux/arm64]
`).diagnostics('invalid-value');
  const list = service('linux/riscv64');
  assert.equal(list.length, 1);
  assert.match(String(list[0]!.message), /platform 'linux\/riscv64' is not one of its build\.platforms/);
  assert.equal(list[0]!.range.start.line, 3);
  assert.deepEqual(service('linux/arm64'), []);
});

test('wrong-type: a string Compose must cast to a number or boolean and cannot; interpolated ones with known values too', (t) => {
  /** The wrong-type messages for a line of service web, with a .env beside the file when given. */
  const errors = (line: string, dotenv?: string) =>
    fixture(t, `services:\n  web:\n    image: x\n${line}\n${dotenv === undefined ? '' : `\n#- .env\n${dotenv}`}`).diagnostics('wrong-type').map((d) => String(d.message));
  assert.match(errors('    scale: many')[0] ?? '', /services\.web\.scale must be a whole number, not "many": Compose cannot convert it/);
  assert.equal(errors('    deploy: {replicas: "3.0"}').length, 1);
  assert.equal(errors('    init: "1"').length, 1);
  assert.deepEqual(errors('    init: "yes"'), []);
  assert.deepEqual(errors('    scale: "3"'), []);
  // Compose reads these strings with Go's integer parser: no duration, fraction or exponent (a number written with a fraction it cuts).
  assert.match(errors('    cpu_rt_runtime: 400ms')[0] ?? '', /cpu_rt_runtime must be a whole number, not "400ms"/);
  assert.match(errors('    cpu_shares: "1.5"')[0] ?? '', /cpu_shares must be a whole number/);
  assert.equal(errors('    pids_limit: "1e3"').length, 1);
  assert.equal(errors('    healthcheck:\n      test: ["CMD", "true"]\n      retries: "3.5"').length, 1);
  assert.equal(errors('    cpu_rt_period: ${RT:-}').length, 1);
  assert.deepEqual(errors('    cpu_shares: 512.5\n    pids_limit: "+100"\n    cpu_quota: "-1"'), []);
  assert.deepEqual(errors('    ports: [{target: 80, published: "8000-8010"}]'), []);
  const fromDotenv = errors('    scale: ${N}', 'N=three\n');
  assert.equal(fromDotenv.length, 1);
  assert.match(fromDotenv[0]!, /\$\{N\} gives "three" here/);
  assert.deepEqual(errors('    scale: ${N}', 'N=3\n'), []);
  assert.deepEqual(errors('    scale: ${N:-2}'), []);
  assert.equal(errors('    scale: ${N:-two}').length, 1);
  // Unset: it may be set when Compose runs (unset-variable warns instead).
  assert.deepEqual(errors('    scale: ${N}'), []);
});

test('wrong-type with variables, block by block: a value merged from another entry\'s anchor is judged at the merge, and $NAME like ${NAME}', (t) => {
  const merged = fixture(t, `x-base: &base
  scale: \${N}
services:
  web:
    <<: *base
    image: nginx
  api:
    image: nginx

#- .env
N=three
`).diagnostics('wrong-type');
  assert.equal(merged.length, 1);
  assert.match(String(merged[0]!.message), /services\.web\.scale must be a whole number: \$\{N\} gives "three" here/);
  assert.equal(merged[0]!.range.start.line, 4, 'at the merge');
  // The `$` two anchors away (a merge of a merge), and one an alias gives as a whole value; an anchor without
  // one brings nothing to judge.
  const chained = fixture(t, `x-inner: &inner
  scale: \${N}
x-outer: &outer
  <<: *inner
  restart: always
x-size: &size \${N}
services:
  web:
    <<: *outer
    image: nginx
  api:
    image: nginx
    mem_limit: *size
  db:
    <<: *outer
    scale: 2
    image: postgres

#- .env
N=three
`).diagnostics();
  assert.deepEqual(chained.filter((d) => d.code === 'wrong-type' || d.code === 'invalid-format').map((d) => [d.code, d.range.start.line]), [['wrong-type', 8], ['invalid-format', 12]]);
  // No `\${` anywhere in the file: Compose still reads $M.
  const bare = fixture(t, `services:
  api:
    image: nginx
    scale: $M

#- .env
M=many
`).diagnostics('wrong-type');
  assert.equal(bare.length, 1);
  assert.match(String(bare[0]!.message), /\$M gives "many" here/);
});

test('keys merged with << are validated where they land, shown at the merge', (t) => {
  const text = `x-base: &base
  enviroment: {A: b}
  scale: many
services:
  web:
    <<: *base
    image: nginx
`;
  const list = fixture(t, text).diagnostics().filter((d) => d.severity === DiagnosticSeverity.Error);
  const unknown = list.filter((d) => d.code === 'unknown-key');
  assert.equal(unknown.length, 1);
  assert.match(String(unknown[0]!.message), /Unknown key 'enviroment' in services\.web, merged from \*base: .*Did you mean 'environment'\?/);
  assert.deepEqual(unknown[0]!.range, { start: { line: 5, character: 8 }, end: { line: 5, character: 13 } });
  assert.equal(list.filter((d) => d.code === 'wrong-type').length, 1, 'a merged value of the wrong kind');
  // A template merged into a service is fine when everything in it is.
  assert.deepEqual(fixture(t, `x-base: &base
  restart: always
services:
  web:
    <<: *base
    image: nginx
`).diagnostics().filter((d) => d.severity === DiagnosticSeverity.Error), []);
});

test('negative sizes: as text each is an error in Compose\'s words; as a number, swap and reservation take it, a memory limit and shm_size are errors', (t) => {
  const found = (line: string) => fixture(t, `services:\n  web:\n    image: x\n    ${line}\n`).diagnostics('invalid-format').map((d) => String(d.message));
  assert.deepEqual(found('mem_reservation: -1'), []);
  assert.deepEqual(found('memswap_limit: -1'), []);
  assert.match(found('mem_limit: -1')[0]!, /less than the 6 MB the engine allows/);
  assert.match(found('shm_size: -1')[0]!, /SHM size can not be less than 0/);
  for (const line of ['mem_reservation: "-1"', 'memswap_limit: "-1"', 'shm_size: "-1"', 'mem_limit: -5m']) assert.match(found(line)[0] ?? '', /refuses a negative size written as text/, line);
});

test('Compose-exact numbers and empty values: what Compose 2.26.1 and the engine refuse is an error, what they take is none', (t) => {
  /** The errors (code: message) on a service web with these lines, with a .env beside the file when given. */
  const errors = (lines: string, extra = '') =>
    fixture(t, `services:\n  web:\n    image: x\n${lines}\n${extra}`, { env: {} }).diagnostics().filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => `${d.code}: ${String(d.message)}`);
  // Go's float parser takes a sign and an exponent; its integer parser a sign.
  assert.deepEqual(errors('    cpus: "+1"\n    deploy: {resources: {limits: {cpus: "1e-1"}}}\n    ulimits: {nofile: "+1024"}\n    gpus: [{driver: nvidia, count: "+1"}]'), []);
  // A number with a fraction is refused where Compose wants a whole number or text.
  assert.match(errors('    expose: [80.5]')[0] ?? '', /^wrong-type: /);
  assert.match(errors('    group_add: [1.5]')[0] ?? '', /^wrong-type: /);
  assert.match(errors('    build: {context: ., additional_contexts: {shared: 1}}').find((e) => e.startsWith('wrong-type')) ?? '', /additional_contexts\.shared/);
  assert.match(errors('    secrets: [s]', 'secrets:\n  s:\n    environment: HOME\n    driver_opts: {a: 1.5}\n')[0] ?? '', /^wrong-type: /);
  assert.deepEqual(errors('    secrets: [s]', 'secrets:\n  s:\n    environment: HOME\n    driver_opts: {a: 1}\nnetworks:\n  n:\n    driver_opts: {a: 1.5}\n'), []);
  // A space before or after a port.
  assert.match(errors('    ports: ["8080 "]')[0] ?? '', /^invalid-format: '8080 ' is not a port mapping: container port '8080 '/);
  assert.match(errors('    ports: [" 80:80"]')[0] ?? '', /host port ' 80'/);
  // Empty values the engine takes as none given: no error.
  assert.deepEqual(errors('    isolation: ""\n    container_name: ""\n    cpuset: ""\n    annotations: ["", "=x"]\n    credential_spec: {config: ""}'), []);
  assert.deepEqual(errors('    isolation: ${E:-}\n    container_name: ${E:-}\n    cpuset: ${E:-}'), []);
  // An empty name: the undefined-* error, written or from a variable.
  assert.deepEqual(errors('    depends_on: [""]'), ['undefined-service: services.web.depends_on.0 is empty, and so it names no service: Compose refuses the file ("depends on undefined service """). Write the name of a service.']);
  assert.match(errors('    networks: ["${NET:-}"]')[0] ?? '', /^undefined-network: services\.web\.networks\.0: \$\{NET:-\} gives "" here, and so it names no network/);
  assert.match(errors('    secrets: [{source: ""}]')[0] ?? '', /^undefined-secret: services\.web\.secrets\.0\.source is empty, and so/);
  assert.match(errors('    configs: [""]')[0] ?? '', /^undefined-config: /);
  assert.match(errors('    extends: {service: ""}')[0] ?? '', /^undefined-service: services\.web\.extends\.service is empty, and so/);
  // An empty device or group the engine refuses.
  assert.match(errors('    devices: [""]')[0] ?? '', /^invalid-format: services\.web\.devices\.0 is empty, and the engine refuses it when it creates the container \("error gathering device information/);
  assert.match(errors('    group_add: ["${G:-}"]')[0] ?? '', /^invalid-format: services\.web\.group_add\.0: \$\{G:-\} gives "" here, and the engine refuses it when it creates the container \("Unable to find group"\)/);
  // `pid:` with no value stops Compose with a panic.
  assert.match(errors('    pid:')[0] ?? '', /^wrong-type: /);
  // A secret taken from an environment variable with no name: Compose refuses the file, used or not.
  assert.match(errors('', 'secrets:\n  s:\n    environment: ""\n')[0] ?? '', /^invalid-format: secrets\.s\.environment is empty, and Compose refuses the file \("must declare either `file` or `environment`"\), used or not\./);
  assert.deepEqual(errors('', 'configs:\n  c:\n    environment: ""\n'), []);
});

test('an empty env file path, a missing label file and an empty image are errors where Compose refuses them', (t) => {
  const fx = fixture(t, { 'compose.yaml': 'services:\n  web:\n    image: x\n    env_file: ""\n    label_file: [./labels.txt, ""]\n  api:\n    image: ""\n  opt:\n    image: x\n    env_file: [{path: "${EF:-}", required: false}]\n', 'other/keep': '' }, { env: {} });
  const env = fx.diagnostics('missing-env-file');
  assert.equal(env.length, 1);
  assert.match(String(env[0]!.message), /env file path is empty: Compose looks for a file with no name/);
  const labels = fx.diagnostics('missing-label-file');
  assert.deepEqual(labels.map((d) => d.range.start.line), [4, 4]);
  assert.match(String(labels[0]!.message), /label file \.\/labels\.txt not found: Compose refuses to load the project/);
  assert.match(String(labels[1]!.message), /label file with an empty path: Compose looks for a file with no name/);
  const image = fx.diagnostics('no-image-or-build');
  assert.equal(image.length, 1);
  assert.match(String(image[0]!.message), /Service "api" has an empty image and no build/);
  // Through variables too, where the service builds nothing; one nothing sets is unset-variable's.
  const viaVariables = fixture(t, 'services:\n  web:\n    image: ${IMG:-}\n  named:\n    image: ${IMG2:-busybox}\n  unset:\n    image: ${NOPE}\n', { env: {} }).diagnostics('no-image-or-build');
  assert.deepEqual(viaVariables.map((d) => String(d.message)), ['Service "web" has an empty image (${IMG:-} gives none here) and no build: Compose refuses the project until it has one. Name the image to run, or add `build:` (where to build it from).']);
  // The label file's fix makes it; the empty one's has none; the empty env file can be made optional, not created.
  const actions = (d: (typeof labels)[number]) => fx.service.codeActions(fx.uri('compose.yaml'), d.range, [d]).map((a) => a.title);
  assert.deepEqual(actions(labels[0]!), ['Create ./labels.txt, empty']);
  assert.deepEqual(actions(labels[1]!), []);
  assert.deepEqual(actions(env[0]!), ['Make this entry optional (required: false): Compose then loads the project without it']);
});

test('decimal-mode: a config\'s or secret\'s mode in quotes, which Compose reads as a decimal number, warns with a fix that drops the quotes', (t) => {
  const fx = fixture(t, `services:
  web:
    image: x
    secrets:
      - source: s
        mode: "0440"
      - source: s
        mode: '640'
      - source: s
        mode: "7"
      - source: s
        mode: "0999"
      - source: s
        mode: 0440
secrets:
  s:
    environment: HOME
`, { env: {} });
  const list = fx.diagnostics('decimal-mode');
  assert.deepEqual(list.map((d) => d.range.start.line), [5, 7]);
  assert.equal(list[0]!.severity, DiagnosticSeverity.Warning);
  assert.equal(String(list[0]!.message), `services.web.secrets.0.mode: "0440" is text, which Compose reads as the decimal number 440 (octal 0670, rw-rwx---), not as octal 0440. Write it without quotes, 0440, for octal.`);
  assert.match(String(list[1]!.message), /"640" is text, which Compose reads as the decimal number 640 \(octal 01200, -w-------\), not as octal 640\. Write it without quotes, 0640, for octal\./);
  const action = fx.service.codeActions(fx.uri('compose.yaml'), list[0]!.range, [list[0]!])[0]!;
  assert.equal(action.title, 'Write 0440 without quotes');
  const fixed = fx.apply(action.edit!)['compose.yaml']!;
  assert.match(fixed, /\n {8}mode: 0440\n {6}- source: s\n {8}mode: '640'/);
  fx.open('compose.yaml', fixed);
  assert.deepEqual(fx.diagnostics('decimal-mode').map((d) => d.range.start.line), [7]);
});
