// What Compose v2 really does, as Dockhand relies on it: container names
// `PROJECT-SERVICE-1`, `--ansi`/`--progress` output as a terminal shows it,
// `config --format json`, `ps --format json`, `up --wait` on a healthcheck,
// profiles, `--env-file`, and `watch`. Runs `docker compose` (v2, provisioned
// by scripts/compose-v2.mjs when the CLI has no plugin) against a real engine.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fallbackProject, prepareCompose, runCompose, type Prepared } from '../../client/src/compose/session';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LanguageService } from '../../server/src/service';
import { pathToUri } from '../../server/src/model/workspace';
import { dockerCli, engine, ensureEngine, projectContainers, removeProject, tempProject, TEST_IMAGE, uniqueName, type TempProject } from './helpers/engine';

/** The escape character that starts every ANSI colour sequence. */
const ESC = String.fromCharCode(27);

const COMPOSE = `services:
  web:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "echo web says hello; exec httpd -f -p 80 -h /var/www"]
    stop_grace_period: 1s
    environment:
      GREETING: \${GREETING:-default}
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "-", "http://127.0.0.1:80/"]
      interval: 1s
      timeout: 2s
      retries: 10
  tools:
    image: ${TEST_IMAGE}
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    profiles: ["tools"]
`;

/**
 * Each file's verdict from `docker compose config -q` and Dockhand's errors on it, the file open in the
 * editor as its bytes read as UTF-8: a file Compose refuses (its message matching `refused`) has exactly
 * `errors`; one without `refused` loads and has none.
 */
function verdictsAgree(files: Record<string, { text: string | Buffer; refused?: RegExp; errors?: string[] }>): void {
  const project = tempProject({});
  try {
    const service = new LanguageService({});
    for (const [file, { text, refused, errors }] of Object.entries(files)) {
      writeFileSync(project.file(file), text);
      const verdict = dockerCli(['compose', '-f', file, 'config', '-q'], { cwd: project.dir });
      const uri = pathToUri(project.file(file));
      service.documentChanged(TextDocument.create(uri, 'dockercompose', 1, readFileSync(project.file(file), 'utf8')));
      const found = service.diagnostics(uri).filter((d) => d.severity === 1).map((d) => d.code);
      if (refused) {
        assert.notEqual(verdict.code, 0, `${file}: Compose loads it`);
        assert.match(verdict.stderr, refused, file);
        assert.deepEqual(found, errors, file);
      } else {
        assert.equal(verdict.code, 0, `${file}: ${verdict.stderr}`);
        assert.deepEqual(found, [], file);
      }
    }
  } finally {
    project.cleanup();
  }
}

