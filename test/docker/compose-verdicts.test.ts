// What Compose 2.26 makes of a file, held against Dockhand's verdict on the same text: where Compose refuses
// the file (`config -q`), Dockhand reports exactly the error; where it loads it, Dockhand reports none (a
// warning at most). What the engine refuses at `up` is engine-verdicts.test.ts's. Runs `docker compose` (v2,
// provisioned by scripts/compose-v2.mjs when the CLI has no plugin).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LanguageService } from '../../server/src/service';
import { pathToUri } from '../../server/src/model/workspace';
import { dockerCli, ensureEngine, tempProject, TEST_IMAGE } from './helpers/engine';
import { findingsOf, verdictsAgree } from './helpers/verdicts';

// Each suite here stays well under its timeout: the tier also bounds each file as a whole (scripts/run-tier.mjs).
describe('Compose as the judge of what Dockhand reports', { timeout: 300_000 }, () => {
  before(async () => {
    await ensureEngine();
  });

  it('refuses an alias with no anchor above it, where Dockhand reports unknown-anchor, and loads the anchor defined first', async () => {
    await verdictsAgree({
      'typo.yaml': { text: `x-defaults: &defaults\n  restart: always\nservices:\n  web:\n    <<: *defualts\n    image: ${TEST_IMAGE}\n`, refused: /unknown anchor/, errors: ['unknown-anchor'] },
      'later.yaml': { text: `services:\n  web:\n    image: *img\n  db:\n    image: &img ${TEST_IMAGE}\n`, refused: /unknown anchor/, errors: ['unknown-anchor'] },
      'fine.yaml': { text: `services:\n  db:\n    image: &img ${TEST_IMAGE}\n  web:\n    image: *img\n` },
    });
  });

  it('refuses a control character or bytes that are not UTF-8, where Dockhand reports them, and loads tabs, NEL, accents and emoji', async () => {
    const image = `    image: ${TEST_IMAGE}\n`;
    const control = { refused: /control characters are not allowed/, errors: ['control-character'] };
    await verdictsAgree({
      'quoted.yaml': { text: `services:\n  web:\n${image}    command: ["echo", "a\u0001b"]\n`, ...control },
      'plain.yaml': { text: `services:\n  web:\n${image}    hostname: h\u007fh\n`, ...control },
      'c1.yaml': { text: `services:\n  web:\n${image}    environment:\n      A: "\u009b"\n`, ...control },
      'latin1.yaml': { text: Buffer.concat([Buffer.from(`services:\n  web:\n${image}    hostname: caf`), Buffer.from([0xe9]), Buffer.from('\n')]), refused: /UTF-8/, errors: ['invalid-encoding'] },
      'fine.yaml': { text: `services:\n  web:\n${image}    command: ["echo", "a\tb \u0085 \u00a0 caf\u00e9 \u6f22 \ud83d\ude80 \ufeff \ufffd"]\n` },
    });
  });

  it('keeps a $ before anything but a name or { as written, so 80$ is no port and 5$-m no size, where Dockhand reports invalid-format (as for $$, a dollar sign), and fills in $NAME and ${NAME}', async () => {
    const service = (body: string) => `services:\n  web:\n    image: ${TEST_IMAGE}\n${body}`;
    await verdictsAgree({
      'host-port.yaml': { text: service('    ports:\n      - "80$:80"\n'), refused: /Invalid hostPort: 80\$/, errors: ['invalid-format'] },
      'container-port.yaml': { text: service('    ports:\n      - "8080:80$"\n'), refused: /Invalid containerPort: 80\$/, errors: ['invalid-format'] },
      'size.yaml': { text: service('    mem_limit: "5$-m"\n'), refused: /invalid size: '5\$-m'/, errors: ['invalid-format'] },
      'escaped.yaml': { text: service('    ports:\n      - "$$ADMIN_PORT:81"\n'), refused: /Invalid hostPort: \$ADMIN_PORT/, errors: ['invalid-format'] },
      'fine.yaml': { text: service('    ports:\n      - "${WEB_PORT:-8080}:80"\n    mem_limit: ${MEM:-512m}\n    environment:\n      PRICE: "5$ a month"\n      COST: "$"\n') },
    });
  });

  it('substitutes variables before it judges a value, so a bad default is refused as the same text written out, where Dockhand reports it with the text the variables give; good defaults load', async () => {
    const service = (body: string) => `services:\n  web:\n    image: ${TEST_IMAGE}\n${body}`;
    await verdictsAgree({
      'size.yaml': { text: service('    mem_limit: ${DH_MEM:-512x}\n'), refused: /invalid size: '512x'/, errors: ['invalid-format'] },
      'duration.yaml': { text: service('    stop_grace_period: ${DH_GRACE:-10q}\n'), refused: /unknown unit "q"/, errors: ['invalid-format'] },
      'port.yaml': { text: service('    ports:\n      - "${DH_PORT:-80x}:80"\n'), refused: /Invalid hostPort: 80x/, errors: ['invalid-format'] },
      'policy.yaml': { text: service('    pull_policy: ${DH_PULL:-sometimes}\n'), refused: /pull_policy must be one of/, errors: ['invalid-format'] },
      'envfile.yaml': { text: service('    env_file: ${DH_ENV:-dh-missing.env}\n'), refused: /env file .*dh-missing\.env not found/, errors: ['missing-env-file'] },
      'fine.yaml': { text: service('    mem_limit: ${DH_MEM:-512m}\n    stop_grace_period: ${DH_GRACE:-10s}\n    pull_policy: ${DH_PULL:-missing}\n    ports:\n      - "${DH_PORT:-8080}:80"\n      - target: 81\n        protocol: ${DH_PROTO:-udp}\n') },
    });
  });

  it('refuses a value YAML reads as infinite or not a number, anywhere, where Dockhand reports non-finite-number, and loads it quoted or as 1e400', async () => {
    const image = `    image: ${TEST_IMAGE}\n`;
    const json = { refused: /unsupported value/, errors: ['non-finite-number'] };
    await verdictsAgree({
      'label.yaml': { text: `services:\n  web:\n${image}    labels:\n      limit: .inf\n`, ...json },
      'env.yaml': { text: `services:\n  web:\n${image}    environment:\n      LOW: -.Inf\n`, ...json },
      'extension.yaml': { text: `x-ratio: .NaN\nservices:\n  web:\n${image}`, ...json },
      'fine.yaml': { text: `x-ratio: ".nan"\nservices:\n  web:\n${image}    labels:\n      limit: ".inf"\n      huge: 1e400\n      odd: .Nan\n` },
    });
  });

  it('reads a plain number as go-yaml does (0x10, 1_000, 1.5e0), where Dockhand judges that number, and refuses it quoted or as a float where an integer goes', async () => {
    const service = (body: string) => `services:\n  web:\n    image: ${TEST_IMAGE}\n${body}`;
    await verdictsAgree({
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
      const found = findingsOf(project.file('compose.yaml'));
      const words = found.filter((d) => d.code === 'boolean-word').map((d) => /"([^"]+)" for/.exec(String(d.message))![1]).sort();
      assert.deepEqual(warned, ['Y', 'off', 'on', 'yes']);
      assert.deepEqual(words, warned);
      assert.deepEqual(found.filter((d) => d.severity === 1), []);
    } finally {
      project.cleanup();
    }
  });

  it('keeps one of two mounts at the same container path and drops the other without a word, where Dockhand warns duplicate-item; distinct targets are all kept', () => {
    const text = `services:\n  web:\n    image: ${TEST_IMAGE}\n    volumes:\n      - ./site:/srv/html\n      - ./conf:/etc/app/\n      - type: volume\n        source: html\n        target: /srv/html\n      - ./more:/etc/app\nvolumes:\n  html:\n`;
    const project = tempProject({ 'compose.yaml': text });
    try {
      const config = dockerCli(['compose', 'config', '--format', 'json'], { cwd: project.dir });
      assert.equal(config.code, 0, config.stderr);
      const mounts = (JSON.parse(config.stdout) as { services: { web: { volumes: { target: string }[] } } }).services.web.volumes;
      assert.deepEqual(mounts.map((m) => m.target).sort(), ['/etc/app', '/srv/html'], 'four entries written, two mounted');
      const found = findingsOf(project.file('compose.yaml'));
      assert.deepEqual(found.map((d) => [d.code, d.severity, d.range.start.line]), [['duplicate-item', 2, 6], ['duplicate-item', 2, 9]]);
    } finally {
      project.cleanup();
    }
  });

  it('keeps one of two equal secret, config and device entries, where Dockhand warns duplicate-item', () => {
    const text = `services:\n  web:\n    image: ${TEST_IMAGE}\n    secrets: [s, s]\n    configs: [c, c]\n    devices: [/dev/null, /dev/null]\nsecrets:\n  s:\n    environment: HOME\nconfigs:\n  c:\n    environment: HOME\n`;
    const project = tempProject({ 'compose.yaml': text });
    try {
      const config = dockerCli(['compose', 'config', '--format', 'json'], { cwd: project.dir });
      assert.equal(config.code, 0, config.stderr);
      const web = (JSON.parse(config.stdout) as { services: { web: Record<string, unknown[]> } }).services.web;
      assert.deepEqual([web.secrets!.length, web.configs!.length, web.devices!.length], [1, 1, 1], 'two entries written, one kept');
      // Only the repeated entries: Dockhand checks here with no environment, where HOME, which the secret and config read, is not set.
      const found = findingsOf(project.file('compose.yaml')).filter((d) => d.code === 'duplicate-item');
      assert.deepEqual(found.map((d) => [d.code, d.severity, d.range.start.line]), [['duplicate-item', 2, 3], ['duplicate-item', 2, 4], ['duplicate-item', 2, 5]]);
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
      const found = findingsOf(project.file('compose.yaml'));
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

  it('casts external to a boolean: refuses text that is none, where Dockhand reports wrong-type, and takes yes or "true" as external', async () => {
    const file = (network: string, secret: string) =>
      `services:\n  web:\n    image: ${TEST_IMAGE}\n    networks: [front]\n    secrets: [token]\nnetworks:\n  front:\n    external: ${network}\nsecrets:\n  token:\n    external: ${secret}\n`;
    await verdictsAgree({
      'maybe.yaml': { text: file('"maybe"', 'true'), refused: /invalid boolean: maybe/, errors: ['wrong-type'] },
      'unset.yaml': { text: file('${DH_UNSET_EXTERNAL:-nope}', 'true'), refused: /invalid boolean: nope/, errors: ['wrong-type'] },
      'words.yaml': { text: file('"true"', 'yes') },
      'no-file.yaml': { text: file('true', '"no"'), refused: /must declare either `file` or `environment`/, errors: ['missing-required-key'] },
    });
  });

  it('refuses a file with no top-level key, or version: alone, where dockhand check reports empty-file: no disagreement in check --compose', () => {
    const empty = { blank: '', comments: '# to be written\n', braces: '{}\n', dashes: '---\n', tilde: '~\n', version: 'version: "3.8"\n' };
    const project = tempProject(Object.fromEntries(Object.entries(empty).map(([name, text]) => [`${name}/compose.yaml`, text])));
    try {
      const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
      const r = spawnSync(process.execPath, [cli, 'check', '--compose', ...Object.keys(empty)], { cwd: project.dir, encoding: 'utf8', timeout: 120_000 });
      assert.equal(r.status, 1, r.stderr);
      assert.equal([...r.stdout.matchAll(/^\S+compose\.yaml:1:1 error empty-file /gm)].length, 6, r.stdout);
      assert.match(r.stdout, /6 projects checked, 6 refused, 0 disagreements with Dockhand/);
    } finally {
      project.cleanup();
    }
  });

  it('refuses a key whose colon is more than 1,024 characters from its start, where Dockhand reports long-key, and loads one at 1,024', async () => {
    const file = (key: string) => `services:\n  web:\n    image: ${TEST_IMAGE}\n${key}: 1\n`;
    const long = { refused: /could not find expected ':'/, errors: ['long-key'] };
    await verdictsAgree({
      'at-limit.yaml': { text: file(`x-${'a'.repeat(1022)}`) },
      'over.yaml': { text: file(`x-${'a'.repeat(1023)}`), ...long },
      'quoted-over.yaml': { text: file(`"x-${'a'.repeat(1021)}"`), ...long },
      'space-over.yaml': { text: file(`x-${'a'.repeat(1022)} `), ...long },
    });
  });

  it('refuses a file nesting more than 10,000 values ("exceeded max depth"), where Dockhand reports yaml-syntax, and loads one at 10,000, which is too deep for Dockhand to check (a warning, no error)', async () => {
    const file = (deep: string) => `services:\n  web:\n    image: ${TEST_IMAGE}\nx-deep:\n${deep}\n`;
    const tooDeep = { refused: /exceeded max depth/, errors: ['yaml-syntax'] };
    // The root mapping is one value: 9,999 more reach Compose's 10,000.
    await verdictsAgree({
      'flow-at-limit.yaml': { text: file(`  ${'['.repeat(9_999)}${']'.repeat(9_999)}`) },
      'flow-over.yaml': { text: file(`  ${'['.repeat(10_000)}${']'.repeat(10_000)}`), ...tooDeep },
      // A sequence at its key's column is one level deeper than the key's mapping.
      'sequences-at-limit.yaml': { text: file(`${'- '.repeat(9_999)}a`) },
      'sequences-over.yaml': { text: file(`${'- '.repeat(10_000)}a`), ...tooDeep },
      // Entries that are mappings: the last one is a level of its own.
      'mapping-entries-at-limit.yaml': { text: file(`  ${'- '.repeat(9_998)}a: 1`) },
      'mapping-entries-over.yaml': { text: file(`  ${'- '.repeat(9_999)}a: 1`), ...tooDeep },
    });
  });

  it('refuses a file whose document the YAML parser closes early (a service pasted above `services:` with its indentation, the key holding some lines commented out, a stray brace), where Dockhand reports one yaml-syntax error where it closed, not the v1 layout nor one per token after it', async () => {
    const syntax = ['yaml-syntax'];
    await verdictsAgree({
      // Compose reads the pasted service as a top-level key of its own and refuses that first.
      'pasted.yaml': { text: `# pasted\n  cache:\n    image: ${TEST_IMAGE}\nservices:\n  web:\n    image: ${TEST_IMAGE}\n`, refused: /Additional property cache is not allowed/, errors: syntax },
      'pasted-extension.yaml': { text: `  x-cache:\n    image: ${TEST_IMAGE}\nservices:\n  web:\n    image: ${TEST_IMAGE}\n`, refused: /did not find expected <document start>/, errors: syntax },
      // Compose names one of the two keys it finds at the top, whichever its validator meets first (it varies from run to run).
      'commented.yaml': { text: `# services:\n#   web:\n    image: ${TEST_IMAGE}\n    depends_on:\n      - db\n  db:\n    image: ${TEST_IMAGE}\n`, refused: /Additional property (depends_on|image) is not allowed/, errors: syntax },
      'brace.yaml': { text: `services:\n  web: {image: ${TEST_IMAGE}}}\n  db:\n    image: ${TEST_IMAGE}\n`, refused: /did not find expected key/, errors: syntax },
    });
  });

  it('refuses services that extend each other in a circle of any length ("Circular reference"), where Dockhand reports extends-cycle on each, and loads a chain as long', async () => {
    const ring = (count: number, closed: boolean) =>
      `services:\n${Array.from({ length: count }, (_, i) => `  s${i}:\n    image: ${TEST_IMAGE}\n${closed || i + 1 < count ? `    extends: s${(i + 1) % count}\n` : ''}`).join('')}`;
    await verdictsAgree({
      'ring-3.yaml': { text: ring(3, true), refused: /Circular reference/, errors: Array(3).fill('extends-cycle') },
      'ring-40.yaml': { text: ring(40, true), refused: /Circular reference/, errors: Array(40).fill('extends-cycle') },
      'chain-40.yaml': { text: ring(40, false) },
    });
  });

  it('refuses an include circle through twenty files ("include cycle detected"), where Dockhand reports include-cycle in each, and loads includes nested twelve deep with the deepest file\'s network used at the top', async () => {
    const circle: Record<string, { text: string; refused?: RegExp; errors?: string[] }> = {};
    for (let i = 0; i < 20; i++) {
      circle[`ring${i}.yaml`] = { text: `include:\n  - ring${(i + 1) % 20}.yaml\nservices:\n  s${i}:\n    image: ${TEST_IMAGE}\n`, refused: /include cycle detected/, errors: ['include-cycle'] };
    }
    await verdictsAgree(circle);
    const nested: Record<string, { text: string }> = {
      'top.yaml': { text: `include:\n  - deep1.yaml\nservices:\n  web:\n    image: ${TEST_IMAGE}\n    networks: [deepnet]\n` },
    };
    for (let i = 1; i < 12; i++) nested[`deep${i}.yaml`] = { text: `include:\n  - deep${i + 1}.yaml\nservices:\n  s${i}:\n    image: ${TEST_IMAGE}\n` };
    nested['deep12.yaml'] = { text: 'networks:\n  deepnet: {}\n' };
    await verdictsAgree(nested);
  });

  it('refuses a develop.watch rule that syncs with no target, where Dockhand reports missing-required-key; restart needs none', async () => {
    const watch = (action: string) => `services:\n  web:\n    image: ${TEST_IMAGE}\n    develop:\n      watch:\n        - path: .\n          action: ${action}\n`;
    await verdictsAgree({
      'sync.yaml': { text: watch('sync'), refused: /target is required for non-rebuild actions/, errors: ['missing-required-key'] },
      'sync-exec.yaml': { text: watch('sync+exec'), refused: /target is required for non-rebuild actions/, errors: ['missing-required-key'] },
      'restart.yaml': { text: watch('restart') },
    });
  });

  it('refuses a required: false dependency on a service no file defines, written or merged, where Dockhand reports undefined-service; required: false only lets a profile leave a defined one out', async () => {
    const optional = 'depends_on:\n      cache:\n        condition: service_started\n        required: false\n';
    // Each as a project's compose.yaml: a file named otherwise may be one of several a run combines (a warning).
    const refused = /service "web" depends on undefined service "?cache"?/;
    await verdictsAgree({ 'compose.yaml': { text: `services:\n  web:\n    image: ${TEST_IMAGE}\n    ${optional}`, refused, errors: ['undefined-service'] } });
    await verdictsAgree({ 'compose.yaml': { text: `x-deps: &deps\n  depends_on: {cache: {condition: service_started, required: false}}\nservices:\n  web:\n    <<: *deps\n    image: ${TEST_IMAGE}\n`, refused, errors: ['undefined-service'] } });
    await verdictsAgree({ 'compose.yaml': { text: `services:\n  web:\n    image: ${TEST_IMAGE}\n    ${optional}  cache:\n    image: ${TEST_IMAGE}\n    profiles: [cache]\n` } });
  });

  it('refuses a volume, secret, config or service that a << merge brings and no file defines, where Dockhand reports it at the merge; defined, it loads', async () => {
    const merged = (entry: string, defined = '') => `x-common: &common\n${entry}services:\n  web:\n    <<: *common\n    image: ${TEST_IMAGE}\n  helper:\n    image: ${TEST_IMAGE}\n${defined}`;
    await verdictsAgree({ 'compose.yaml': { text: merged('  volumes: [dta:/data]\n', 'volumes:\n  data: {}\n'), refused: /undefined volume "?dta"?/, errors: ['undefined-volume'] } });
    await verdictsAgree({ 'compose.yaml': { text: merged('  secrets: [tokn]\n'), refused: /undefined secret "?tokn"?/, errors: ['undefined-secret'] } });
    await verdictsAgree({ 'compose.yaml': { text: merged('  configs: [{source: settings}]\n'), refused: /undefined config "?settings"?/, errors: ['undefined-config'] } });
    await verdictsAgree({ 'compose.yaml': { text: merged('  volumes_from: [helpr]\n'), refused: /helpr/, errors: ['undefined-service'] } });
    await verdictsAgree({ 'compose.yaml': { text: merged('  volumes: [data:/data]\n  secrets: [token]\n  volumes_from: [helper]\n', 'volumes:\n  data: {}\nsecrets:\n  token:\n    environment: HOME\n') } });
  });

  it('refuses a volume or service that an entry takes whole through an alias (volumes: *mounts) and no file defines, where Dockhand reports it at the alias; defined, it loads', async () => {
    const taken = (anchor: string, entry: string, defined = '') => `${anchor}services:\n  web:\n    image: ${TEST_IMAGE}\n    ${entry}\n  helper:\n    image: ${TEST_IMAGE}\n${defined}`;
    await verdictsAgree({ 'compose.yaml': { text: taken('x-mounts: &mounts [dta:/data]\n', 'volumes: *mounts', 'volumes:\n  data: {}\n'), refused: /undefined volume "?dta"?/, errors: ['undefined-volume'] } });
    await verdictsAgree({ 'compose.yaml': { text: taken('x-deps: &deps [helpr]\n', 'depends_on: *deps'), refused: /helpr/, errors: ['undefined-service'] } });
    await verdictsAgree({ 'compose.yaml': { text: taken('x-mounts: &mounts [data:/data]\n', 'volumes: *mounts', 'volumes:\n  data: {}\n') } });
  });

  it('refuses a negative healthcheck retries, a test not starting with CMD, CMD-SHELL or NONE, an empty label or variable name, where Dockhand reports them', async () => {
    const file = (settings: string) => `services:\n  web:\n    image: ${TEST_IMAGE}\n${settings}`;
    await verdictsAgree({
      'retries.yaml': { text: file('    healthcheck:\n      test: ["CMD", "true"]\n      retries: -1\n'), refused: /overflows uint/, errors: ['out-of-range'] },
      'test-case.yaml': { text: file('    healthcheck:\n      test: ["cmd", "true"]\n'), refused: /must start either by/, errors: ['invalid-value'] },
      'label-key.yaml': { text: file('    labels:\n      "": x\n'), refused: /Additional property/, errors: ['invalid-name'] },
      'env-key.yaml': { text: file('    environment:\n      "": x\n'), refused: /Additional property/, errors: ['invalid-name'] },
      'fine.yaml': { text: file('    healthcheck:\n      test: ["NONE"]\n      retries: 0\n    labels: ["=x"]\n') },
    });
  });

  it('refuses a string that is not a whole number where Compose reads one (CPU shares, periods and quotas, pids_limit, healthcheck retries, a secret\'s mode), a fraction where it wants a whole number or text, a port with a space, an empty name, env file path, label file or image, an IO rate that is no size, a container name on replicas its variables count, a project name that normalises to nothing, where Dockhand reports them; a number with a fraction there, a sign or an exponent it loads', async () => {
    const file = (settings: string) => `services:\n  web:\n    image: ${TEST_IMAGE}\n${settings}`;
    const cast = (key: string) => ({ refused: new RegExp(`${key}: failed to cast to expected type: strconv\\.(ParseInt|Atoi): parsing`), errors: ['wrong-type'] });
    await verdictsAgree({
      'rt-runtime.yaml': { text: file('    cpu_rt_runtime: 400ms\n'), ...cast('cpu_rt_runtime') },
      'rt-period.yaml': { text: file('    cpu_rt_period: ${DH_EMPTY:-}\n'), ...cast('cpu_rt_period') },
      'shares.yaml': { text: file('    cpu_shares: "1.5"\n'), ...cast('cpu_shares') },
      'pids.yaml': { text: file('    pids_limit: "1e3"\n'), ...cast('pids_limit') },
      'retries.yaml': { text: file('    healthcheck:\n      test: ["CMD", "true"]\n      retries: "3.5"\n'), ...cast('retries') },
      'mode.yaml': { text: `${file('    secrets: [{source: s, mode: "0o440"}]\n')}secrets:\n  s:\n    environment: HOME\n`, ...cast('mode') },
      'expose.yaml': { text: file('    expose: [80.5]\n'), refused: /unsupported expose value/, errors: ['wrong-type'] },
      'group.yaml': { text: file('    group_add: [1.5]\n'), refused: /expected type 'string'/, errors: ['wrong-type'] },
      'contexts.yaml': { text: file('    build:\n      context: https://github.com/docker/welcome-to-docker.git\n      additional_contexts: {shared: 1}\n'), refused: /panic: interface conversion/, errors: ['wrong-type'] },
      'secret-options.yaml': { text: `${file('    secrets: [s]\n')}secrets:\n  s:\n    environment: HOME\n    driver_opts: {a: 1.5}\n`, refused: /expected type 'string'/, errors: ['wrong-type'] },
      'pid-null.yaml': { text: file('    pid:\n'), refused: /panic: interface conversion: interface \{\} is nil/, errors: ['wrong-type'] },
      'secret-env.yaml': { text: `${file('')}secrets:\n  s:\n    environment: ""\n`, refused: /must declare either `file` or `environment`/, errors: ['invalid-format'] },
      'port-space.yaml': { text: file('    ports: ["8080 "]\n'), refused: /Invalid containerPort/, errors: ['invalid-format'] },
      'depends.yaml': { text: file('    depends_on: [""]\n'), refused: /undefined service ""/, errors: ['undefined-service'] },
      'network.yaml': { text: file('    networks: ["${DH_EMPTY:-}"]\n'), refused: /undefined network/, errors: ['undefined-network'] },
      'secret.yaml': { text: file('    secrets: [{source: ""}]\n'), refused: /undefined secret/, errors: ['undefined-secret'] },
      'env-file.yaml': { text: file('    env_file: ""\n'), refused: /env file {2}not found/, errors: ['missing-env-file'] },
      'label-file.yaml': { text: file('    label_file: ./labels.txt\n'), refused: /label file .*labels\.txt not found/, errors: ['missing-label-file'] },
      // A count given by a variable's default counts: a fixed container name on two replicas.
      'replicas.yaml': { text: file('    container_name: dh-fixed\n    deploy:\n      replicas: ${DH_REPLICAS:-2}\n'), refused: /container name must be unique/, errors: ['container-name-replicas'] },
      // A project name is normalised; nothing left, or an empty one from variables, is refused (one written empty is none given).
      'project-name.yaml': { text: `name: "!!!"\n${file('')}`, refused: /project name must not be empty/, errors: ['invalid-format'] },
      'project-name-var.yaml': { text: `name: \${DH_EMPTY:-}\n${file('')}`, refused: /project name must not be empty/, errors: ['invalid-format'] },
      // An IO rate is read with the size parser: a word is refused, and a unit multiplies it (fine.yaml).
      'iops.yaml': { text: file('    blkio_config:\n      device_read_iops: [{path: /dev/sda, rate: fast}]\n'), refused: /invalid size: 'fast'/, errors: ['invalid-format'] },
      // A number written with a fraction is cut to a whole one; Go's parsers take a sign, and a float an exponent.
      'fine.yaml': { text: `name: \${DH_UNSET_NAME:-My Shop}\n${file('    cpu_shares: 512.5\n    pids_limit: "+100"\n    blkio_config:\n      device_write_iops: [{path: /dev/sda, rate: 1k}]\n    cpus: "+1"\n    ulimits: {nofile: "+1024"}\n    secrets: [{source: s, mode: 0440}]\n    env_file: [{path: "", required: false}]\n    credential_spec: {config: ""}\n    healthcheck:\n      test: ["CMD", "true"]\n      retries: 2.5\n')}secrets:\n  s:\n    environment: HOME\n` },
    });
    // A service's missing image is an error in a file named as Compose's own (in another, an override may add it).
    for (const image of ['""', '${DH_EMPTY:-}']) {
      await verdictsAgree({ 'compose.yaml': { text: `services:\n  web:\n    image: ${image}\n`, refused: /neither an image nor a build context/, errors: ['no-image-or-build'] } });
    }
    // A service's own empty image wins over the one a merge brings.
    await verdictsAgree({ 'compose.yaml': { text: `x-base: &base\n  image: ${TEST_IMAGE}\nservices:\n  web:\n    <<: *base\n    image: ""\n`, refused: /neither an image nor a build context/, errors: ['no-image-or-build'] } });
  });

  it('refuses a limit written both ways with different values, and a namespace of service: with no name, where Dockhand reports them', async () => {
    const file = (settings: string) => `services:\n  web:\n    image: ${TEST_IMAGE}\n${settings}`;
    const distinct = { refused: /can't set distinct values/, errors: ['conflicting-limits'] };
    await verdictsAgree({
      'memory.yaml': { text: file('    mem_limit: 64m\n    deploy: {resources: {limits: {memory: 128m}}}\n'), ...distinct },
      'reservation.yaml': { text: file('    mem_reservation: 64m\n    deploy: {resources: {reservations: {memory: 128m}}}\n'), ...distinct },
      'cpus.yaml': { text: file('    cpus: 0.5\n    deploy: {resources: {limits: {cpus: "1"}}}\n'), ...distinct },
      'pids.yaml': { text: file('    pids_limit: 10\n    deploy: {resources: {limits: {pids: 20}}}\n'), ...distinct },
      'scale.yaml': { text: file('    scale: 2\n    deploy:\n      replicas: 3\n'), ...distinct },
      'scale-equal.yaml': { text: file('    scale: 2\n    deploy:\n      replicas: 2\n') },
      'network-mode.yaml': { text: file('    network_mode: "service:"\n'), refused: /undefined service ""/, errors: ['invalid-format'] },
      'pid.yaml': { text: file('    pid: "service:"\n'), refused: /undefined service ""/, errors: ['invalid-format'] },
      'fine.yaml': { text: file('    mem_limit: 1g\n    cpus: 0.5\n    pids_limit: 10\n    deploy: {resources: {limits: {memory: 1024m, cpus: "0.50", pids: 10}}}\n') },
    });
  });

  it('refuses a merge of what is not a mapping, where Dockhand reports invalid-merge, and loads mappings and lists of them', async () => {
    const file = (merge: string) => `x-m: &m\n  restart: always\nx-l: &l\n  - tty: true\nx-s: &s\n  - 1\nservices:\n  web:\n    image: ${TEST_IMAGE}\n    <<: ${merge}\n`;
    const merge = { refused: /map merge requires map or sequence of maps/, errors: ['invalid-merge'] };
    await verdictsAgree({
      'list.yaml': { text: file('*s'), ...merge },
      'number.yaml': { text: file('5'), ...merge },
      'mixed.yaml': { text: file('[*m, 1]'), ...merge },
      'null.yaml': { text: file('~'), ...merge },
      'fine.yaml': { text: file('[*m, {tty: true}]') },
      'inline.yaml': { text: file('{restart: "no"}') },
      'maps.yaml': { text: file('*l') },
    });
  });
  it('refuses text, written or given by a variable, where Compose decodes a number (blkio weights, a long tmpfs mode, a build secret\'s mode and ulimits) or converts no variable (a network priority, depends_on required), where Dockhand reports wrong-type; numbers load, and a service\'s own ulimits and secret mode read text', async () => {
    const file = (lines: string) => `services:\n  web:\n    image: ${TEST_IMAGE}\n${lines}\n  db:\n    image: ${TEST_IMAGE}\nsecrets:\n  s:\n    file: ./compose.yaml\nnetworks:\n  n: {}\n`;
    const decoded = { refused: /got unconvertible type 'string'/, errors: ['wrong-type'] };
    const tmpfs = (mode: string) => `    volumes:\n      - type: tmpfs\n        target: /t\n        tmpfs:\n          mode: ${mode}`;
    const build = (lines: string) => `    build:\n      context: .\n      dockerfile_inline: FROM scratch\n${lines}`;
    const dependsOn = (required: string) => `    depends_on:\n      db:\n        condition: service_started\n        required: ${required}`;
    await verdictsAgree({
      'weight-text.yaml': { text: file('    blkio_config:\n      weight: "300"'), ...decoded },
      'weight-variable.yaml': { text: file('    blkio_config:\n      weight: ${W:-300}'), ...decoded },
      'device-weight.yaml': { text: file('    blkio_config:\n      weight_device:\n        - path: /dev/sda\n          weight: "400"'), ...decoded },
      'tmpfs-mode-text.yaml': { text: file(tmpfs('"1777"')), ...decoded },
      'tmpfs-mode-variable.yaml': { text: file(tmpfs('${MODE:-1777}')), ...decoded },
      'build-secret-mode.yaml': { text: file(build('      secrets:\n        - source: s\n          mode: "0440"')), ...decoded },
      'build-ulimit.yaml': { text: file(build('      ulimits:\n        nofile: "1024"')), refused: /invalid type string/, errors: ['wrong-type'] },
      // Compose stops with a panic here (a Go stack trace), which refuses the file as surely.
      'build-ulimit-soft.yaml': { text: file(build('      ulimits:\n        nofile: {soft: "1", hard: 2}')), refused: /panic/, errors: ['wrong-type'] },
      'priority-variable.yaml': { text: file('    networks:\n      n:\n        priority: ${P:-2}'), refused: /priority must be a number/, errors: ['wrong-type'] },
      'required-text.yaml': { text: file(dependsOn('"false"')), refused: /required must be a boolean/, errors: ['wrong-type'] },
      'required-variable.yaml': { text: file(dependsOn('${R:-false}')), refused: /required must be a boolean/, errors: ['wrong-type'] },
      'numbers.yaml': {
        text: file(`    blkio_config:\n      weight: 300\n      weight_device:\n        - path: /dev/sda\n          weight: 400\n${tmpfs('1777')}\n${build('      secrets:\n        - source: s\n          mode: 0440\n      ulimits:\n        nofile: {soft: 1, hard: 2}\n        nproc: 5')}\n    networks:\n      n:\n        priority: 2\n${dependsOn('false')}`),
      },
      'service-own-text.yaml': { text: file('    ulimits:\n      nofile: "1024"\n      nproc: ${N:-5}\n    secrets:\n      - source: s\n        mode: "288"\n    cpu_shares: ${S:-512}') },
    });
  });
  it('refuses a project whose override empties the image the main file names (image: ""), where Dockhand reports no-image-or-build in the override; a build in the main file, or an image set by the last file, loads', async () => {
    const cases: { main: string; override: string; refused: boolean }[] = [
      { main: `    image: ${TEST_IMAGE}\n`, override: '    image: ""\n', refused: true },
      { main: `    image: ${TEST_IMAGE}\n    build:\n      context: .\n      dockerfile_inline: FROM scratch\n`, override: '    image: ""\n', refused: false },
      { main: '    image: ""\n', override: `    image: ${TEST_IMAGE}\n`, refused: false },
    ];
    for (const { main, override, refused } of cases) {
      const project = tempProject({ 'compose.yaml': `services:\n  web:\n${main}`, 'compose.override.yaml': `services:\n  web:\n${override}` });
      try {
        // Compose reads compose.override.yaml beside compose.yaml by itself.
        const verdict = dockerCli(['compose', 'config', '-q'], { cwd: project.dir });
        const service = new LanguageService({});
        const errors: string[] = [];
        for (const file of ['compose.yaml', 'compose.override.yaml']) {
          const uri = pathToUri(project.file(file));
          service.documentChanged(TextDocument.create(uri, 'dockercompose', 1, readFileSync(project.file(file), 'utf8')));
        }
        for (const file of ['compose.yaml', 'compose.override.yaml']) {
          for (const d of service.diagnostics(pathToUri(project.file(file)))) if (d.severity === 1) errors.push(`${file} ${String(d.code)}`);
        }
        if (refused) {
          assert.notEqual(verdict.code, 0, `Compose loads ${override}`);
          assert.match(verdict.stderr, /neither an image nor a build context/);
          assert.deepEqual(errors, ['compose.override.yaml no-image-or-build']);
        } else {
          assert.equal(verdict.code, 0, verdict.stderr);
          assert.deepEqual(errors, []);
        }
      } finally {
        project.cleanup();
      }
    }
  });
  it('refuses a negative number where it reads an unsigned one (blkio weights, a tmpfs, secret or config mode, a port\'s target, Swarm update and restart counts), written as a number or as text it casts, where Dockhand reports out-of-range; 0 loads', async () => {
    const file = (lines: string) => `services:\n  web:\n    image: ${TEST_IMAGE}\n${lines}\nsecrets:\n  s:\n    environment: PATH\nconfigs:\n  c:\n    environment: PATH\n`;
    const unsigned = { refused: /overflows uint/, errors: ['out-of-range'] };
    const places: Record<string, (n: string) => string> = {
      weight: (n) => `    blkio_config:\n      weight: ${n}`,
      'device-weight': (n) => `    blkio_config:\n      weight_device:\n        - path: /dev/sda\n          weight: ${n}`,
      'tmpfs-mode': (n) => `    volumes:\n      - type: tmpfs\n        target: /t\n        tmpfs:\n          mode: ${n}`,
      'secret-mode': (n) => `    secrets:\n      - source: s\n        mode: ${n}`,
      'config-mode': (n) => `    configs:\n      - source: c\n        mode: ${n}`,
      'build-secret-mode': (n) => `    build:\n      context: .\n      dockerfile_inline: FROM scratch\n      secrets:\n        - source: s\n          mode: ${n}`,
      target: (n) => `    ports:\n      - target: ${n}`,
      parallelism: (n) => `    deploy:\n      update_config:\n        parallelism: ${n}`,
      'rollback-parallelism': (n) => `    deploy:\n      rollback_config:\n        parallelism: ${n}`,
      'max-attempts': (n) => `    deploy:\n      restart_policy:\n        max_attempts: ${n}`,
      'max-replicas': (n) => `    deploy:\n      placement:\n        max_replicas_per_node: ${n}`,
    };
    const files: Parameters<typeof verdictsAgree>[0] = {};
    for (const [name, place] of Object.entries(places)) {
      files[`${name}.yaml`] = { text: file(place('-1')), ...unsigned };
      files[`${name}-zero.yaml`] = { text: file(place('0')) };
    }
    // Text where Compose casts it: the same number (the weights and a tmpfs mode take no text: wrong-type, above).
    for (const name of ['secret-mode', 'target', 'parallelism', 'max-attempts']) files[`${name}-text.yaml`] = { text: file(places[name]!('"-2"')), ...unsigned };
    await verdictsAgree(files);
  });
  it('refuses a storage option that is a fraction, a boolean, a list or a mapping (it decodes them as text), where Dockhand reports wrong-type; text, a whole number or nothing loads', async () => {
    const file = (value: string) => `services:\n  web:\n    image: ${TEST_IMAGE}\n    storage_opt:\n      size: ${value}\n`;
    const text = { refused: /expected type 'string'/, errors: ['wrong-type'] };
    await verdictsAgree({
      'fraction.yaml': { text: file('1.5'), ...text },
      'boolean.yaml': { text: file('true'), ...text },
      'list.yaml': { text: file('[a]'), ...text },
      'mapping.yaml': { text: file('{a: 1}'), ...text },
      'text.yaml': { text: file('20G') },
      'number.yaml': { text: file('20') },
      'nothing.yaml': { text: file('') },
    });
  });
  it('refuses an empty path where it reads a file or folder (a watch rule\'s path, an include or its env file) and a sync rule\'s empty target, where Dockhand reports them; a rebuild with an empty target, an include entry with nothing and one with a key Compose does not know load', async () => {
    const service = `services:\n  web:\n    image: ${TEST_IMAGE}\n`;
    const watch = (rule: string) => `${service}    develop:\n      watch:\n        - ${rule}\n`;
    await verdictsAgree({
      'other.yaml': { text: `services:\n  other:\n    image: ${TEST_IMAGE}\n` },
      'watch-path.yaml': { text: watch('action: rebuild\n          path: ""'), refused: /value can't be blank/, errors: ['invalid-format'] },
      'watch-target.yaml': { text: watch('action: sync\n          path: .\n          target: ""'), refused: /target is required/, errors: ['missing-required-key'] },
      'watch-rebuild.yaml': { text: watch('action: rebuild\n          path: .\n          target: ""') },
      'include-empty.yaml': { text: `include: [""]\n${service}`, refused: /is a directory/, errors: ['invalid-format'] },
      'include-path.yaml': { text: `include:\n  - path: [""]\n${service}`, refused: /is a directory/, errors: ['invalid-format'] },
      'include-env.yaml': { text: `include:\n  - path: other.yaml\n    env_file: ""\n${service}`, refused: /is not a file/, errors: ['invalid-format'] },
      'include-nothing.yaml': { text: `include:\n  -\n  - other.yaml\n${service}` },
      // Compose does not check an include entry's keys: one it does not know is skipped (Dockhand warns).
      'include-unknown-key.yaml': { text: `include:\n  - path: other.yaml\n    pathh: x.yaml\n  - projectdir: .\n${service}` },
    });
  });
});
