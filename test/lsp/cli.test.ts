// `dockhand check` as CI runs it: dist/cli.js in a child process.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixture } from '../support/fixture';
import { REPO_ROOT } from './helpers/server';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
// The folders `dockhand check` is run on, from the fixture's folder.
const fx = fixture(after, `#- bad/compose.yaml
services:
  web:
    image: nginx:\${TAG}
    networks: [front]

#- good/compose.yaml
services:
  web:
    image: nginx:\${TAG}

#- good/.env
TAG=1.27

#- good/notes.yaml
not: [compose
`);
const dir = fx.dir;

function run(args: string[], cwd = dir) {
  const env = { ...process.env };
  delete env.TAG;
  delete env.COMPOSE_FILE;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}


test('--help explains the command and exits 0', () => {
  const r = run(['--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /Usage: dockhand check/);
  assert.match(r.stdout, /--format human\|json/);
});

test('a missing file is a clear error, exit 2', () => {
  const r = run(['check', 'nope.yaml']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /nope\.yaml: no such file or folder/);
  assert.equal(r.stdout, '');
});

test('an unknown option is a clear error, exit 2', () => {
  const r = run(['check', '--fromat', 'json']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /Unknown option '--fromat'/);
});

test('errors: compiler-style lines and exit 1', () => {
  const r = run(['check', path.join('bad', 'compose.yaml')]);
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.ok(lines.includes(`${path.join('bad', 'compose.yaml')}:3:18 warning unset-variable Variable TAG is not set (neither in the environment nor in .env) and has no default: Compose will use an empty string. Set it, or give a default: \${TAG:-value}.`), r.stdout);
  assert.ok(lines.some((l) => l.startsWith(`${path.join('bad', 'compose.yaml')}:4:16 error undefined-network Service "web" uses an undefined network "front".`)), r.stdout);
  assert.equal(lines[lines.length - 1], '1 file checked: 1 error, 1 warning.');
});

test('a folder: finds its Compose files (not other YAML), reads .env beside them, exit 0 without errors', () => {
  const r = run(['check', 'good']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal(r.stdout.trim(), '1 file checked: 0 errors, 0 warnings.');
});

test('--format json: every diagnostic with file, position, severity and code', () => {
  const r = run(['check', '--format', 'json', '.']);
  assert.equal(r.status, 1);
  const out = JSON.parse(r.stdout) as { files: string[]; diagnostics: { file: string; line: number; column: number; severity: string; code: string; message: string }[]; summary: { files: number; errors: number; warnings: number } };
  assert.deepEqual(out.files.map((f) => path.relative(dir, f)).sort(), [path.join('bad', 'compose.yaml'), path.join('good', 'compose.yaml')]);
  assert.deepEqual(out.summary, { files: 2, errors: 1, warnings: 1 });
  const error = out.diagnostics.find((d) => d.severity === 'error')!;
  assert.deepEqual({ file: path.relative(dir, error.file), line: error.line, column: error.column, code: error.code }, { file: path.join('bad', 'compose.yaml'), line: 4, column: 16, code: 'undefined-network' });
});

// A project of two files whose services publish the same host port: each finding is about two places.
const clash = fixture(after, `#- compose.yaml
services:
  web:
    image: nginx
    ports: ["8080:80"]

#- compose.override.yaml
services:
  api:
    image: nginx
    ports:
      - "8080:81"
`);

test("a finding about two places names the other: its line (and file, when another) in the human line, a related entry in JSON", () => {
  const human = run(['check', '.'], clash.dir);
  assert.equal(human.status, 1, human.stderr);
  const lines = human.stdout.trim().split('\n');
  assert.ok(lines.some((l) => l.startsWith('compose.yaml:4:13 error port-conflict Host port 8080/tcp is also published by service "api" in compose.override.yaml: ') && l.endsWith(' See compose.override.yaml, line 5.')), human.stdout);
  assert.ok(lines.some((l) => l.startsWith('compose.override.yaml:5:9 error port-conflict') && l.endsWith(' See compose.yaml, line 4.')), human.stdout);
  const json = JSON.parse(run(['check', '--format', 'json', '.'], clash.dir).stdout) as { diagnostics: { file: string; message: string; related?: { file: string; line: number; column: number; message: string }[] }[] };
  const base = json.diagnostics.find((d) => path.basename(d.file) === 'compose.yaml')!;
  assert.doesNotMatch(base.message, /See /);
  assert.deepEqual(base.related, [{ file: path.join(base.file, '..', 'compose.override.yaml'), line: 5, column: 9, message: 'Service "api" publishes host port 8080/tcp here' }]);
});

test('--rule turns a rule off (and the exit code follows)', () => {
  const r = run(['check', '--rule', 'undefined-network=off', '--rule=unset-variable=error', 'bad']);
  assert.equal(r.status, 1);
  assert.doesNotMatch(r.stdout, /undefined-network/);
  assert.match(r.stdout, /error unset-variable/);
  const off = run(['check', '--rule', 'undefined-network=off', '--quiet', 'bad']);
  assert.equal(off.status, 0);
  assert.equal(run(['check', '--rule', 'no-such-rule=off', 'bad']).status, 2);
});

test('--compose: Compose itself checks each project too, and a disagreement is named', async (t) => {
  // Real Compose v2 (2.26, from scripts/compose-v2.mjs) as the only Compose on PATH.
  // @ts-ignore: plain ESM script without types; its exports are documented there.
  const { ensureComposeV2 } = await import('../../scripts/compose-v2.mjs');
  let binary: string;
  try {
    binary = ((await ensureComposeV2()) as { path: string }).path;
  } catch (error) {
    if (process.env.CI === 'true') throw error;
    t.skip(`no Compose v2 to run (${(error as Error).message.split('\n')[0]}); run node scripts/compose-v2.mjs`);
    return;
  }
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-cli-bin-'));
  const dockerConfig = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-cli-docker-'));
  fs.symlinkSync(binary, path.join(bin, 'docker-compose'));
  // use_api_socket is newer than Compose 2.26: Dockhand accepts it, that Compose refuses it.
  fx.write('newer/compose.yaml', ['services:', '  web:', '    image: nginx', '    use_api_socket: true', ''].join('\n'));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}${path.delimiter}/usr/bin${path.delimiter}/bin`, DOCKER_CONFIG: dockerConfig };
    delete env.TAG;
    const r = spawnSync(process.execPath, [CLI, 'check', '--compose', 'bad', 'good', 'newer'], { cwd: dir, env, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /bad\/compose\.yaml: Compose refuses it: .*undefined network front/);
    assert.doesNotMatch(r.stdout, /good\/compose\.yaml: Compose/);
    assert.match(r.stdout, /newer\/compose\.yaml: Compose refuses it: .*use_api_socket.* \(Dockhand reported no error: a disagreement\)/);
    // And as the editor shows it: a finding at the key Compose names.
    assert.match(r.stdout, /^newer\/compose\.yaml:4:5 error compose-refuses Compose 2\.\d+\.\d+\S* refuses this project as saved: services\.web Additional property use_api_socket is not allowed$/m);
    assert.doesNotMatch(r.stdout, /^bad\/compose\.yaml:\d+:\d+ error compose-refuses/m, 'beside an error of its own, Dockhand says it in its words only');
    assert.match(r.stdout, /Compose 2\.\d+\.\d+\S*: 3 projects checked, 2 refused, 1 disagreement with Dockhand\./);
    const json = JSON.parse(spawnSync(process.execPath, [CLI, 'check', '--compose', '--format', 'json', 'good'], { cwd: dir, env, encoding: 'utf8' }).stdout);
    assert.equal(json.compose.projects.length, 1);
    assert.equal(json.compose.projects[0].loads, true);
    assert.equal(json.compose.projects[0].agrees, true);
  } finally {
    fs.rmSync(bin, { recursive: true, force: true });
    fs.rmSync(dockerConfig, { recursive: true, force: true });
    fs.rmSync(path.join(dir, 'newer'), { recursive: true, force: true });
  }
});

test('--compose without any Compose says so in one line and still checks', () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-cli-nobin-'));
  try {
    const r = spawnSync(process.execPath, [CLI, 'check', '--compose', 'good'], { cwd: dir, env: { PATH: empty }, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /--compose: Docker Compose was not found/);
    assert.match(r.stdout, /1 file checked: 0 errors/);
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
});

test('a file with no top-level key (nothing, comments, {}, a lone --- or ~) or with version: alone is an error with the words Compose refuses it with; x- keys alone, or beside version, are not', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-cli-empty-'));
  try {
    const files: Record<string, string> = {
      'blank.yaml': '',
      'comments.yaml': '# to be written\n\n',
      'braces.yaml': '{}\n',
      'dashes.yaml': '---\n',
      'tilde.yaml': '~\n',
      'extension.yaml': 'x-note: kept for later\n',
      'version.yaml': 'version: "3.8"\n',
      'version-extension.yaml': 'version: "3.8"\nx-note: kept\n',
    };
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), text);
    const r = run(['check', '--all-yaml', '.'], folder);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const found = [...r.stdout.matchAll(/^(\S+?):1:1 error empty-file .*\(("[^"]+")\)/gm)].map((m) => `${m[1]} ${m[2]}`).sort();
    assert.deepEqual(found, [
      'blank.yaml "empty compose file"',
      'braces.yaml "empty compose file"',
      'comments.yaml "empty compose file"',
      'dashes.yaml "Top-level object must be a mapping"',
      'tilde.yaml "Top-level object must be a mapping"',
      'version.yaml "empty compose file"',
    ]);
    assert.match(r.stdout, /8 files checked: 6 errors/);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test('a file over 5 MB gets the editor\'s warning with its size (Compose may read it; Dockhand does not), exit 0', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-cli-large-'));
  try {
    const service = (i: number) => `  app-${i}:\n    image: registry.example.com/app:${i}\n    environment:\n      NOTE: "${'x'.repeat(200)}"\n`;
    const text = `services:\n${Array.from({ length: 22_000 }, (_, i) => service(i)).join('')}`;
    assert.ok(text.length > 5 * 1024 * 1024);
    fs.writeFileSync(path.join(folder, 'compose.yaml'), text);
    const r = run(['check', 'compose.yaml'], folder);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^compose\.yaml:1:1 warning file-too-large This file is \d\.\d MB; Dockhand analyses Compose files up to 5\.0 MB/m);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