describe('Compose v2 behaviour Dockhand relies on', { timeout: 300_000 }, () => {
  let tmp: TempProject;
  let prepared: Prepared;
  const name = uniqueName('dh-v2');
  /** `docker compose` with this project's options, in its folder. */
  const compose = (args: string[], timeoutMs = 120_000) => dockerCli(['compose', '--project-name', name, ...args], { cwd: tmp.dir, timeoutMs });

  before(async () => {
    await ensureEngine();
    tmp = tempProject({ 'compose.yaml': COMPOSE, 'custom.env': 'GREETING=from-env-file\n', 'index.html': 'hello\n' });
    const p = await prepareCompose({ composeCommand: 'docker compose' });
    assert.ok(p.ok, p.ok ? '' : p.fault.message);
    prepared = p.value;
  });

  after(async () => {
    await removeProject(name);
    tmp?.cleanup();
  });

  it('is Compose v2', () => {
    assert.equal(prepared.compose.major, 2, `docker compose answers version ${prepared.compose.version}`);
    console.log(`docker tier: Compose ${prepared.compose.version} as \`docker compose\``);
  });

  it('config --format json: the merged project as JSON, with --env-file values and only active profiles', () => {
    const plain = compose(['config', '--format', 'json']);
    assert.equal(plain.code, 0, plain.stderr);
    const config = JSON.parse(plain.stdout) as { name: string; services: Record<string, { environment?: Record<string, string> }> };
    assert.equal(config.name, name);
    assert.deepEqual(Object.keys(config.services), ['web']);
    assert.equal(config.services.web!.environment?.GREETING, 'default');
    const withEnvFile = JSON.parse(compose(['--env-file', 'custom.env', '--profile', 'tools', 'config', '--format', 'json']).stdout) as typeof config;
    assert.equal(withEnvFile.services.web!.environment?.GREETING, 'from-env-file');
    assert.deepEqual(Object.keys(withEnvFile.services).sort(), ['tools', 'web']);
  });

  it('up --wait returns once the healthcheck passes; the container is named PROJECT-SERVICE-1', async () => {
    const up = compose(['--ansi', 'never', '--progress', 'plain', 'up', '--detach', '--wait']);
    assert.equal(up.code, 0, up.stderr);
    // Plain progress without colours: one line per step, as a log shows it, naming the v2 container.
    const output = up.stdout + up.stderr;
    assert.ok(!output.includes(ESC), 'no ANSI escapes with --ansi never');
    assert.match(output, new RegExp(`Container ${name}-web-1\\s+(Started|Healthy)`));
    const [web] = await projectContainers(name);
    assert.deepEqual(web!.Names, [`/${name}-web-1`]);
    const health = (await engine().getContainer(web!.Id).inspect()).State.Health?.Status;
    assert.equal(health, 'healthy', 'up --wait waited for the healthcheck');
  });

  it('ps --format json: one JSON object per container, with service, name, state and health', () => {
    const ps = compose(['ps', '--format', 'json']);
    assert.equal(ps.code, 0, ps.stderr);
    const rows = ps.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { Service: string; Name: string; State: string; Health: string });
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.Service, 'web');
    assert.equal(rows[0]!.Name, `${name}-web-1`);
    assert.equal(rows[0]!.State, 'running');
    assert.equal(rows[0]!.Health, 'healthy');
  });

  it('--ansi always, as Dockhand runs Compose in its terminal: coloured logs, plain progress lines (no TTY)', async () => {
    const project = { ...fallbackProject(tmp.file('compose.yaml')), projectName: name };
    const logs = await runCompose(prepared, project, { name: 'logs', services: ['web'] }, { ansi: 'always' });
    assert.ok(logs.ok);
    assert.equal(logs.value.result.code, 0, logs.value.result.output);
    assert.ok(logs.value.args.includes('--ansi'));
    assert.ok(logs.value.result.output.includes(`${ESC}[`), 'coloured service prefixes with --ansi always');
    assert.match(logs.value.result.output, /web says hello/);
    // Without a TTY, v2 prints one plain line per step even with --ansi always: what the terminal shows.
    const restart = await runCompose(prepared, project, { name: 'restart', services: ['web'] }, { ansi: 'always' });
    assert.ok(restart.ok);
    assert.equal(restart.value.result.code, 0, restart.value.result.output);
    assert.match(restart.value.result.output, new RegExp(`Container ${name}-web-1\\s+Started`));
  });

  it('a profile starts its service only when enabled', async () => {
    assert.equal((await projectContainers(name)).some((c) => c.Labels['com.docker.compose.service'] === 'tools'), false);
    const up = compose(['--profile', 'tools', 'up', '--detach', 'tools']);
    assert.equal(up.code, 0, up.stderr);
    const tools = (await projectContainers(name)).find((c) => c.Labels['com.docker.compose.service'] === 'tools');
    assert.equal(tools?.Names[0], `/${name}-tools-1`);
  });

  it('refuses an alias with no anchor above it, where Dockhand reports unknown-anchor, and loads the anchor defined first', () => {
    verdictsAgree({
      'typo.yaml': { text: `x-defaults: &defaults\n  restart: always\nservices:\n  web:\n    <<: *defualts\n    image: ${TEST_IMAGE}\n`, refused: /unknown anchor/, errors: ['unknown-anchor'] },
      'later.yaml': { text: `services:\n  web:\n    image: *img\n  db:\n    image: &img ${TEST_IMAGE}\n`, refused: /unknown anchor/, errors: ['unknown-anchor'] },
      'fine.yaml': { text: `services:\n  db:\n    image: &img ${TEST_IMAGE}\n  web:\n    image: *img\n` },
    });
  });

  it('refuses a control character or bytes that are not UTF-8, where Dockhand reports them, and loads tabs, NEL, accents and emoji', () => {
    const image = `    image: ${TEST_IMAGE}\n`;
    const control = { refused: /control characters are not allowed/, errors: ['control-character'] };
    verdictsAgree({
      'quoted.yaml': { text: `services:\n  web:\n${image}    command: ["echo", "a\u0001b"]\n`, ...control },
      'plain.yaml': { text: `services:\n  web:\n${image}    hostname: h\u007fh\n`, ...control },
      'c1.yaml': { text: `services:\n  web:\n${image}    environment:\n      A: "\u009b"\n`, ...control },
      'latin1.yaml': { text: Buffer.concat([Buffer.from(`services:\n  web:\n${image}    hostname: caf`), Buffer.from([0xe9]), Buffer.from('\n')]), refused: /UTF-8/, errors: ['invalid-encoding'] },
      'fine.yaml': { text: `services:\n  web:\n${image}    command: ["echo", "a\tb \u0085 \u00a0 caf\u00e9 \u6f22 \ud83d\ude80 \ufeff \ufffd"]\n` },
    });
  });

  it('refuses a value YAML reads as infinite or not a number, anywhere, where Dockhand reports non-finite-number, and loads it quoted or as 1e400', () => {
    const image = `    image: ${TEST_IMAGE}\n`;
    const json = { refused: /unsupported value/, errors: ['non-finite-number'] };
    verdictsAgree({
      'label.yaml': { text: `services:\n  web:\n${image}    labels:\n      limit: .inf\n`, ...json },
      'env.yaml': { text: `services:\n  web:\n${image}    environment:\n      LOW: -.Inf\n`, ...json },
      'extension.yaml': { text: `x-ratio: .NaN\nservices:\n  web:\n${image}`, ...json },
      'fine.yaml': { text: `x-ratio: ".nan"\nservices:\n  web:\n${image}    labels:\n      limit: ".inf"\n      huge: 1e400\n      odd: .Nan\n` },
    });
  });

  it('reads a plain number as go-yaml does (0x10, 1_000, 1.5e0), where Dockhand judges that number, and refuses it quoted or as a float where an integer goes', () => {
    const service = (body: string) => `services:\n  web:\n    image: ${TEST_IMAGE}\n${body}`;
    verdictsAgree({
      'numbers.yaml': { text: service('    mem_limit: 8_000_000\n    cpus: 1.5e0\n    ports:\n      - 0x1F90\n      - 8_080\n    ulimits:\n      nofile: 0x10\n') },
      'quoted-port.yaml': { text: service("    ports:\n      - '0x1F90'\n"), refused: /Invalid containerPort/, errors: ['invalid-format'] },
      'float-limit.yaml': { text: service('    ulimits:\n      nofile: 1e2\n'), refused: /float64/, errors: ['invalid-format'] },
      'scale.yaml': { text: service('    scale: 1_0\n') },
      'float-scale.yaml': { text: service('    scale: 1.5e0\n'), refused: /scale must be/, errors: ['wrong-type'] },
    });
  });

  it('warns about YAML 1.1 boolean words (yes, off, Y), quoted or interpolated too, where Dockhand warns boolean-word, and loads the file', () => {
    const project = tempProject({ 'compose.yaml': `services:\n  web:\n    image: ${TEST_IMAGE}\n    privileged: yes\n    tty: off\n    stdin_open: "Y"\n    init: true\n    read_only: \${RO:-on}\n` });
    try {
      const verdict = dockerCli(['compose', 'config', '-q'], { cwd: project.dir });
      assert.equal(verdict.code, 0, verdict.stderr);
      const warned = [...verdict.stderr.matchAll(/\\"([^"\\]+)\\" for boolean is not supported by YAML 1.2/g)].map((m) => m[1]).sort();
      const service = new LanguageService({});
      const uri = pathToUri(project.file('compose.yaml'));
      service.documentChanged(TextDocument.create(uri, 'dockercompose', 1, readFileSync(project.file('compose.yaml'), 'utf8')));
      const found = service.diagnostics(uri);
      const words = found.filter((d) => d.code === 'boolean-word').map((d) => /"([^"]+)" for/.exec(String(d.message))![1]).sort();
      assert.deepEqual(warned, ['Y', 'off', 'on', 'yes']);
      assert.deepEqual(words, warned);
      assert.deepEqual(found.filter((d) => d.severity === 1), []);
    } finally {
      project.cleanup();
    }
  });

  it('passes on a plain number, boolean or date in environment and labels as Go prints it, where Dockhand warns reformatted-value with the same text', () => {
    // Each value as written; Compose's own config output says what reaches the container.
    const written = ['012', '-012', '08', '00', '0o17', '0x1F', '0b101', '1_000', '1__0', '12_', '+5', '3.10', '1.0', '1.', '.5', '-.5e-3',
      '1e3', '1E+03', '1e21', '1e-7', '0.000001', '123456789.123', '100.0', '-0.0', '9223372036854775807', '9223372036854775808',
      '18446744073709551616', '-9223372036854775809', '1_2.5', 'True', 'FALSE', '2024-01-02', '2024-1-2', '2024-01-02T10:20:30Z',
      '2024-01-02 10:20:30.500', '2024-01-02t10:20:30+02:00', '2024-02-30', '8080', '1.5', '0', 'true', 'yes', 'tRUE', '_1', '1e400',
      '1.2.3', '10:30', '0x', '._5'];
    const env = written.map((w, i) => `      V${i}: ${w}\n`).join('');
    const labels = written.map((w, i) => `      l${i}: ${w}\n`).join('');
    const project = tempProject({ 'compose.yaml': `services:\n  web:\n    image: ${TEST_IMAGE}\n    environment:\n${env}    labels:\n${labels}` });
    try {
      const config = dockerCli(['compose', 'config', '--format', 'json'], { cwd: project.dir });
      assert.equal(config.code, 0, config.stderr);
      const web = JSON.parse(config.stdout).services.web as { environment: Record<string, string>; labels: Record<string, string> };
      const service = new LanguageService({});
      const uri = pathToUri(project.file('compose.yaml'));
      service.documentChanged(TextDocument.create(uri, 'dockercompose', 1, readFileSync(project.file('compose.yaml'), 'utf8')));
      const found = service.diagnostics(uri);
      assert.deepEqual(found.filter((d) => d.severity === 1), []);
      const warned = new Map(found.filter((d) => d.code === 'reformatted-value')
        .map((d) => /\.(\w+): Compose reads .* and passes on "([^"]*)"/.exec(String(d.message))!).map((m) => [m[1]!, m[2]!]));
      let changed = 0;
      written.forEach((w, i) => {
        for (const [key, passed] of [[`V${i}`, web.environment[`V${i}`]], [`l${i}`, web.labels[`l${i}`]]] as const) {
          if (passed === w) assert.equal(warned.get(key), undefined, `${key}: ${w} is passed on as written`);
          else {
            changed++;
            assert.equal(warned.get(key), passed, `${key}: ${w} is passed on as ${passed}`);
          }
        }
      });
      assert.ok(changed >= 60, `most of these values change (${changed})`);
    } finally {
      project.cleanup();
    }
  });

  it('casts external to a boolean: refuses text that is none, where Dockhand reports wrong-type, and takes yes or "true" as external', () => {
    const file = (network: string, secret: string) =>
      `services:\n  web:\n    image: ${TEST_IMAGE}\n    networks: [front]\n    secrets: [token]\nnetworks:\n  front:\n    external: ${network}\nsecrets:\n  token:\n    external: ${secret}\n`;
    verdictsAgree({
      'maybe.yaml': { text: file('"maybe"', 'true'), refused: /invalid boolean: maybe/, errors: ['wrong-type'] },
      'unset.yaml': { text: file('${DH_UNSET_EXTERNAL:-nope}', 'true'), refused: /invalid boolean: nope/, errors: ['wrong-type'] },
      'words.yaml': { text: file('"true"', 'yes') },
      'no-file.yaml': { text: file('true', '"no"'), refused: /must declare either `file` or `environment`/, errors: ['missing-required-key'] },
    });
  });

  it('refuses a file with no top-level key, where dockhand check reports empty-file: no disagreement in check --compose', () => {
    const empty = { blank: '', comments: '# to be written\n', braces: '{}\n', dashes: '---\n', tilde: '~\n' };
    const project = tempProject(Object.fromEntries(Object.entries(empty).map(([name, text]) => [`${name}/compose.yaml`, text])));
    try {
      const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
      const r = spawnSync(process.execPath, [cli, 'check', '--compose', ...Object.keys(empty)], { cwd: project.dir, encoding: 'utf8', timeout: 120_000 });
      assert.equal(r.status, 1, r.stderr);
      assert.equal([...r.stdout.matchAll(/^\S+compose\.yaml:1:1 error empty-file /gm)].length, 5, r.stdout);
      assert.match(r.stdout, /5 projects checked, 5 refused, 0 disagreements with Dockhand/);
    } finally {
      project.cleanup();
    }
  });

  it('refuses a key whose colon is more than 1,024 characters from its start, where Dockhand reports long-key, and loads one at 1,024', () => {
    const file = (key: string) => `services:\n  web:\n    image: ${TEST_IMAGE}\n${key}: 1\n`;
    const long = { refused: /could not find expected ':'/, errors: ['long-key'] };
    verdictsAgree({
      'at-limit.yaml': { text: file(`x-${'a'.repeat(1022)}`) },
      'over.yaml': { text: file(`x-${'a'.repeat(1023)}`), ...long },
      'quoted-over.yaml': { text: file(`"x-${'a'.repeat(1021)}"`), ...long },
      'space-over.yaml': { text: file(`x-${'a'.repeat(1022)} `), ...long },
    });
  });

  it('loads a negative cpus, which the engine then refuses to create, where Dockhand reports invalid-format; creates 0.5', async () => {
    for (const [cpus, refused] of [['-1', true], ['0.5', false]] as const) {
      const name = uniqueName('dh-cpus');
      const project = tempProject({ 'compose.yaml': `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n    cpus: ${cpus}\n` });
      try {
        assert.equal(dockerCli(['compose', 'config', '-q'], { cwd: project.dir }).code, 0, 'Compose loads it');
        const created = dockerCli(['compose', '--project-name', name, 'up', '--no-start'], { cwd: project.dir });
        const service = new LanguageService({});
        const uri = pathToUri(project.file('compose.yaml'));
        service.documentChanged(TextDocument.create(uri, 'dockercompose', 1, readFileSync(project.file('compose.yaml'), 'utf8')));
        const errors = service.diagnostics(uri).filter((d) => d.severity === 1);
        if (refused) {
          assert.notEqual(created.code, 0, `cpus: ${cpus} was created`);
          assert.match(created.stderr, /Range of CPUs is from 0\.01/);
          assert.deepEqual(errors.map((d) => d.code), ['invalid-format']);
          assert.match(String(errors[0]!.message), /engine refuses a negative number/);
        } else {
          assert.equal(created.code, 0, created.stderr);
          assert.deepEqual(errors, []);
        }
      } finally {
        await removeProject(name);
        project.cleanup();
      }
    }
  });

  it('the engine refuses what Dockhand reports as an error in keys it checks when it creates or starts a container, and runs the forms Dockhand accepts', async () => {
    const run = async (settings: string) => {
      const name = uniqueName('dh-engine');
      const project = tempProject({ 'compose.yaml': `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n${settings}` });
      try {
        const loads = dockerCli(['compose', 'config', '-q'], { cwd: project.dir });
        const up = dockerCli(['compose', '--project-name', name, 'up', '-d'], { cwd: project.dir });
        const service = new LanguageService({});
        const uri = pathToUri(project.file('compose.yaml'));
        service.documentChanged(TextDocument.create(uri, 'dockercompose', 1, readFileSync(project.file('compose.yaml'), 'utf8')));
        const errors = service.diagnostics(uri).filter((d) => d.severity === 1).map((d) => `${d.code}: ${String(d.message)}`);
        return { loads: loads.code === 0, up: up.code === 0, said: up.stderr, errors };
      } finally {
        await removeProject(name);
        project.cleanup();
      }
    };
    const refused: [string, RegExp][] = [
      ['    cap_add: [NOT_A_CAP]\n', /unknown capability/],
      ['    stop_signal: NOTASIG\n', /Invalid signal/],
      ['    stop_signal: "0"\n', /Invalid signal/],
      ['    working_dir: relative/dir\n', /needs to be an absolute path/],
      ['    tmpfs: ["relative:size=1m"]\n', /mount path must be absolute/],
      ['    security_opt: ["bogus"]\n', /security-opt/],
      ['    security_opt: ["no-new-privileges=maybe"]\n', /security-opt/],
      ['    mac_address: zz\n', /invalid MAC address/],
      ['    ipc: bogus\n', /Invalid IPC mode/],
      ['    isolation: bogus\n', /Invalid isolation/],
      ['    cpu_shares: -5\n', /shares/],
      ['    restart: "on-failure:-1"\n', /retry count cannot be negative/],
      ['    restart: "always:3"\n', /cannot be used with restart policy/],
      ['    mem_swappiness: 101\n', /swappiness range is 0-100/],
      ['    cpu_period: 100\n', /CPU cfs period can not be less than 1ms/],
      ['    cpu_quota: 100\n', /CPU cfs quota can not be less than 1ms/],
      ['    cpuset: x\n', /Invalid value x for cpuset/],
      ['    device_cgroup_rules: [bogus]\n', /invalid device cgroup rule/],
      ['    mem_limit: 6291455\n', /Minimum memory limit allowed is 6MB/],
      ['    mem_reservation: 1k\n', /Minimum memory reservation allowed is 6MB/],
      [`    hostname: ${'a'.repeat(65)}\n`, /OCI runtime create failed/],
      // Compose itself fails at `up`, making a list of -1 containers.
      ['    scale: -1\n', /panic/],
    ];
    for (const [settings, said] of refused) {
      const r = await run(settings);
      assert.ok(r.loads, `${settings}: Compose loads it`);
      assert.ok(!r.up, `${settings}: the engine ran it`);
      assert.match(r.said, said, settings);
      assert.equal(r.errors.length, 1, `${settings}: ${r.errors.join(' | ')}`);
    }
    const accepted = await run(`    cap_add: [net_admin, CAP_SYS_PTRACE]\n    cap_drop: [ALL]\n    stop_signal: sigint\n    working_dir: /app\n    tmpfs: ["/run:size=1m"]\n    security_opt: ["no-new-privileges", "no-new-privileges:true", "seccomp=unconfined", "label:disable"]\n    mac_address: "02-42-ac-11-00-02"\n    ipc: shareable\n    isolation: default\n    cpu_shares: 0\n    restart: "on-failure:+3"\n` +
      // Compose loads these and `up` runs them, a volume option and Swarm's words aside: warnings, not errors.
      `    volumes: ["/tmp:/x:ro,bogus"]\n    ports:\n      - target: 80\n        mode: bogus\n    deploy:\n      mode: bogus\n` +
      `    labels: ["=x", "a label=y"]\n    environment: ["DEBUG = true", "A B=x"]\n    mem_swappiness: -1\n` +
      `    cpu_period: 100000\n    cpu_quota: 50000\n    cpuset: "0"\n    device_cgroup_rules: ["c 1:3 mr"]\n` +
      `    mem_limit: 6m\n    mem_reservation: 6291456\n    hostname: ${'a'.repeat(64)}\n`);
    assert.ok(accepted.up, accepted.said);
    assert.deepEqual(accepted.errors, []);
  });

  it('refuses a negative healthcheck retries, a test not starting with CMD, CMD-SHELL or NONE, an empty label or variable name, where Dockhand reports them', () => {
    const file = (settings: string) => `services:\n  web:\n    image: ${TEST_IMAGE}\n${settings}`;
    verdictsAgree({
      'retries.yaml': { text: file('    healthcheck:\n      test: ["CMD", "true"]\n      retries: -1\n'), refused: /overflows uint/, errors: ['out-of-range'] },
      'test-case.yaml': { text: file('    healthcheck:\n      test: ["cmd", "true"]\n'), refused: /must start either by/, errors: ['invalid-value'] },
      'label-key.yaml': { text: file('    labels:\n      "": x\n'), refused: /Additional property/, errors: ['invalid-name'] },
      'env-key.yaml': { text: file('    environment:\n      "": x\n'), refused: /Additional property/, errors: ['invalid-name'] },
      'fine.yaml': { text: file('    healthcheck:\n      test: ["NONE"]\n      retries: 0\n    labels: ["=x"]\n') },
    });
  });

  it('refuses a merge of what is not a mapping, where Dockhand reports invalid-merge, and loads mappings and lists of them', () => {
    const file = (merge: string) => `x-m: &m\n  restart: always\nx-l: &l\n  - tty: true\nx-s: &s\n  - 1\nservices:\n  web:\n    image: ${TEST_IMAGE}\n    <<: ${merge}\n`;
    const merge = { refused: /map merge requires map or sequence of maps/, errors: ['invalid-merge'] };
    verdictsAgree({
      'list.yaml': { text: file('*s'), ...merge },
      'number.yaml': { text: file('5'), ...merge },
      'mixed.yaml': { text: file('[*m, 1]'), ...merge },
      'null.yaml': { text: file('~'), ...merge },
      'fine.yaml': { text: file('[*m, {tty: true}]') },
      'inline.yaml': { text: file('{restart: "no"}') },
      'maps.yaml': { text: file('*l') },
    });
  });

  it('watch is offered, and says so when no service has a develop section', () => {
    const help = dockerCli(['compose', 'watch', '--help']);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /Usage:\s+docker compose watch/);
    const watch = compose(['watch'], 60_000);
    assert.notEqual(watch.code, 0);
    assert.match(watch.stdout + watch.stderr, /none of the selected services is configured for watch/i);
  });

  it('down removes the containers', () => {
    const down = compose(['--profile', 'tools', 'down']);
    assert.equal(down.code, 0, down.stderr);
  });
});
