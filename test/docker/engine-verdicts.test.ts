// What the engine makes of a file Compose loads, held against Dockhand's verdict on the same text: where the
// engine refuses it at `up` (or `run`, or `build`), Dockhand reports exactly the error; where it runs, Dockhand
// reports none (a warning at most, where only run time can tell). What Compose refuses on loading is
// compose-verdicts.test.ts's. Runs `docker compose` (v2) against a real engine.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { LanguageService } from '../../server/src/service';
import { pathToUri } from '../../server/src/model/workspace';
import { engineWarnings, type EngineFacts } from '../../client/src/docker/composeEngineStatus';
import { dockerCli, ensureEngine, removeOwnProjects, removeProject, tempProject, TEST_IMAGE, uniqueName } from './helpers/engine';
import { findingsOf, onEngine, verdictsAgree, withFirstFix } from './helpers/verdicts';

describe('the engine as the judge of what Dockhand reports', { timeout: 300_000 }, () => {
  before(async () => {
    await ensureEngine();
  });
  // The clash cases' `up` fails while the engine may still create a container (helpers/engine.ts).
  after(async () => {
    await removeOwnProjects();
  });

  it('loads a negative cpus, which the engine then refuses to create, where Dockhand reports invalid-format; creates 0.5', async () => {
    for (const [cpus, refused] of [['-1', true], ['0.5', false]] as const) {
      const r = await onEngine({ 'compose.yaml': `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n    cpus: ${cpus}\n` }, ['up', '--no-start'], 'dh-cpus');
      assert.ok(r.loads, 'Compose loads it');
      const errors = r.findings.filter((d) => d.severity === 1);
      if (refused) {
        assert.ok(!r.up, `cpus: ${cpus} was created`);
        assert.match(r.said, /Range of CPUs is from 0\.01/);
        assert.deepEqual(errors.map((d) => d.code), ['invalid-format']);
        assert.match(String(errors[0]!.message), /engine refuses a negative number/);
      } else {
        assert.ok(r.up, r.said);
        assert.deepEqual(errors, []);
      }
    }
  });

  it('the engine refuses what Dockhand reports as an error in keys it checks when it creates or starts a container, and runs the forms Dockhand accepts', async () => {
    const run = async (settings: string) => {
      const r = await onEngine({ 'compose.yaml': `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n${settings}` }, ['up', '-d'], 'dh-engine');
      return { ...r, errors: r.findings.filter((d) => d.severity === 1).map((d) => `${d.code}: ${String(d.message)}`) };
    };
    const refused: [string, RegExp][] = [
      ['    cap_add: [NOT_A_CAP]\n', /unknown capability/],
      ['    cap_drop: [cap_all]\n', /unknown capability: "CAP_ALL"/],
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
      ['    cpus: 0.5\n    cpu_period: 100000\n', /Nano CPUs and CPU Period cannot both be set/],
      ['    tmpfs: ["/run:nosymfollow"]\n', /invalid tmpfs option/],
      ['    tmpfs: ["/run:size=64mb"]\n', /size=64mb: invalid argument/],
      ['    tmpfs: ["/run:mode=999"]\n', /mode=999: invalid argument/],
      ['    cpu_quota: 50000\n    deploy:\n      resources:\n        limits:\n          cpus: "0.5"\n', /Nano CPUs and CPU Quota cannot both be set/],
      ['    cpuset: x\n', /Invalid value x for cpuset/],
      ['    device_cgroup_rules: [bogus]\n', /invalid device cgroup rule/],
      ['    mem_limit: 6291455\n', /Minimum memory limit allowed is 6MB/],
      ['    mem_reservation: 1k\n', /Minimum memory reservation allowed is 6MB/],
      [`    hostname: ${'a'.repeat(65)}\n`, /OCI runtime create failed/],
      // Compose itself fails at `up`, making a list of -1 containers.
      ['    scale: -1\n', /panic/],
      ['    ulimits:\n      nofle: 10\n', /RLIMIT_NOFLE/],
      ['    ulimits:\n      nofile:\n        soft: 20\n        hard: 10\n', /error setting rlimit/],
      ['    mem_limit: 64m\n    memswap_limit: 32m\n', /memoryswap limit should be larger than memory limit/],
      ['    memswap_limit: 32m\n', /always set the Memory limit when using Memoryswap limit/],
      ['    deploy:\n      resources:\n        limits:\n          memory: 64m\n        reservations:\n          memory: 128m\n', /can not be less than memory reservation limit/],
      ['    network_mode: "container:"\n', /container format/],
      ['    pid: "container:"\n', /PID/],
      ['    logging:\n      driver: json-file\n      options:\n        max-size: bogus\n', /invalid size/],
      ['    logging:\n      driver: json-file\n      options:\n        max-sise: 10m\n', /unknown log opt/],
      ['    logging:\n      driver: json-file\n      options:\n        max-file: "0"\n', /max-file cannot be less than 1/],
      ['    logging:\n      driver: json-file\n      options:\n        compress: "true"\n', /compress cannot be true/],
      ['    logging:\n      driver: local\n      options:\n        tag: x\n', /unknown log opt/],
      ['    healthcheck:\n      test: ["CMD", "true"]\n      interval: 500us\n', /Interval in Healthcheck cannot be less than 1ms/],
      ['    healthcheck:\n      test: ["CMD", "true"]\n      timeout: -1s\n', /Timeout in Healthcheck cannot be less than 1ms/],
      ['    healthcheck:\n      test: ["CMD", "true"]\n      start_period: 0.5ms\n', /StartPeriod in Healthcheck cannot be less than 1ms/],
      // An empty device or group, written or from a variable's empty default.
      ['    devices: [""]\n', /error gathering device information while adding custom device ""/],
      ['    group_add: ["${DH_EMPTY:-}"]\n', /Unable to find group/],
    ];
    for (const [settings, said] of refused) {
      const r = await run(settings);
      assert.ok(r.loads, `${settings}: Compose loads it`);
      assert.ok(!r.up, `${settings}: the engine ran it`);
      assert.match(r.said, said, settings);
      assert.equal(r.errors.length, 1, `${settings}: ${r.errors.join(' | ')}`);
    }
    const accepted = await run(`    cap_add: [net_admin, CAP_SYS_PTRACE]\n    cap_drop: [ALL]\n    stop_signal: sigint\n    working_dir: /app\n    tmpfs: ["/run:size=1m,mode=1777,uid=1000,nr_inodes=1k,noexec,nosuid", "/tmp:size=10%"]\n    security_opt: ["no-new-privileges", "no-new-privileges:true", "seccomp=unconfined", "label:disable"]\n    mac_address: "02-42-ac-11-00-02"\n    ipc: shareable\n    isolation: default\n    cpu_shares: 0\n    restart: "on-failure:+3"\n` +
      // Compose loads these and `up` runs them, a volume option and Swarm's words aside: warnings, not errors.
      `    volumes: ["/tmp:/x:ro,bogus"]\n    ports:\n      - target: 80\n        mode: bogus\n    deploy:\n      mode: bogus\n` +
      `    labels: ["=x", "a label=y"]\n    environment: ["DEBUG = true", "A B=x"]\n    mem_swappiness: -1\n` +
      // Compose 2.26 passes any expose text on and the engine records it as written: warnings.
      `    expose: ["abc", "80-70", "70000", "80/xyz"]\n` +
      `    cpu_period: 100000\n    cpu_quota: 50000\n    cpuset: "0"\n    device_cgroup_rules: ["c 1:3 mr"]\n` +
      `    mem_limit: 6m\n    mem_reservation: 6291456\n    memswap_limit: -1\n    hostname: ${'a'.repeat(64)}\n` +
      `    ulimits:\n      NOFILE: 1024\n      as: -1\n      core:\n        soft: 10\n        hard: -1\n` +
      `    logging:\n      driver: json-file\n      options:\n        max-size: 1.5m\n        max-file: 3\n        compress: "true"\n        tag: x\n        mode: non-blocking\n` +
      // A healthcheck's timings of 0 (the default) or at least a millisecond.
      `    healthcheck:\n      test: ["CMD", "true"]\n      interval: 1ms\n      timeout: 0s\n      start_period: "0"\n`);
    assert.ok(accepted.up, accepted.said);
    assert.deepEqual(accepted.errors, []);
    // No stop signal, folder or MAC address (empty, written or from a variable's empty default) is the engine's default.
    // So are an empty isolation, container name (Compose's own) and CPU set (every CPU), and an empty annotation is taken.
    for (const empty of ['""', '${DH_EMPTY:-}']) {
      const none = await run(`    stop_signal: ${empty}\n    working_dir: ${empty}\n    mac_address: ${empty}\n    isolation: ${empty}\n    container_name: ${empty}\n    cpuset: ${empty}\n    annotations:\n      - ${empty}\n`);
      assert.ok(none.up, `${empty}: ${none.said}`);
      assert.deepEqual(none.errors, [], empty);
    }
  });

  it('refuses a tmpfs at the path of a short-syntax bind ("Duplicate mount point"), where Dockhand reports tmpfs-conflict; over a volume or a long-syntax mount the container starts and sees only the tmpfs, where Dockhand warns', async () => {
    const run = async (settings: string) => {
      // The container prints what is mounted at /data; its bind folder exists, as a project's would.
      const files = { 'site/index.html': 'hi\n', 'compose.yaml': `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["sh", "-c", "grep ' /data ' /proc/mounts"]\n${settings}` };
      const r = await onEngine(files, ['up', '--abort-on-container-exit'], 'dh-tmpfs');
      assert.ok(r.loads, `${settings}: Compose loads it`);
      // The lines /proc/mounts has for /data, by filesystem type, in mount order.
      const mounted = r.stdout.split('\n').filter((line) => line.includes(' /data ')).map((line) => line.replace(/^.*\| /, '').split(' ')[2]);
      return { up: r.up, said: r.said, found: r.findings.map((d) => [d.code, d.severity]), mounted };
    };
    for (const settings of ['    tmpfs: ["/data"]\n    volumes: ["./site:/data"]\n', '    tmpfs: /data:size=1m\n    volumes: ["./site:/data/:ro"]\n']) {
      const r = await run(settings);
      assert.ok(!r.up, `${settings}: the engine ran it`);
      assert.match(r.said, /Duplicate mount point: \/data/, settings);
      assert.deepEqual(r.found, [['tmpfs-conflict', 1]], settings);
    }
    const covered = [
      '    tmpfs: ["/data"]\n    volumes: ["data:/data"]\nvolumes:\n  data: {}\n',
      '    tmpfs: ["/data"]\n    volumes: ["/data"]\n',
      '    tmpfs: ["/data"]\n    volumes:\n      - type: bind\n        source: ./site\n        target: /data\n',
    ];
    for (const settings of covered) {
      const r = await run(settings);
      assert.ok(r.up, `${settings}: ${r.said}`);
      assert.equal(r.mounted.at(-1), 'tmpfs', `${settings}: the tmpfs is what the container sees at /data (${r.mounted.join(', ')})`);
      assert.deepEqual(r.found, [['tmpfs-conflict', 2]], settings);
    }
    // A tmpfs path written otherwise than the bind's (`/data/`) is not compared by the engine: it starts, with the tmpfs on top.
    const otherwise = await run('    tmpfs: ["/data/"]\n    volumes: ["./site:/data"]\n');
    assert.ok(otherwise.up, otherwise.said);
    assert.equal(otherwise.mounted.length, 2, `the bind, then the tmpfs over it: ${otherwise.mounted.join(', ')}`);
    assert.equal(otherwise.mounted.at(-1), 'tmpfs');
    assert.deepEqual(otherwise.found, [['tmpfs-conflict', 2]]);
    // Apart, nothing is said.
    const apart = await run('    tmpfs: ["/run"]\n    volumes: ["./site:/data"]\n');
    assert.ok(apart.up, apart.said);
    assert.deepEqual(apart.found, []);
  });

  it('refuses one service publishing a host port twice for different mappings, where Dockhand reports port-conflict; other addresses, another protocol or the same mapping twice start', async () => {
    const run = async (ports: string) => {
      const r = await onEngine({ 'compose.yaml': `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "30"]\n    ports: ${ports}\n` }, ['up', '-d'], 'dh-ports');
      assert.ok(r.loads, `${ports}: Compose loads it`);
      return { up: r.up, said: r.said, found: r.findings.filter((d) => d.severity === 1).map((d) => d.code) };
    };
    for (const ports of ['["18480:80", "18480:81"]', '["18481:80", "127.0.0.1:18481:81"]']) {
      const r = await run(ports);
      assert.ok(!r.up, `${ports}: the engine ran it`);
      assert.match(r.said, /port is already allocated|address already in use/, ports);
      assert.deepEqual(r.found, ['port-conflict'], ports);
    }
    for (const ports of ['["127.0.0.1:18482:80", "127.0.0.2:18482:81"]', '["18483:80", "18483:80/udp"]', '["18484:80", "18484:80"]']) {
      const r = await run(ports);
      assert.ok(r.up, `${ports}: ${r.said}`);
      assert.deepEqual(r.found, [], ports);
    }
  });

  it('two services whose host ports default to one value through variables: the engine refuses the second at up, where Dockhand warns port-conflict (the environment Compose runs in may override them); an .env that parts them starts both, as does the quick fix\'s default, and Dockhand says nothing', async () => {
    const compose = `services:\n  a:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "30"]\n    ports: ["\${DH_A_PORT:-18486}:80"]\n  b:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "30"]\n    ports:\n      - target: 81\n        published: \${DH_B_PORT:-18486}\n`;
    const found = (r: { findings: Diagnostic[] }) => r.findings.filter((d) => d.code === 'port-conflict').map((d) => [d.range.start.line, d.severity]);
    const clash = await onEngine({ 'compose.yaml': compose }, ['up', '-d'], 'dh-portvars');
    assert.ok(clash.loads, 'Compose loads it: only the engine refuses');
    assert.ok(!clash.up, 'the engine started both');
    assert.match(clash.said, /port is already allocated|address already in use/);
    assert.deepEqual(found(clash), [[4, 2], [9, 2]]);
    const apart = await onEngine({ 'compose.yaml': compose, '.env': 'DH_B_PORT=18487\n' }, ['up', '-d'], 'dh-portvars');
    assert.ok(apart.up, apart.said);
    assert.deepEqual(found(apart), []);
    // The quick fix gives the first a free default of its own: both start.
    const fixed = withFirstFix({ 'compose.yaml': compose }, 'port-conflict');
    assert.equal(fixed.title, 'Make 18487 the default of DH_A_PORT instead (free in this project)');
    const fixedRun = await onEngine({ 'compose.yaml': fixed.text }, ['up', '-d'], 'dh-portvars');
    assert.ok(fixedRun.up, fixedRun.said);
    assert.deepEqual(found(fixedRun), []);
  });

  it('a service run as several containers on one host port: all but the first fail to start, where Dockhand warns host-port-replicas (a Swarm shares the port); the quick fix\'s host range starts them all, as does a range wide enough', async () => {
    const text = (ports: string) => `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "30"]\n    deploy:\n      replicas: 2\n    ports:\n      - ${ports}\n`;
    const found = (r: { findings: Diagnostic[] }) => r.findings.map((d) => [d.code, d.severity]);
    const fixedPort = await onEngine({ 'compose.yaml': text('"18490:80"') }, ['up', '-d'], 'dh-replicas');
    assert.ok(fixedPort.loads, 'Compose loads it: only the engine refuses');
    assert.ok(!fixedPort.up, 'the engine started both');
    assert.match(fixedPort.said, /port is already allocated|address already in use/);
    assert.deepEqual(found(fixedPort), [['host-port-replicas', 2]]);
    const fixed = withFirstFix({ 'compose.yaml': text('"18490:80"') }, 'host-port-replicas');
    assert.equal(fixed.title, 'Publish host ports 18490-18491: one for each of the 2 containers');
    const fixedRun = await onEngine({ 'compose.yaml': fixed.text }, ['up', '-d'], 'dh-replicas');
    assert.ok(fixedRun.up, fixedRun.said);
    assert.deepEqual(found(fixedRun), []);
    const tooNarrow = await onEngine({ 'compose.yaml': text('"18492-18493:80"').replace('replicas: 2', 'replicas: 3') }, ['up', '-d'], 'dh-replicas');
    assert.ok(!tooNarrow.up, 'three containers started on two host ports');
    assert.deepEqual(found(tooNarrow), [['host-port-replicas', 2]]);
    const wide = await onEngine({ 'compose.yaml': text('"18494-18495:80"') }, ['up', '-d'], 'dh-replicas');
    assert.ok(wide.up, wide.said);
    assert.deepEqual(found(wide), []);
  });

  it('a runtime a typo away from one engines are set up with: Compose loads it and the engine refuses it at up, where Dockhand warns invalid-value; the fix\'s word starts', async () => {
    // A logging or network driver so misspelt is refused alike ('plugin "jsonfile" not found'), but only after the
    // engine has looked for such a plugin for ~15 s: checked by hand, not on every run.
    const text = `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n    runtime: runcc\n`;
    const found = (r: { findings: Diagnostic[] }) => r.findings.map((d) => [d.code, d.severity]);
    const typo = await onEngine({ 'compose.yaml': text }, ['up', '--no-start'], 'dh-typo');
    assert.ok(typo.loads, 'Compose loads it: only the engine refuses');
    assert.ok(!typo.up, 'the engine created it');
    assert.match(typo.said, /Unknown runtime specified runcc/);
    assert.deepEqual(found(typo), [['invalid-value', 2]]);
    const fixed = await onEngine({ 'compose.yaml': withFirstFix({ 'compose.yaml': text }, 'invalid-value').text }, ['up', '--no-start'], 'dh-typo');
    assert.ok(fixed.up, fixed.said);
    assert.deepEqual(found(fixed), []);
  });

  it('a network mode a typo away from host: Compose loads it and the engine looks for a network of that name and refuses to start the container, where Dockhand warns invalid-value; the fix\'s mode starts', async () => {
    const text = `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n    network_mode: hots\n`;
    // Created as written: the engine looks for the network when it starts the container.
    const typo = await onEngine({ 'compose.yaml': text }, ['up', '-d'], 'dh-mode');
    assert.ok(typo.loads && !typo.up);
    assert.match(typo.said, /network hots not found/);
    assert.deepEqual(typo.findings.map((d) => [d.code, d.severity]), [['invalid-value', 2]]);
    const fixed = await onEngine({ 'compose.yaml': withFirstFix({ 'compose.yaml': text }, 'invalid-value').text }, ['up', '-d'], 'dh-mode');
    assert.ok(fixed.up, fixed.said);
    assert.deepEqual(fixed.findings, []);
  });

  it('the engine refuses an image reference ("invalid reference format") exactly where Dockhand reports invalid-format at image:', async () => {
    // pull_policy: never, so each `up` asks the engine for the name and nothing is pulled: a name it reads is only missing.
    const references = ['Nginx:Latest', 'ghcr.io/Org/app:1', 'nginx@sha256:abc', 'nginx ', '-nginx', 'nginx_', 'a/b:tag:x', 'nginx:Latest', 'MyReg.io:5000/app:v1',
      'localhost:5000/a_b__c--d', 'a/b/', 'a//b', `nginx@sha256:${'0'.repeat(64)}`, 'dockhand-missing/app:1.2.3-rc_1'];
    const disagreements: string[] = [];
    for (const reference of references) {
      const r = await onEngine({ 'compose.yaml': `services:\n  web:\n    image: ${JSON.stringify(reference)}\n    pull_policy: never\n` }, ['up', '-d'], 'dh-ref');
      assert.ok(!r.up, `${reference}: no such image is here, yet up passed`);
      const refused = /invalid reference format/.test(r.said);
      const errors = r.findings.filter((d) => d.severity === 1).map((d) => d.code);
      if (refused !== (errors.length > 0) || errors.some((c) => c !== 'invalid-format')) disagreements.push(`${JSON.stringify(reference)}: engine ${refused ? 'refused' : 'read it'}, Dockhand ${errors.join(', ') || 'nothing'}`);
    }
    assert.deepEqual(disagreements, []);
  });

  it('the engine refuses a second container with a container_name another service takes, where Dockhand reports container-name-conflict; services whose profiles part them run, one at a time', async () => {
    // Each run takes a container name of its own: a container a failed `up` left behind (its removal can race
    // with the engine still starting it) must not meet the next run.
    const run = async (text: (container: string) => string, profiles: string[] = []) => {
      const container = uniqueName('dh-same');
      try {
        const r = await onEngine({ 'compose.yaml': text(container) }, [...profiles.flatMap((p) => ['--profile', p]), 'up', '-d'], 'dh-names');
        return { up: r.up, said: r.said, codes: r.findings.map((d) => d.code) };
      } finally {
        dockerCli(['rm', '-f', container]);
      }
    };
    const service = (container: string, profile: string) => `    image: ${TEST_IMAGE}\n    command: ["sleep", "30"]\n    container_name: ${container}\n${profile}`;
    const clash = await run((c) => `services:\n  a:\n${service(c, '')}  b:\n${service(c, '')}`);
    assert.ok(!clash.up, 'the engine ran both');
    assert.match(clash.said, /already in use/);
    assert.deepEqual(clash.codes, ['container-name-conflict', 'container-name-conflict']);
    // Profiles used as alternatives (one or the other): as for port conflicts, never judged together.
    const parted = (c: string) => `services:\n  a:\n${service(c, '    profiles: [one]\n')}  b:\n${service(c, '    profiles: [two]\n')}`;
    for (const profile of ['one', 'two']) {
      const r = await run(parted, [profile]);
      assert.ok(r.up, r.said);
      assert.deepEqual(r.codes, []);
    }
    // A service with no profile runs with every profile: with `other` on, the two clash, and Dockhand says so.
    const always = await run((c) => `services:\n  a:\n${service(c, '')}  b:\n${service(c, '    profiles: [other]\n')}`, ['other']);
    assert.ok(!always.up, 'the engine ran both');
    assert.deepEqual(always.codes, ['container-name-conflict', 'container-name-conflict']);
    // The preferred quick fix, a name of the service's own, makes a project the engine runs whole.
    const fixedRun = await run((c) => {
      const fixed = withFirstFix({ 'compose.yaml': `services:\n  a:\n${service(c, '')}  b:\n${service(c, '')}` }, 'container-name-conflict');
      assert.equal(fixed.title, `Name this container "${c}-a"`);
      return fixed.text;
    });
    assert.ok(fixedRun.up, fixedRun.said);
    assert.deepEqual(fixedRun.codes, []);
    // A name written with variables whose default is the other's: the engine refuses the second as well, where
    // Dockhand warns (the environment Compose runs in may set them apart).
    const viaDefault = await run((c) => `services:\n  a:\n${service(`\${DH_EMPTY:-${c}}`, '')}  b:\n${service(c, '')}`);
    assert.ok(!viaDefault.up, 'the engine ran both');
    assert.match(viaDefault.said, /already in use/);
    assert.deepEqual(viaDefault.codes, ['container-name-conflict', 'container-name-conflict']);
  });

  it('up fails waiting for a service to be healthy that has no healthcheck, where Dockhand warns no-healthcheck (an error when it is turned off), and passes once it has one', async () => {
    const run = async (health: string) => {
      const text = `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "30"]\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "30"]\n${health}`;
      const r = await onEngine({ 'compose.yaml': text }, ['up', '-d'], 'dh-health');
      return { up: r.up, said: r.said, found: r.findings.map((d) => [d.code, d.severity]) };
    };
    const none = await run('');
    assert.ok(!none.up, 'up passed');
    assert.match(none.said, /has no healthcheck configured/);
    assert.deepEqual(none.found, [['no-healthcheck', 2]], 'a warning: the image could have a HEALTHCHECK (this one has none)');
    const off = await run('    healthcheck:\n      disable: true\n');
    assert.ok(!off.up, 'up passed');
    assert.deepEqual(off.found, [['no-healthcheck', 1]]);
    const tested = await run('    healthcheck:\n      test: ["CMD", "true"]\n      interval: 1s\n');
    assert.ok(tested.up, tested.said);
    assert.deepEqual(tested.found, []);
  });

  it('up runs a mount holding the options of another type and warns that it should not define them, where Dockhand warns mount-option-ignored; a mount with its own options runs with no word', async () => {
    const run = async (mount: string) => {
      const text = `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n    volumes:\n${mount}volumes:\n  data:\n`;
      const r = await onEngine({ 'compose.yaml': text }, ['up', '-d'], 'dh-mountopt');
      return { ...r, found: r.findings.map((d) => [d.code, d.severity]) };
    };
    const stray = await run('      - type: volume\n        source: data\n        target: /data\n        bind:\n          propagation: rprivate\n      - type: tmpfs\n        target: /cache\n        volume:\n          nocopy: true\n');
    assert.ok(stray.up, stray.said);
    assert.match(stray.said, /mount of type `volume` should not define `bind` option/);
    assert.match(stray.said, /mount of type `tmpfs` should not define `volume` option/);
    assert.deepEqual(stray.found, [['mount-option-ignored', 2], ['mount-option-ignored', 2]]);
    const own = await run('      - type: volume\n        source: data\n        target: /data\n        volume:\n          nocopy: true\n      - type: tmpfs\n        target: /cache\n        tmpfs:\n          size: 1000000\n');
    assert.ok(own.up, own.said);
    assert.doesNotMatch(own.said, /should not define/);
    assert.deepEqual(own.found, []);
  });

  it('run mounts a secret read from a file with the file\'s own owner and permissions and warns that uid, gid and mode are ignored, where Dockhand warns permissions-ignored; a secret or config made from environment or content gets them, and Dockhand says nothing there', async () => {
    const text = `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["sh", "-c", "stat -c '%n %a %u' /run/secrets/disk /run/secrets/env /etc/inline"]\n    secrets:\n      - source: disk\n        mode: 0400\n        uid: "1000"\n      - source: env\n        mode: 0400\n        uid: "1000"\n    configs:\n      - source: inline\n        target: /etc/inline\n        mode: 0440\nsecrets:\n  disk:\n    file: ./token.txt\n  env:\n    environment: HOME\nconfigs:\n  inline:\n    content: hello\n`;
    const r = await onEngine({ 'compose.yaml': text, 'token.txt': 'x' }, ['run', '--rm', 'web'], 'dh-perms');
    assert.ok(r.up, r.said);
    assert.match(r.said, /secrets `uid`, `gid` and `mode` are not supported, they will be ignored/);
    assert.match(r.stdout, /\/run\/secrets\/disk (?!400 )\d+ 0\n/, r.stdout);
    assert.match(r.stdout, /\/run\/secrets\/env 400 1000\n/, r.stdout);
    assert.match(r.stdout, /\/etc\/inline 440 0\n/, r.stdout);
    assert.deepEqual(r.findings.filter((d) => d.code === 'permissions-ignored').map((d) => [d.range.start.line, d.severity]), [[6, 2], [7, 2]]);
  });

  it('up refuses a service whose mac_address differs from the one it gives its first network (the highest priority, then the name that sorts first), where Dockhand reports mac-address-conflict; a difference on another network is not refused for it', async () => {
    const text = (networks: string) => `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n    mac_address: 02:42:ac:11:00:02\n    networks:\n${networks}networks:\n  aa: {}\n  bb: {}\n`;
    const mac = (r: { findings: Diagnostic[] }) => r.findings.filter((d) => d.code === 'mac-address-conflict').map((d) => [d.range.start.line, d.severity]);
    const first = await onEngine({ 'compose.yaml': text('      aa:\n      bb:\n        priority: 10\n        mac_address: 02:42:ac:11:00:03\n') }, ['up', '-d'], 'dh-mac');
    assert.ok(first.loads, 'Compose loads it');
    assert.ok(!first.up, first.said);
    assert.match(first.said, /the service-level mac_address should have the same value as network bb/);
    assert.deepEqual(mac(first), [[9, 1]]);
    const byName = await onEngine({ 'compose.yaml': text('      bb:\n        mac_address: 02:42:ac:11:00:03\n      aa:\n        mac_address: 02:42:ac:11:00:09\n') }, ['up', '-d'], 'dh-mac');
    assert.match(byName.said, /should have the same value as network aa/);
    assert.deepEqual(mac(byName), [[9, 1]]);
    const other = await onEngine({ 'compose.yaml': text('      aa:\n      bb:\n        mac_address: 02:42:ac:11:00:03\n') }, ['up', '-d'], 'dh-mac');
    assert.doesNotMatch(other.said, /should have the same value/);
    assert.deepEqual(mac(other), []);
  });

  it('refuses a build reading a secret no file defines, or building on the image of a service with no build, where Dockhand reports undefined-secret and non-buildable-context; defined and buildable, it loads', async () => {
    const build = (extra: string) => `services:\n  base:\n    image: ${TEST_IMAGE}\n  web:\n    build:\n      context: .\n      dockerfile_inline: "FROM ${TEST_IMAGE}"\n${extra}secrets:\n  token:\n    environment: HOME\n`;
    const errors = (r: { findings: Diagnostic[] }) => r.findings.filter((d) => d.severity === 1).map((d) => d.code);
    const secret = await onEngine({ 'compose.yaml': build('      secrets: [nope]\n') }, ['config', '-q'], 'dh-build');
    assert.ok(!secret.loads);
    assert.match(secret.said, /refers to undefined build secret nope/);
    assert.deepEqual(errors(secret), ['undefined-secret']);
    const context = await onEngine({ 'compose.yaml': build('      additional_contexts:\n        base: service:base\n') }, ['config', '-q'], 'dh-build');
    assert.ok(!context.loads);
    assert.match(context.said, /declares non-buildable service "base"/);
    assert.deepEqual(errors(context), ['non-buildable-context']);
    const fine = await onEngine({ 'compose.yaml': build('      secrets: [token]\n      additional_contexts:\n        other: docker-image://alpine\n') }, ['config', '-q'], 'dh-build');
    assert.ok(fine.loads, fine.said);
    assert.deepEqual(errors(fine), []);
    // The quick fix builds on the image the service names: Compose takes it, and Dockhand says nothing more.
    const fixed = withFirstFix({ 'compose.yaml': build('      additional_contexts:\n        base: service:base\n') }, 'non-buildable-context');
    assert.match(fixed.text, new RegExp(`base: docker-image://${TEST_IMAGE}\n`));
    const built = await onEngine({ 'compose.yaml': fixed.text }, ['config', '-q'], 'dh-build');
    assert.ok(built.loads, built.said);
    assert.deepEqual(errors(built), []);
  });

  it('refuses a project where a service it keeps depends on one a profile leaves out, in the runs Dockhand warns disabled-dependency of; with the profiles enabled, or required: false, it loads', async () => {
    const text = `services:\n  web:\n    image: ${TEST_IMAGE}\n    depends_on: [db]\n  db:\n    image: ${TEST_IMAGE}\n    profiles: [debug]\n  tool:\n    image: ${TEST_IMAGE}\n    profiles: [x]\n    depends_on: [db]\n  optional:\n    image: ${TEST_IMAGE}\n    depends_on:\n      db:\n        condition: service_started\n        required: false\n`;
    const run = (profiles: string[]) => onEngine({ 'compose.yaml': text }, [...profiles.flatMap((p) => ['--profile', p]), 'config', '-q'], 'dh-profiles');
    const plain = await run([]);
    assert.ok(!plain.up);
    assert.match(plain.said, /service "web" depends on undefined service "?db"?/);
    assert.deepEqual(plain.findings.filter((d) => d.code === 'disabled-dependency').map((d) => [d.range.start.line, d.severity]), [[3, 2], [10, 2]]);
    const tool = await run(['x']);
    assert.ok(!tool.up);
    assert.match(tool.said, /service "(web|tool)" depends on undefined service "?db"?/);
    const debug = await run(['debug']);
    assert.ok(debug.up, debug.said);
    const both = await run(['debug', 'x']);
    assert.ok(both.up, both.said);
    // The quick fix on web's dependency (the short flow list, written in the long form): the plain run loads, and
    // Dockhand still warns of tool's, which a run of profile x alone is still refused for.
    const fixed = withFirstFix({ 'compose.yaml': text }, 'disabled-dependency');
    assert.match(fixed.text, /depends_on: \{db: \{condition: service_started, required: false\}\}\n/);
    const fixedPlain = await onEngine({ 'compose.yaml': fixed.text }, ['config', '-q'], 'dh-profiles');
    assert.ok(fixedPlain.up, fixedPlain.said);
    assert.deepEqual(fixedPlain.findings.filter((d) => d.code === 'disabled-dependency').map((d) => d.range.start.line), [10]);
    const fixedTool = await onEngine({ 'compose.yaml': fixed.text }, ['--profile', 'x', 'config', '-q'], 'dh-profiles');
    assert.ok(!fixedTool.up);
    assert.match(fixedTool.said, /service "tool" depends on undefined service "?db"?/);
  });

  it('takes deploy.restart_policy.condition always as the container\'s restart policy, where Dockhand only warns (Swarm refuses it), and refuses a word the engine does not know, where Dockhand reports invalid-value', async () => {
    const run = (condition: string) => onEngine({ 'compose.yaml': `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n    deploy:\n      restart_policy:\n        condition: ${condition}\n` }, ['up', '-d'], 'dh-condition');
    const values = (r: { findings: { code?: unknown; severity?: number }[] }) => r.findings.filter((d) => d.code === 'invalid-value').map((d) => d.severity);
    const always = await run('always');
    assert.ok(always.up, always.said);
    assert.deepEqual(values(always), [2]);
    const unknown = await run('sometimes');
    assert.ok(!unknown.up);
    assert.match(unknown.said, /invalid restart policy 'sometimes'/);
    assert.deepEqual(values(unknown), [1]);
  });

  it('starts a container given an empty port protocol, bind propagation, restart condition or fixed IPv4 address (the engine\'s default), where Dockhand says nothing, and refuses a word it does not know there, where Dockhand reports it', async () => {
    const file = (protocol: string, propagation: string, condition: string, address: string) => ({
      'compose.yaml': `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n    ports:\n      - target: 80\n        protocol: ${protocol}\n    volumes:\n      - type: bind\n        source: .\n        target: /d\n        bind:\n          propagation: ${propagation}\n    deploy:\n      restart_policy:\n        condition: ${condition}\n    networks:\n      n:\n        ipv4_address: ${address}\nnetworks:\n  n:\n    ipam:\n      config:\n        - subnet: 10.231.0.0/16\n`,
    });
    const errors = (r: { findings: { code?: unknown; severity?: number }[] }) => r.findings.filter((d) => d.severity === 1).map((d) => String(d.code));
    const empty = await onEngine(file('""', '""', '""', '""'), ['up', '-d'], 'dh-empty');
    assert.ok(empty.up, empty.said);
    assert.deepEqual(errors(empty), []);
    // One unknown word at a time: each is the engine's refusal, and Dockhand's one error.
    for (const [args, said, code] of [
      [['abc', '""', '""', '""'], /invalid transport protocol/, 'invalid-value'],
      [['""', 'abc', '""', '""'], /invalid propagation mode: abc/, 'invalid-value'],
      [['""', '""', 'abc', '""'], /invalid restart policy 'abc'/, 'invalid-value'],
      [['""', '""', '""', 'abc'], /abc/, 'invalid-format'],
    ] as const) {
      const r = await onEngine(file(args[0], args[1], args[2], args[3]), ['up', '-d'], 'dh-empty');
      assert.ok(!r.up, `${args.join(' ')} starts`);
      assert.match(r.said, said);
      assert.deepEqual(errors(r), [code]);
    }
  });

  it('refuses at up a service whose secret is read from an environment variable nothing sets, where Dockhand warns unset-variable; set in .env, it starts', async () => {
    const text = `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["cat", "/run/secrets/token"]\n    secrets: [token]\nsecrets:\n  token:\n    environment: DH_TOKEN_NOT_SET\n`;
    const unset = await onEngine({ 'compose.yaml': text }, ['up', '-d'], 'dh-secret-env');
    assert.ok(unset.loads && !unset.up);
    assert.match(unset.said, /environment variable "DH_TOKEN_NOT_SET" required by file "[^"]+" is not set/);
    assert.deepEqual(unset.findings.filter((d) => d.code === 'unset-variable').map((d) => [d.range.start.line, d.severity]), [[7, 2]]);
    const set = await onEngine({ 'compose.yaml': text, '.env': 'DH_TOKEN_NOT_SET=x\n' }, ['up', '-d'], 'dh-secret-env');
    assert.ok(set.up, set.said);
    assert.deepEqual(set.findings.filter((d) => d.code === 'unset-variable'), []);
  });

  it('the engine refuses a platform it cannot parse and a device not written from the root, where Dockhand reports invalid-format; capitals, an architecture alone and /dev paths start', async () => {
    const run = (lines: string) => onEngine({ 'compose.yaml': `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n${lines}` }, ['up', '-d'], 'dh-platform');
    const formats = (r: { findings: { code?: unknown; severity?: number; range: { start: { line: number } } }[] }) => r.findings.filter((d) => d.code === 'invalid-format' && d.severity === 1).map((d) => d.range.start.line);
    for (const [lines, said] of [
      ['    platform: linux/amd64/v1/x\n', /cannot parse platform specifier/],
      ['    platform: linux//amd64\n', /invalid component of "linux\/\/amd64"/],
      ['    devices:\n      - dev/null:/dev/null\n', /error gathering device information/],
      ['    blkio_config:\n      device_read_bps:\n        - path: sda\n          rate: 10mb\n', /stat sda: no such file or directory/],
    ] as const) {
      const refused = await run(lines);
      assert.ok(!refused.up, lines);
      assert.match(refused.said, said);
      assert.equal(formats(refused).length, 1, `${lines}: ${JSON.stringify(refused.findings.map((d) => d.message))}`);
    }
    const starts = await run('    platform: LINUX/AMD64\n    devices:\n      - /dev/null:/dev/null\n');
    assert.ok(starts.up, starts.said);
    assert.deepEqual(formats(starts), []);
  });

  it('refuses a service with nothing under it (db:) in the main file and in an override that adds it, where Dockhand reports wrong-type; an override may leave empty a service the main file defines, and !reset drops one', async () => {
    const wrongTypes = (list: Diagnostic[]) => list.filter((d) => d.code === 'wrong-type').map((d) => [d.range.start.line, d.severity]);
    const main = await onEngine({ 'compose.yaml': `services:\n  web:\n    image: ${TEST_IMAGE}\n  db:\n` }, ['config', '-q'], 'dh-empty');
    assert.ok(!main.loads);
    assert.match(main.said, /services\.db must be a mapping/);
    assert.deepEqual(wrongTypes(main.findings), [[3, DiagnosticSeverity.Error]]);
    for (const [override, refused] of [['services:\n  web:\n  gone: !reset\n', false], ['services:\n  cache:\n', true]] as const) {
      const project = tempProject({ 'compose.yaml': `services:\n  web:\n    image: ${TEST_IMAGE}\n`, 'compose.override.yaml': override });
      try {
        const verdict = dockerCli(['compose', 'config', '-q'], { cwd: project.dir });
        assert.equal(verdict.code !== 0, refused, verdict.stderr);
        if (refused) assert.match(verdict.stderr, /compose\.override\.yaml: services\.cache must be a mapping/);
        assert.deepEqual(wrongTypes(findingsOf(project.file('compose.override.yaml'))), refused ? [[1, DiagnosticSeverity.Error]] : [], override);
      } finally {
        project.cleanup();
      }
    }
  });

  it('refuses at up a volume name the local driver refuses, where Dockhand reports invalid-format on the name; a good name starts', async () => {
    const run = (name: string) => onEngine({ 'compose.yaml': `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n    volumes: [data:/data]\nvolumes:\n  data:\n    name: "${name}"\n` }, ['up', '-d'], 'dh-volname');
    const formats = (r: { findings: Diagnostic[] }) => r.findings.filter((d) => d.code === 'invalid-format').map((d) => [d.range.start.line, d.severity]);
    for (const [name, said] of [['dh volume', /includes invalid characters for a local volume name/], ['-dh', /includes invalid characters for a local volume name/], ['d', /volume name is too short/]] as const) {
      const refused = await run(name);
      assert.ok(refused.loads && !refused.up, name);
      assert.match(refused.said, said);
      assert.deepEqual(formats(refused), [[7, DiagnosticSeverity.Error]], name);
    }
    const fine = uniqueName('dh-volname-ok');
    const starts = await run(fine);
    await dockerCli(['volume', 'rm', '-f', fine]);
    assert.ok(starts.up, starts.said);
    assert.deepEqual(formats(starts), []);
  });

  it('refuses an env file or label file that is a folder, optional or not, where Dockhand reports it on the entry', async () => {
    for (const [lines, code] of [['    env_file: conf\n', 'invalid-env-file'], ['    env_file:\n      - path: conf\n        required: false\n', 'invalid-env-file'], ['    label_file: conf\n', 'missing-label-file']] as const) {
      const r = await onEngine({ 'compose.yaml': `services:\n  web:\n    image: ${TEST_IMAGE}\n${lines}`, 'conf/app.env': 'A=1\n' }, ['config', '-q'], 'dh-envdir');
      assert.ok(!r.loads, lines);
      assert.match(r.said, /conf: is a directory/);
      assert.deepEqual(r.findings.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => d.code), [code], lines);
    }
  });

  it('refuses at up a network a service joins that it would make with the host or none driver, where Dockhand reports invalid-value; one no service joins is not made, and starts', async () => {
    const run = (driver: string, joins: string) => onEngine({ 'compose.yaml': `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n${joins}networks:\n  n:\n    driver: ${driver}\n` }, ['up', '-d'], 'dh-netdriver');
    const values = (r: { findings: Diagnostic[] }) => r.findings.filter((d) => d.code === 'invalid-value').map((d) => [d.range.start.line, d.severity]);
    for (const [driver, said] of [['host', /only one instance of "host" network is allowed/], ['none', /plugin "none" not found/]] as const) {
      const refused = await run(driver, '    networks: [n]\n');
      assert.ok(refused.loads && !refused.up, driver);
      assert.match(refused.said, said);
      assert.deepEqual(values(refused), [[7, DiagnosticSeverity.Error]], driver);
    }
    const unused = await run('host', '');
    assert.ok(unused.up, unused.said);
    assert.deepEqual(values(unused), []);
  });

  it('refuses at up a bridge network whose driver options the bridge driver cannot read, where Dockhand reports invalid-value on the value; good values start', async () => {
    const run = (options: string) => onEngine({ 'compose.yaml': `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n    networks: [n]\nnetworks:\n  n:\n    driver_opts:\n${options}` }, ['up', '-d'], 'dh-bridgeopt');
    const values = (r: { findings: Diagnostic[] }) => r.findings.filter((d) => d.code === 'invalid-value').map((d) => [d.range.start.line, d.severity]);
    for (const [option, said] of [
      ['com.docker.network.bridge.name: dh-bridge-too-long', /numerical result out of range/],
      ['com.docker.network.bridge.name: "dh br"', /invalid argument/],
      ['com.docker.network.bridge.enable_icc: "yes"', /failed to parse com\.docker\.network\.bridge\.enable_icc/],
      ['com.docker.network.bridge.host_binding_ipv4: localhost', /failed to parse com\.docker\.network\.bridge\.host_binding_ipv4/],
      ['com.docker.network.driver.mtu: 1500b', /failed to parse com\.docker\.network\.driver\.mtu/],
    ] as const) {
      const refused = await run(`      ${option}\n`);
      assert.ok(refused.loads && !refused.up, option);
      assert.match(refused.said, said, option);
      assert.deepEqual(values(refused), [[8, DiagnosticSeverity.Error]], option);
    }
    const fine = await run('      com.docker.network.bridge.enable_icc: "false"\n      com.docker.network.driver.mtu: 1450\n      com.docker.network.bridge.host_binding_ipv4: "127.0.0.1"\n');
    assert.ok(fine.up, fine.said);
    assert.deepEqual(values(fine), []);
  });

  it('refuses at up a network whose address-management driver nothing provides, where Dockhand warns invalid-value on a typo of default; default starts', async () => {
    const run = (driver: string) => onEngine({ 'compose.yaml': `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n    networks: [n]\nnetworks:\n  n:\n    ipam:\n      driver: ${driver}\n` }, ['up', '-d'], 'dh-ipamdriver');
    const refused = await run('defualt');
    assert.ok(refused.loads && !refused.up);
    assert.match(refused.said, /plugin "defualt" not found/);
    assert.deepEqual(refused.findings.map((d) => [d.code, d.range.start.line, d.severity]), [['invalid-value', 8, DiagnosticSeverity.Warning]]);
    const fine = await run('default');
    assert.ok(fine.up, fine.said);
    assert.deepEqual(fine.findings, []);
  });

  it('fails to start a container whose exec-form program is one item with spaces, where Dockhand warns exec-form-spaces; the words as items start', async () => {
    const run = (command: string) => onEngine({ 'compose.yaml': `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ${command}\n` }, ['up', '-d'], 'dh-execform');
    const refused = await run('["echo hello"]');
    assert.ok(refused.loads && !refused.up);
    assert.match(refused.said, /executable file not found/);
    assert.deepEqual(refused.findings.map((d) => [d.code, d.range.start.line, d.severity]), [['exec-form-spaces', 3, DiagnosticSeverity.Warning]]);
    const fine = await run('["echo", "hello"]');
    assert.ok(fine.up, fine.said);
    assert.deepEqual(fine.findings, []);
  });

  it('refuses at up what a service asks of the engine that it lacks (CPUs, a runtime, a logging driver), where the client warns from projectInfo and docker info; what it has starts', async () => {
    const info = JSON.parse(dockerCli(['info', '--format', '{{json .}}']).stdout) as { NCPU: number; Runtimes: Record<string, unknown>; Plugins: { Log: string[] } };
    const facts: EngineFacts = { cpus: info.NCPU, runtimes: new Set(Object.keys(info.Runtimes)), logDrivers: new Set(info.Plugins.Log) };
    const cpus = facts.cpus;
    assert.ok(cpus >= 1 && facts.runtimes.has('runc') && facts.logDrivers.has('json-file'), 'docker info says what the engine has');
    const file = (lines: string) => `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n${lines}`;
    const warned = (text: string) => {
      const project = tempProject({ 'compose.yaml': text });
      try {
        const service = new LanguageService({});
        const uri = pathToUri(project.file('compose.yaml'));
        service.documentChanged(TextDocument.create(uri, 'dockercompose', 1, text));
        return engineWarnings(service.projectInfo(uri, 'none')!.engineRequests, facts).map((w) => w.code);
      } finally {
        project.cleanup();
      }
    };
    for (const [lines, said, code] of [
      [`    cpus: ${cpus + 1}\n`, /Range of CPUs is from 0\.01 to/, 'cpus-unavailable'],
      [`    deploy:\n      resources:\n        limits:\n          cpus: "${cpus + 0.5}"\n`, /Range of CPUs is from 0\.01 to/, 'cpus-unavailable'],
      [`    cpuset: "0-${cpus}"\n`, /Requested CPUs are not available/, 'cpus-unavailable'],
      ['    runtime: dh-no-such-runtime\n', /Unknown runtime specified dh-no-such-runtime/, 'runtime-missing'],
      ['    logging:\n      driver: dh-no-such-driver\n', /plugin "dh-no-such-driver" not found/, 'log-driver-missing'],
    ] as const) {
      const refused = await onEngine({ 'compose.yaml': file(lines) }, ['up', '-d'], 'dh-engine-asks');
      assert.ok(refused.loads && !refused.up, lines);
      assert.match(refused.said, said, lines);
      assert.deepEqual(warned(file(lines)), [code], lines);
    }
    const fits = file(`    cpus: ${cpus}\n    cpuset: "0-${cpus - 1}"\n    runtime: runc\n    logging:\n      driver: none\n`);
    const fine = await onEngine({ 'compose.yaml': fits }, ['up', '-d'], 'dh-engine-asks');
    assert.ok(fine.up, fine.said);
    assert.deepEqual(warned(fits), []);
  });

  it('refuses at up a service joining the engine\'s own host, none or bridge network through networks, where Dockhand warns predefined-network; network_mode: host starts', async () => {
    for (const name of ['host', 'none', 'bridge']) {
      const refused = await onEngine({ 'compose.yaml': `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n    networks:\n      own: {}\nnetworks:\n  own:\n    external: true\n    name: ${name}\n` }, ['up', '-d'], 'dh-predefined');
      assert.ok(refused.loads && !refused.up, name);
      assert.match(refused.said, /network-scoped alias is supported only for containers in user defined networks/);
      assert.deepEqual(refused.findings.map((d) => [d.code, d.range.start.line, d.severity]), [['predefined-network', 5, DiagnosticSeverity.Warning]], name);
    }
    const mode = await onEngine({ 'compose.yaml': `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n    network_mode: host\n` }, ['up', '-d'], 'dh-predefined');
    assert.ok(mode.up, mode.said);
    assert.deepEqual(mode.findings, []);
  });

  it('reads a short mount of a one-letter volume (v:/data) as a Windows drive path, which the engine refuses, where Dockhand reports invalid-format; its fix, the long syntax, starts', async () => {
    const text = `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n    volumes:\n      - v:/data\nvolumes:\n  v:\n`;
    const refused = await onEngine({ 'compose.yaml': text }, ['up', '-d'], 'dh-drive');
    assert.ok(refused.loads && !refused.up);
    assert.match(refused.said, /invalid mount path: 'v:\/data' mount path must be absolute/);
    assert.deepEqual(refused.findings.filter((d) => d.code === 'invalid-format' && d.severity === 1).map((d) => d.range.start.line), [5]);
    const fixed = withFirstFix({ 'compose.yaml': text }, 'invalid-format');
    assert.equal(fixed.title, 'Mount volume "v" at /data (long syntax)');
    const starts = await onEngine({ 'compose.yaml': fixed.text }, ['up', '-d'], 'dh-drive');
    assert.ok(starts.up, starts.said);
    assert.deepEqual(starts.findings.filter((d) => d.severity === 1), []);
  });

  it('refuses a container_name beside replicas, or network_mode beside networks, that a << merge brings, where Dockhand reports it at the merge; the engine refuses a reservation over the limit brought the same way', async () => {
    const merged = (entries: string, rest = '') => `x-p: &p\n${entries}services:\n  a:\n    <<: *p\n    image: ${TEST_IMAGE}\n    command: ["sleep", "300"]\n${rest}`;
    await verdictsAgree({ 'compose.yaml': { text: merged('  container_name: one\n  deploy:\n    replicas: 2\n'), refused: /container.name/, errors: ['container-name-replicas'] } });
    await verdictsAgree({ 'compose.yaml': { text: merged('  network_mode: host\n  networks: [back]\n', 'networks:\n  back: {}\n'), refused: /mutually exclusive/, errors: ['exclusive-keys'] } });
    const limits = await onEngine({ 'compose.yaml': merged('  mem_limit: 100m\n  mem_reservation: 200m\n') }, ['up', '-d'], 'dh-mergelimits');
    assert.ok(limits.loads);
    assert.equal(limits.up, false, 'up starts a container whose reservation is over its limit');
    assert.match(limits.said, /reservation/i);
    assert.deepEqual(limits.findings.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => `${d.code} ${d.range.start.line}`), ['conflicting-limits 5']);
  });

  it('a host port or a container name that a << merge gives two services clashes at up as if written in each, where Dockhand reports it at both merges', async () => {
    const file = (entry: string) => `x-common: &common\n  ${entry}\nservices:\n  a:\n    <<: *common\n    image: ${TEST_IMAGE}\n    command: ["sleep", "300"]\n  b:\n    <<: *common\n    image: ${TEST_IMAGE}\n    command: ["sleep", "300"]\n`;
    for (const [entry, code] of [['ports: ["18931:80"]', 'port-conflict'], [`container_name: ${uniqueName('dh-mergename')}`, 'container-name-conflict']] as const) {
      const run = await onEngine({ 'compose.yaml': file(entry) }, ['up', '-d'], 'dh-mergeclash');
      assert.ok(run.loads, entry);
      assert.equal(run.up, false, `${entry}: up starts both`);
      const errors = run.findings.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => `${d.code} ${d.range.start.line}`);
      assert.deepEqual(errors, [`${code} 4`, `${code} 8`], entry);
    }
  });

  it('a host port or a container name that two services take whole through an alias (ports: *ports) clashes at up as if written in each, where Dockhand reports it at both aliases', async () => {
    const file = (anchor: string, entry: string) => `${anchor}\nservices:\n  a:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "300"]\n    ${entry}\n  b:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "300"]\n    ${entry}\n`;
    for (const [anchor, entry, code] of [['x-ports: &ports ["18932:80"]', 'ports: *ports', 'port-conflict'], [`x-name: &name ${uniqueName('dh-aliasname')}`, 'container_name: *name', 'container-name-conflict']] as const) {
      const run = await onEngine({ 'compose.yaml': file(anchor, entry) }, ['up', '-d'], 'dh-aliasclash');
      assert.ok(run.loads, entry);
      assert.equal(run.up, false, `${entry}: up starts both`);
      const errors = run.findings.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => `${d.code} ${d.range.start.line}`);
      assert.deepEqual(errors, [`${code} 5`, `${code} 9`], entry);
    }
  });

  it('the engine refuses to start a container given a setting of the host\'s kernel, or a namespaced one where it shares the host\'s namespace, where Dockhand reports host-sysctl; namespaced settings in namespaces of its own start', async () => {
    const run = async (lines: string) => {
      const r = await onEngine({ 'compose.yaml': `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n${lines}` }, ['up', '-d'], 'dh-sysctl');
      return { ...r, found: r.findings.filter((d) => d.code === 'host-sysctl').map((d) => d.range.start.line) };
    };
    const host = await run('    sysctls:\n      vm.max_map_count: 262144\n');
    assert.ok(!host.up);
    assert.match(host.said, /sysctl "vm.max_map_count" is not in a separate kernel namespace/);
    assert.deepEqual(host.found, [5]);
    const network = await run('    network_mode: host\n    sysctls:\n      net.core.somaxconn: 1024\n');
    assert.ok(!network.up);
    assert.match(network.said, /sysctl "net.core.somaxconn" not allowed in host network namespace/);
    assert.deepEqual(network.found, [6]);
    const ipc = await run('    ipc: host\n    sysctls:\n      - kernel.shmmax=68719476736\n');
    assert.ok(!ipc.up);
    assert.match(ipc.said, /sysctl "kernel.shmmax" is not allowed in the hosts ipc namespace/);
    assert.deepEqual(ipc.found, [6]);
    const hostname = await run('    sysctls:\n      kernel.hostname: web\n');
    assert.ok(!hostname.up);
    assert.match(hostname.said, /sysctl "kernel.hostname" is not allowed as it conflicts with the OCI "hostname" field/);
    assert.deepEqual(hostname.found, [5]);
    const own = await run('    sysctls:\n      net.core.somaxconn: 1024\n      net.ipv4.ip_forward: 1\n      kernel.shmmax: 68719476736\n      fs.mqueue.msg_max: 10\n      kernel.domainname: example.com\n');
    assert.ok(own.up, own.said);
    assert.deepEqual(own.found, []);
  });

  it('the engine refuses ports, hostname and the other network keys beside network_mode service:NAME, and links beside host, where Dockhand reports network-mode-conflict errors; host drops ports (a warning) and the moved ports start', async () => {
    const run = async (mode: string, line: string) => {
      const r = await onEngine({ 'compose.yaml': `services:\n  app:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "5"]\n    network_mode: "${mode}"\n    ${line}\n  vpn:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "5"]\n` }, ['up', '-d'], 'dh-netmode');
      return { ...r, found: r.findings.filter((d) => d.code === 'network-mode-conflict').map((d) => [d.range.start.line, d.severity]) };
    };
    for (const [line, said] of [
      ['ports: ["18080:80"]', /conflicting options: port publishing and the container type network mode/],
      ['hostname: app', /conflicting options: hostname and the network mode/],
      ['extra_hosts: ["db:10.0.0.5"]', /conflicting options: custom host-to-IP mapping and the network mode/],
    ] as const) {
      const r = await run('service:vpn', line);
      assert.ok(r.loads && !r.up, line);
      assert.match(r.said, said);
      assert.deepEqual(r.found, [[5, DiagnosticSeverity.Error]], line);
    }
    const links = await run('host', 'links: [vpn]');
    assert.ok(!links.up);
    assert.match(links.said, /host type networking can't be used with links/);
    assert.deepEqual(links.found, [[5, DiagnosticSeverity.Error]]);
    for (const [mode, line, found] of [['host', 'ports: ["18080:80"]', [[5, DiagnosticSeverity.Warning]]], ['service:vpn', 'dns_search: [example.com]', []]] as const) {
      const r = await run(mode, line);
      assert.ok(r.up, `${mode} ${line}: ${r.said}`);
      assert.deepEqual(r.found, found, line);
    }
    // The preferred fix moves the ports to the service whose network is shared: that file starts, with no finding.
    const fixed = withFirstFix({ 'compose.yaml': `services:\n  app:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "5"]\n    network_mode: service:vpn\n    ports:\n      - "18080:80"\n  vpn:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "5"]\n` }, 'network-mode-conflict');
    assert.equal(fixed.title, 'Move ports to service "vpn"');
    const after = await onEngine({ 'compose.yaml': fixed.text }, ['up', '-d'], 'dh-netmode');
    assert.ok(after.up, after.said);
    assert.deepEqual(after.findings.filter((d) => d.severity === DiagnosticSeverity.Error), []);
  });

  it('up fails creating the second of two joined networks whose subnets overlap, where Dockhand reports subnet-overlap; a network no service joins, or an IPv6 subnet without enable_ipv6, is left aside and the project starts', async () => {
    const run = async (networks: string, joined = '[n1, n2]') => {
      const r = await onEngine({ 'compose.yaml': `services:\n  app:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "5"]\n    networks: ${joined}\nnetworks:\n${networks}` }, ['up', '-d'], 'dh-subnets');
      return { ...r, found: r.findings.filter((d) => d.code === 'subnet-overlap').map((d) => [d.range.start.line, d.severity]) };
    };
    const net = (name: string, subnet: string, extra = '') => `  ${name}:\n${extra}    ipam:\n      config:\n        - subnet: "${subnet}"\n`;
    const overlap = await run(`${net('n1', '172.31.0.0/16')}${net('n2', '172.31.5.0/24')}`);
    assert.ok(overlap.loads && !overlap.up);
    assert.match(overlap.said, /Pool overlaps with other one on this address space/);
    assert.deepEqual(overlap.found, [[13, DiagnosticSeverity.Error]]);
    const v6 = `${net('n1', 'fd00:dd::/64', '    enable_ipv6: true\n')}${net('n2', 'fd00:dd::/80', '    enable_ipv6: true\n')}`;
    const ipv6 = await run(v6);
    assert.ok(!ipv6.up);
    assert.match(ipv6.said, /Pool overlaps/);
    assert.deepEqual(ipv6.found, [[15, DiagnosticSeverity.Error]]);
    for (const [networks, joined] of [
      [`${net('n1', '172.31.0.0/24')}${net('n2', '172.31.1.0/24')}`, '[n1, n2]'],
      [`${net('n1', '172.31.0.0/16')}${net('n2', '172.31.5.0/24')}`, '[n1]'],
      [v6.replaceAll('    enable_ipv6: true\n', ''), '[n1, n2]'],
    ] as const) {
      const r = await run(networks, joined);
      assert.ok(r.up, `${networks}: ${r.said}`);
      assert.deepEqual(r.found, [], networks);
    }
  });

  it('an empty networks list joins the default network, so a default subnet overlapping another joined network fails up, where Dockhand reports subnet-overlap; networks a << merge brings keep a service off default, and up starts', async () => {
    const text = (networks: string) => `services:\n  a:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "5"]\n    networks: ${networks}\n  b:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "5"]\n    networks: [other]\nnetworks:\n  default:\n    ipam:\n      config:\n        - subnet: "172.30.0.0/16"\n  other:\n    ipam:\n      config:\n        - subnet: "172.30.5.0/24"\n`;
    const found = (r: { findings: Diagnostic[] }) => r.findings.filter((d) => d.code === 'subnet-overlap').length;
    const joined = await onEngine({ 'compose.yaml': text('[]') }, ['up', '-d'], 'dh-emptynets');
    assert.ok(joined.loads && !joined.up);
    assert.match(joined.said, /Pool overlaps/);
    assert.equal(found(joined), 1);
    const apart = await onEngine({ 'compose.yaml': text('[other]') }, ['up', '-d'], 'dh-emptynets');
    assert.ok(apart.up, apart.said);
    assert.equal(found(apart), 0);
    // Networks a << merge brings are the service's: default is then joined by no service, not made, and up starts.
    const merged = await onEngine({ 'compose.yaml': `x-net: &net\n  networks: [other]\n${text('[other]').replace('    networks: [other]\n  b:', '    <<: *net\n  b:')}` }, ['up', '-d'], 'dh-emptynets');
    assert.ok(merged.up, merged.said);
    assert.equal(found(merged), 0);
  });

  it('up refuses a service using an external secret or config, where Dockhand warns swarm-only-external; one no service uses is never looked for; the fix\'s file starts', async () => {
    const run = async (uses: string) => {
      const r = await onEngine({ 'compose.yaml': `services:\n  app:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n${uses}secrets:\n  token:\n    external: true\n    name: dh_token\nconfigs:\n  proxy:\n    external: true\n` }, ['up', '-d'], 'dh-external');
      return { ...r, found: r.findings.filter((d) => d.code === 'swarm-only-external').map((d) => [d.range.start.line, d.severity]) };
    };
    const secret = await run('    secrets: [token]\n');
    assert.ok(secret.loads && !secret.up);
    assert.match(secret.said, /unsupported external secret dh_token/);
    assert.deepEqual(secret.found, [[4, DiagnosticSeverity.Warning]]);
    const config = await run('    configs: [proxy]\n');
    assert.ok(!config.up);
    assert.match(config.said, /unsupported external config proxy/);
    assert.deepEqual(config.found, [[4, DiagnosticSeverity.Warning]]);
    const unused = await run('');
    assert.ok(unused.up, unused.said);
    assert.deepEqual(unused.found, []);
    // The fix reads the secret from a file instead: with that file there, the service starts.
    const text = `services:\n  app:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n    secrets: [token]\nsecrets:\n  token:\n    external: true\n`;
    const fixed = withFirstFix({ 'compose.yaml': text }, 'swarm-only-external');
    assert.equal(fixed.title, 'Read secret "token" from ./token.txt instead of external');
    const after = await onEngine({ 'compose.yaml': fixed.text, 'token.txt': 's3cret\n' }, ['up', '-d'], 'dh-external');
    assert.ok(after.up, after.said);
    assert.deepEqual(after.findings, []);
  });

  it('a top-level network takes any name, which up creates and joins; a service\'s networks mapping refuses one outside letters, digits, dot, dash and underscore, where Dockhand reports invalid-name', async () => {
    const joined = await onEngine({ 'compose.yaml': `services:\n  app:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n    networks: ["back end"]\nnetworks:\n  "back end": {}\n` }, ['up', '-d'], 'dh-netname');
    assert.ok(joined.loads && joined.up, joined.said);
    assert.deepEqual(joined.findings.filter((d) => d.severity === DiagnosticSeverity.Error), []);
    await verdictsAgree({
      'mapping.yaml': { text: `services:\n  app:\n    image: ${TEST_IMAGE}\n    networks:\n      "back end": {}\nnetworks:\n  "back end": {}\n`, refused: /Additional property back end is not allowed/, errors: ['invalid-name'] },
    });
  });

  it('beside deploy.restart_policy, up gives the container that policy and drops restart, where Dockhand warns restart-ignored; the same policy both ways is not warned of', async () => {
    const policyOf = async (restart: string, policy: string) => {
      const name = uniqueName('dh-restart');
      const project = tempProject({ 'compose.yaml': `services:\n  app:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "30"]\n    restart: ${restart}\n    deploy:\n      restart_policy:\n${policy}` });
      try {
        const up = dockerCli(['compose', '--project-name', name, 'up', '-d'], { cwd: project.dir, timeoutMs: 120_000 });
        assert.equal(up.code, 0, up.stderr);
        const inspected = dockerCli(['inspect', `${name}-app-1`, '--format', '{{.HostConfig.RestartPolicy.Name}}/{{.HostConfig.RestartPolicy.MaximumRetryCount}}']);
        return { given: inspected.stdout.trim(), found: findingsOf(project.file('compose.yaml')).filter((d) => d.code === 'restart-ignored').map((d) => d.range.start.line) };
      } finally {
        await removeProject(name);
        project.cleanup();
      }
    };
    assert.deepEqual(await policyOf('unless-stopped', '        max_attempts: 2\n'), { given: '/2', found: [4] });
    assert.deepEqual(await policyOf('"on-failure:3"', '        condition: on-failure\n        max_attempts: 5\n'), { given: 'on-failure/5', found: [4] });
    assert.deepEqual(await policyOf('always', '        condition: any\n'), { given: 'always/0', found: [] });
  });

  it('the engine refuses a type: tmpfs mount given a source, where Dockhand reports exclusive-keys; the fix\'s file starts', async () => {
    const text = `services:\n  app:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n    volumes:\n      - type: tmpfs\n        source: ./cache\n        target: /cache\n`;
    const refused = await onEngine({ 'compose.yaml': text }, ['up', '-d'], 'dh-tmpfs-source');
    assert.ok(refused.loads && !refused.up);
    assert.match(refused.said, /field Source must not be specified/);
    assert.deepEqual(refused.findings.map((d) => [d.code, d.range.start.line]), [['exclusive-keys', 6]]);
    const fixed = await onEngine({ 'compose.yaml': withFirstFix({ 'compose.yaml': text }, 'exclusive-keys').text }, ['up', '-d'], 'dh-tmpfs-source');
    assert.ok(fixed.up, fixed.said);
    assert.deepEqual(fixed.findings, []);
  });

  it('negative sizes: Compose refuses one written as text, the engine a negative memory limit or shm_size, and both take a negative swap limit or reservation, as Dockhand says', async () => {
    const run = async (line: string) => {
      const r = await onEngine({ 'compose.yaml': `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n    ${line}\n` }, ['up', '-d'], 'dh-size');
      return { ...r, errors: r.findings.filter((d) => d.severity === 1).map((d) => d.code) };
    };
    for (const line of ['mem_reservation: -1', 'mem_limit: 64m\n    memswap_limit: -1']) {
      const r = await run(line);
      assert.ok(r.up, `${line}: ${r.said}`);
      assert.deepEqual(r.errors, [], line);
    }
    const text = await run('shm_size: "-1"');
    assert.ok(!text.loads);
    assert.match(text.said, /invalid size: '-1'/);
    assert.deepEqual(text.errors, ['invalid-format']);
    const shm = await run('shm_size: -1');
    assert.ok(shm.loads, shm.said);
    assert.ok(!shm.up);
    assert.match(shm.said, /SHM size can not be less than 0/);
    assert.deepEqual(shm.errors, ['invalid-format']);
    const memory = await run('mem_limit: -1');
    assert.ok(!memory.up);
    assert.match(memory.said, /Minimum memory limit allowed is 6MB/);
    assert.deepEqual(memory.errors, ['invalid-format']);
  });

  it('the engine refuses network addresses Dockhand reports (not CIDR, not an IP, the wrong family, outside the subnet), and creates the network and container Dockhand accepts', async () => {
    // A subnet of its own for each run, /24 at random in 10.100-249.x: the engine keeps (leaks) the address pool of a
    // network it failed to create until it restarts, and a later run on the same subnet would meet that pool.
    const run = async (config: (net: string) => string, endpoint = (_net: string) => '') => {
      const net = `10.${100 + Math.floor(Math.random() * 150)}.${Math.floor(Math.random() * 256)}`;
      const text = `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n    networks:\n      back:\n${endpoint(net)}networks:\n  back:\n    ipam:\n      config:\n${config(net)}`;
      const r = await onEngine({ 'compose.yaml': text }, ['up', '-d'], 'dh-net');
      return { ...r, errors: r.findings.filter((d) => d.severity === 1).map((d) => `${d.code}: ${String(d.message)}`) };
    };
    const refused: [string, (net: string) => string, (net: string) => string, RegExp][] = [
      ['subnet /33', (n) => `        - subnet: ${n}.0/33\n`, () => '', /invalid CIDR address/],
      ['ip_range not CIDR', (n) => `        - subnet: ${n}.0/24\n          ip_range: bogus\n`, () => '', /Invalid Address SubPool/],
      ['gateway not an IP', (n) => `        - subnet: ${n}.0/24\n          gateway: ${n}.300\n`, () => '', /invalid gateway address/],
      ['gateway outside', (n) => `        - subnet: ${n}.0/24\n          gateway: 10.250.0.1\n`, () => '', /out of range/],
      ['aux outside', (n) => `        - subnet: ${n}.0/24\n          aux_addresses:\n            router: 10.250.0.2\n`, () => '', /must belong to the master pool/],
      ['ipv4_address not IPv4', (n) => `        - subnet: ${n}.0/24\n`, () => '        ipv4_address: fd00::5\n', /invalid IPv4 address/],
      ['link_local_ips', (n) => `        - subnet: ${n}.0/24\n`, () => '        link_local_ips: [bogus]\n', /Invalid link-local IP address/],
      ['ipv4_address outside the subnet', (n) => `        - subnet: ${n}.0/24\n`, () => '        ipv4_address: 10.250.0.7\n', /does not belong to any of this network's subnets/],
      ['ipv6_address with no IPv6 subnet', (n) => `        - subnet: ${n}.0/24\n`, () => '        ipv6_address: fd00::7\n', /user configured subnets|IPv6/],
    ];
    for (const [what, config, endpoint, said] of refused) {
      const r = await run(config, endpoint);
      assert.ok(r.loads, `${what}: Compose loads it`);
      assert.ok(!r.up, `${what}: the engine ran it`);
      assert.match(r.said, said, what);
      assert.equal(r.errors.length, 1, `${what}: ${r.errors.join(' | ')}`);
    }
    // A fixed address on a network whose subnets the file does not configure.
    {
      const text = `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n    networks:\n      back:\n        ipv4_address: 10.252.0.7\nnetworks:\n  back: {}\n`;
      const r = await onEngine({ 'compose.yaml': text }, ['up', '-d'], 'dh-net');
      assert.ok(!r.up, 'the engine gave the address');
      assert.match(r.said, /user configured subnets/);
      assert.deepEqual(r.findings.map((d) => d.code), ['address-not-in-network']);
    }
    const accepted = await run(
      (n) => `        - subnet: ${n}.0/24\n          ip_range: ${n}.128/25\n          gateway: ${n}.1\n          aux_addresses:\n            router: ${n}.5\n`,
      (n) => `        ipv4_address: ${n}.137\n        link_local_ips: [169.254.1.1]\n`,
    );
    assert.ok(accepted.up, accepted.said);
    assert.deepEqual(accepted.errors, []);
  });

  it('docker compose watch refuses a rebuild rule on a service without a build, where Dockhand warns watch-needs-build; with a build it watches, and Dockhand says nothing', async () => {
    const rules = '    develop:\n      watch:\n        - action: rebuild\n          path: ./src\n';
    const pulled = await onEngine({ 'compose.yaml': `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "60"]\n    stop_grace_period: 1s\n${rules}`, 'src/a.txt': 'a\n' }, ['watch'], 'dh-watch', 30_000);
    assert.ok(pulled.loads);
    assert.ok(!pulled.up);
    assert.match(pulled.said, /can't watch service "web" with action rebuild without a build context/);
    assert.deepEqual(pulled.findings.map((d) => [d.code, d.severity, d.range.start.line]), [['watch-needs-build', DiagnosticSeverity.Warning, 7]]);
    const built = await onEngine({ 'compose.yaml': `services:\n  web:\n    build: .\n    stop_grace_period: 1s\n${rules}`, 'Dockerfile': `FROM ${TEST_IMAGE}\nCMD ["sleep", "60"]\n`, 'src/a.txt': 'a\n' }, ['watch'], 'dh-watch', 20_000);
    assert.match(built.said + built.stdout, /Watch enabled/);
    assert.deepEqual(built.findings, []);
  });

  it('up never creates a network no service joins, so the addresses the engine would refuse there stop nothing, where Dockhand warns; once a service joins, up fails and they are errors', async () => {
    const spare = `  spare:\n    ipam:\n      config:\n        - subnet: 10.253.0.0/33\n        - subnet: 10.253.1.0/24\n          gateway: 10.250.0.1\n          ip_range: bogus\n`;
    const run = (joins: string) => onEngine({ 'compose.yaml': `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n    networks: [${joins}]\nnetworks:\n  back: {}\n${spare}` }, ['up', '-d'], 'dh-spare');
    const alone = await run('back');
    assert.ok(alone.loads && alone.up, alone.said);
    const found = (r: { findings: Diagnostic[] }, severity: DiagnosticSeverity) => r.findings.filter((d) => d.severity === severity).map((d) => String(d.code)).sort();
    assert.deepEqual(found(alone, DiagnosticSeverity.Error), []);
    assert.deepEqual(found(alone, DiagnosticSeverity.Warning), ['invalid-format', 'invalid-format', 'outside-subnet']);
    for (const d of alone.findings) assert.match(String(d.message), /No service joins network "spare"/);
    const joined = await run('back, spare');
    assert.ok(joined.loads && !joined.up, 'the engine created the network');
    assert.match(joined.said, /invalid CIDR address/);
    assert.deepEqual(found(joined, DiagnosticSeverity.Error), ['invalid-format', 'invalid-format', 'outside-subnet']);
    assert.deepEqual(found(joined, DiagnosticSeverity.Warning), []);
  });
});
