// The paths a Compose file names on this machine, held to Compose 2.26 and the
// engine: a build's context and Dockerfile, a bind mount's source, a secret's
// or config's file, and a build's target among the Dockerfile's stages. Where
// one is missing, what `up` or `build` does (refuse, or make an empty folder),
// against what Dockhand reports on the same text.
// Dockhand is asked first in each run: `up` may make what was missing.
import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { LanguageService } from '../../server/src/service';
import { pathToUri } from '../../server/src/model/workspace';
import { dockerCli, ensureEngine, removeProject, tempProject, TEST_IMAGE, uniqueName, type TempProject } from './helpers/engine';

/** The codes Dockhand reports on `text`, open in the editor as the project's compose.yaml. */
function dockhandCodes(project: TempProject, text: string): (string | number | undefined)[] {
  const service = new LanguageService({});
  const uri = pathToUri(project.file('compose.yaml'));
  service.documentChanged(TextDocument.create(uri, 'dockercompose', 1, text));
  return service.diagnostics(uri).map((d) => d.code);
}

describe('missing paths: what Compose and the engine do, and what Dockhand reports', { timeout: 300_000 }, () => {
  before(async () => {
    await ensureEngine();
  });

  it('the engine refuses a long-syntax bind mount whose source does not exist (written, or given by a variable\'s default), where Dockhand warns missing-bind-source, and mounts it once it exists', async () => {
    for (const source of ['./data', '${DH_DATA:-./data}']) {
      const text = `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n    volumes:\n      - type: bind\n        source: ${source}\n        target: /data\n`;
      const project = tempProject({ 'compose.yaml': text });
      const name = uniqueName('dh-bind');
      const attempt = () => {
        const up = dockerCli(['compose', '--project-name', name, 'up', '-d'], { cwd: project.dir });
        const codes = dockhandCodes(project, text);
        return { up: up.code === 0, said: up.stderr, codes };
      };
      try {
        const missing = attempt();
        assert.ok(!missing.up, `${source}: the engine mounted a missing source`);
        assert.match(missing.said, /bind source path does not exist/);
        assert.deepEqual(missing.codes, ['missing-bind-source'], source);
        mkdirSync(project.file('data'));
        const made = attempt();
        assert.ok(made.up, made.said);
        assert.deepEqual(made.codes, [], source);
      } finally {
        await removeProject(name);
        project.cleanup();
      }
    }
  });

  it('a short-syntax bind of a missing file: the engine makes an empty folder there and the container does not start where the image has a file, where Dockhand warns missing-bind-source; it starts once the file exists', async () => {
    const text = `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n    volumes:\n      - ./passwd.conf:/etc/passwd:ro\n`;
    const project = tempProject({ 'compose.yaml': text });
    const names: string[] = [];
    const attempt = () => {
      const name = uniqueName('dh-shortbind');
      names.push(name);
      // Dockhand first: `up` makes the missing source.
      const codes = dockhandCodes(project, text);
      const up = dockerCli(['compose', '--project-name', name, 'up', '-d'], { cwd: project.dir });
      return { up: up.code === 0, said: up.stderr, codes };
    };
    try {
      const missing = attempt();
      assert.ok(!missing.up, 'the container started');
      assert.match(missing.said, /not a directory/);
      assert.ok(statSync(project.file('passwd.conf')).isDirectory(), 'the engine made the missing file a folder');
      assert.deepEqual(missing.codes, ['missing-bind-source']);
      rmSync(project.file('passwd.conf'), { recursive: true });
      writeFileSync(project.file('passwd.conf'), 'root:x:0:0:root:/root:/bin/sh\n');
      const made = attempt();
      assert.ok(made.up, made.said);
      assert.deepEqual(made.codes, []);
    } finally {
      for (const name of names) await removeProject(name);
      project.cleanup();
    }
  });

  it('the engine refuses a container whose secret or config file does not exist, where Dockhand warns missing-secret-file and missing-config-file; unused, nothing is mounted and up passes', async () => {
    const uses = (keys: string) => `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["true"]\n${keys}secrets:\n  token:\n    file: ./token.txt\nconfigs:\n  settings:\n    file: ./app.conf\n`;
    const project = tempProject({});
    const attempt = (text: string) => {
      writeFileSync(project.file('compose.yaml'), text);
      const name = uniqueName('dh-mounted');
      const up = dockerCli(['compose', '--project-name', name, 'up', '-d'], { cwd: project.dir });
      const codes = dockhandCodes(project, text);
      return { name, up: up.code === 0, said: up.stderr, codes };
    };
    const names: string[] = [];
    try {
      const secret = attempt(uses('    secrets: [token]\n'));
      names.push(secret.name);
      assert.ok(!secret.up, 'the engine mounted a missing secret file');
      assert.match(secret.said, /bind source path does not exist: .*token\.txt/);
      assert.deepEqual(secret.codes, ['missing-secret-file']);
      const config = attempt(uses('    configs: [settings]\n'));
      names.push(config.name);
      assert.ok(!config.up, 'the engine mounted a missing config file');
      assert.match(config.said, /bind source path does not exist: .*app\.conf/);
      assert.deepEqual(config.codes, ['missing-config-file']);
      const unused = attempt(uses(''));
      names.push(unused.name);
      assert.ok(unused.up, unused.said);
      assert.deepEqual(unused.codes, []);
      writeFileSync(project.file('token.txt'), 's3cret\n');
      writeFileSync(project.file('app.conf'), 'level=debug\n');
      const made = attempt(uses('    secrets: [token]\n    configs: [settings]\n'));
      names.push(made.name);
      assert.ok(made.up, made.said);
      assert.deepEqual(made.codes, []);
    } finally {
      for (const name of names) await removeProject(name);
      project.cleanup();
    }
  });

  it('building fails from a context that does not exist or a Dockerfile it does not hold, where Dockhand reports missing-build-context and missing-dockerfile, and builds once both are there', async () => {
    const text = `services:\n  web:\n    image: dh-build-test:latest\n    build:\n      context: ./app\n      dockerfile: web.Dockerfile\n`;
    const project = tempProject({ 'compose.yaml': text });
    const name = uniqueName('dh-build');
    const attempt = () => {
      const build = dockerCli(['compose', '--project-name', name, 'build'], { cwd: project.dir });
      const codes = dockhandCodes(project, text);
      return { built: build.code === 0, said: build.stdout + build.stderr, codes };
    };
    try {
      const noContext = attempt();
      assert.ok(!noContext.built, 'built from a missing context');
      assert.match(noContext.said, /unable to prepare context|not found/);
      assert.deepEqual(noContext.codes, ['missing-build-context']);
      mkdirSync(project.file('app'));
      const noDockerfile = attempt();
      assert.ok(!noDockerfile.built, 'built without a Dockerfile');
      assert.match(noDockerfile.said, /failed to read dockerfile|no such file/i);
      assert.deepEqual(noDockerfile.codes, ['missing-dockerfile']);
      writeFileSync(project.file('app/web.Dockerfile'), `FROM ${TEST_IMAGE}\n`);
      const built = attempt();
      assert.ok(built.built, built.said);
      assert.deepEqual(built.codes, []);
    } finally {
      await removeProject(name);
      dockerCli(['image', 'rm', '-f', 'dh-build-test:latest']);
      project.cleanup();
    }
  });

  it('building fails from a Dockerfile named as the context, or with a tag the engine cannot read, where Dockhand reports missing-build-context and invalid-format; the folder and a lower-case tag build', async () => {
    const project = tempProject({ 'app/Dockerfile': `FROM ${TEST_IMAGE}\n` });
    const name = uniqueName('dh-ctxfile');
    const attempt = (build: string) => {
      const text = `services:\n  web:\n    image: dh-ctxfile-test:latest\n    build:\n${build}`;
      writeFileSync(project.file('compose.yaml'), text);
      const run = dockerCli(['compose', '--project-name', name, 'build'], { cwd: project.dir });
      return { built: run.code === 0, said: run.stdout + run.stderr, codes: dockhandCodes(project, text) };
    };
    try {
      const file = attempt('      context: ./app/Dockerfile\n');
      assert.ok(!file.built, 'built from a file as the context');
      assert.match(file.said, /unable to prepare context/);
      assert.deepEqual(file.codes, ['missing-build-context']);
      const tag = attempt('      context: ./app\n      tags: ["dh-ctxfile-test:Bad Tag"]\n');
      assert.ok(!tag.built, 'built with a tag holding a space');
      assert.match(tag.said, /invalid reference format/);
      assert.deepEqual(tag.codes, ['invalid-format']);
      const fine = attempt('      context: ./app\n      tags: ["dh-ctxfile-test:v1"]\n');
      assert.ok(fine.built, fine.said);
      assert.deepEqual(fine.codes, []);
    } finally {
      await removeProject(name);
      dockerCli(['image', 'rm', '-f', 'dh-ctxfile-test:latest', 'dh-ctxfile-test:v1']);
      project.cleanup();
    }
  });

  it('a build argument no ARG declares is ignored and the build succeeds, where Dockhand warns unknown-build-arg; a declared one reaches the build', async () => {
    // The RUN fails unless the declared argument arrives: the build's success says it was read, and that the other was not needed.
    const project = tempProject({ 'app/Dockerfile': `FROM ${TEST_IMAGE}\nARG USED\nRUN test "$USED" = yes\n` });
    const name = uniqueName('dh-args');
    const text = `services:\n  web:\n    image: dh-args-test:latest\n    build:\n      context: ./app\n      args:\n        USED: "yes"\n        UNSED: "no"\n`;
    writeFileSync(project.file('compose.yaml'), text);
    try {
      const build = dockerCli(['compose', '--project-name', name, 'build'], { cwd: project.dir });
      assert.equal(build.code, 0, build.stdout + build.stderr);
      const service = new LanguageService({});
      const uri = pathToUri(project.file('compose.yaml'));
      service.documentChanged(TextDocument.create(uri, 'dockercompose', 1, text));
      const found = service.diagnostics(uri);
      assert.deepEqual(found.map((d) => [d.code, d.severity]), [['unknown-build-arg', DiagnosticSeverity.Warning]]);
      assert.match(String(found[0]!.message), /no ARG UNSED.*Did you mean 'USED'\?/);
    } finally {
      await removeProject(name);
      dockerCli(['image', 'rm', '-f', 'dh-args-test:latest']);
      project.cleanup();
    }
  });

  it('building fails for a target no stage is named, where Dockhand reports unknown-build-target; a stage named in other capitals builds', async () => {
    const project = tempProject({ 'app/Dockerfile': `FROM ${TEST_IMAGE} AS base\nFROM base AS Prod\nRUN true\n` });
    const name = uniqueName('dh-target');
    const attempt = (target: string) => {
      const text = `services:\n  web:\n    image: dh-target-test:latest\n    build:\n      context: ./app\n      target: ${target}\n`;
      writeFileSync(project.file('compose.yaml'), text);
      const build = dockerCli(['compose', '--project-name', name, 'build'], { cwd: project.dir });
      const codes = dockhandCodes(project, text);
      return { built: build.code === 0, said: build.stdout + build.stderr, codes };
    };
    try {
      const unknown = attempt('prdo');
      assert.ok(!unknown.built, 'built an unknown target');
      assert.match(unknown.said, /target stage prdo could not be found/);
      assert.deepEqual(unknown.codes, ['unknown-build-target']);
      for (const target of ['PROD', 'base']) {
        const known = attempt(target);
        assert.ok(known.built, known.said);
        assert.deepEqual(known.codes, [], target);
      }
    } finally {
      await removeProject(name);
      dockerCli(['image', 'rm', '-f', 'dh-target-test:latest']);
      project.cleanup();
    }
  });

  it('refuses the project for an env file line its reader refuses, optional file or the project\'s .env too, where Dockhand reports invalid-env-file; a line requiring a variable nothing sets, where it warns unset-variable; loads the lines it reads', () => {
    const text = `services:\n  web:\n    image: ${TEST_IMAGE}\n    env_file:\n      - path: app.env\n        required: false\n`;
    const project = tempProject({ 'compose.yaml': text });
    const attempt = (appEnv: string, dotEnv: string) => {
      writeFileSync(project.file('app.env'), appEnv);
      writeFileSync(project.file('.env'), dotEnv);
      const config = dockerCli(['compose', 'config', '-q'], { cwd: project.dir });
      const codes = dockhandCodes(project, text);
      return { loads: config.code === 0, said: config.stderr, codes };
    };
    const good = 'A=1\nexport B = two\nC="multi\nline"\nD:yaml\nÄ=1\nE=\'it\\\'s\'\nF="cost \\$5"\nG=\'${1X}\'\nH=$${1X}\n1FOO=x\n';
    try {
      const cases: [string, string, RegExp][] = [
        ['MY VAR=1\n', '', /key cannot contain a space/],
        ['A=1\nB!=2\n', '', /unexpected character "!"/],
        ["A='open\n", '', /unterminated quoted value/],
        ['', 'TAG="open\n', /unterminated quoted value/],
        ['A=${1X}\n', '', /Invalid template: "\$\{1X\}"/],
        ['', 'TAG="${A:-${B!}}"\n', /Invalid template/],
        ['', '=x\n', /setenv: invalid argument/],
      ];
      for (const [appEnv, dotEnv, said] of cases) {
        const r = attempt(appEnv, dotEnv);
        assert.ok(!r.loads, `${JSON.stringify(appEnv)} / ${JSON.stringify(dotEnv)}: Compose loads it`);
        assert.match(r.said, said);
        assert.deepEqual(r.codes, ['invalid-env-file'], `${JSON.stringify(appEnv)} / ${JSON.stringify(dotEnv)}`);
      }
      const loads = attempt(good, good);
      assert.ok(loads.loads, loads.said);
      assert.deepEqual(loads.codes, []);
      // A line requiring a variable nothing sets: refused too, but the environment Compose runs in may set it.
      for (const [appEnv, dotEnv] of [['A=${DH_UNSET_VAR:?set it}\n', ''], ['', 'X=${DH_UNSET_VAR?}\n']]) {
        const r = attempt(appEnv!, dotEnv!);
        assert.ok(!r.loads, `${JSON.stringify(appEnv)} / ${JSON.stringify(dotEnv)}: Compose loads it`);
        assert.match(r.said, /required variable DH_UNSET_VAR is missing a value/);
        assert.deepEqual(r.codes, ['unset-variable'], `${JSON.stringify(appEnv)} / ${JSON.stringify(dotEnv)}`);
      }
      const set = attempt('A=${TAG:?}\nB=1\nC=${B:?}\n', 'TAG=1\n');
      assert.ok(set.loads, set.said);
      assert.deepEqual(set.codes, []);
    } finally {
      project.cleanup();
    }
  });
  it('refuses a project whose env file is missing, however the entry is written or brought, where Dockhand reports missing-env-file; loads it after the fix Dockhand offers (required: false), and once the file is made', () => {
    const forms = {
      scalar: '    env_file: ./local.env\n',
      list: '    env_file:\n      - ./local.env\n',
      flow: '    env_file: [./local.env]\n',
      long: '    env_file:\n      - path: ./local.env\n',
      merged: null,
    };
    for (const [form, envFile] of Object.entries(forms)) {
      const text = envFile === null
        ? `x-env: &env\n  env_file: ./local.env\nservices:\n  web:\n    image: ${TEST_IMAGE}\n    <<: *env\n`
        : `services:\n  web:\n    image: ${TEST_IMAGE}\n${envFile}`;
      const project = tempProject({ 'compose.yaml': text });
      const verdict = () => dockerCli(['compose', 'config', '-q'], { cwd: project.dir });
      try {
        const missing = verdict();
        assert.notEqual(missing.code, 0, `${form}: Compose loads it`);
        assert.match(missing.stderr, /env file .*local\.env not found/, form);
        assert.deepEqual(dockhandCodes(project, text), ['missing-env-file'], form);
        // The fix Dockhand offers first where the editor creates no files: the entry made optional.
        const service = new LanguageService({});
        const uri = pathToUri(project.file('compose.yaml'));
        const document = TextDocument.create(uri, 'dockercompose', 1, text);
        service.documentChanged(document);
        const finding = service.diagnostics(uri).find((d) => d.code === 'missing-env-file')!;
        const edits = service.codeActions(uri, finding.range, [finding])[0]?.edit?.changes?.[uri];
        if (envFile === null) {
          assert.equal(edits, undefined, 'no fix rewrites an entry other services may merge');
        } else {
          assert.ok(edits, `${form}: a fix`);
          const fixed = TextDocument.applyEdits(document, edits);
          writeFileSync(project.file('compose.yaml'), fixed);
          const optional = verdict();
          assert.equal(optional.code, 0, `${form}: ${optional.stderr}\n${fixed}`);
          assert.deepEqual(dockhandCodes(project, fixed), [], fixed);
          writeFileSync(project.file('compose.yaml'), text);
        }
        writeFileSync(project.file('local.env'), '');
        assert.equal(verdict().code, 0, form);
        assert.deepEqual(dockhandCodes(project, text), [], form);
      } finally {
        project.cleanup();
      }
    }
  });
});
