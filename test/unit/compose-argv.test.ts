import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { composeArgv, displayCommand, projectArgs } from '../../client/src/compose/argv';
import { parseComposeVersion, splitCommandSetting, type ComposeCommand } from '../../client/src/compose/cli';

const v2: ComposeCommand = { command: 'docker', baseArgs: ['compose'], version: '2.27.0', major: 2, source: 'docker compose' };
const v1: ComposeCommand = { command: 'docker-compose', baseArgs: [], version: '1.29.2', major: 1, source: 'docker-compose' };
const project = {
  files: ['/p/compose.yaml', '/p/compose.override.yaml'],
  workingDirectory: '/p',
  envFiles: ['/p/.env', '/p/dev.env'],
  profiles: ['debug'],
  projectName: 'shop',
};

describe('compose argv', () => {
  it('puts project options before the subcommand, files in load order', () => {
    assert.deepEqual(composeArgv(v2, project, { name: 'up', build: true, services: ['web'] }), [
      'compose', '-f', '/p/compose.yaml', '-f', '/p/compose.override.yaml', '--env-file', '/p/.env', '--env-file', '/p/dev.env',
      '--profile', 'debug', '--project-name', 'shop', 'up', '--detach', '--build', 'web',
    ]);
  });

  it('gives v1 only the last env file and no ps --all', () => {
    assert.deepEqual(projectArgs(project, v1).filter((a) => a.endsWith('.env')), ['/p/dev.env']);
    assert.deepEqual(composeArgv(v1, { files: ['/p/a.yml'], workingDirectory: '/p' }, { name: 'ps', all: true }), ['-f', '/p/a.yml', 'ps']);
    assert.deepEqual(composeArgv(v2, { files: ['/p/a.yml'], workingDirectory: '/p' }, { name: 'ps', all: true }), ['compose', '-f', '/p/a.yml', 'ps', '--all']);
  });

  it('builds down, logs and plain service commands, with colours on request', () => {
    const p = { files: ['/p/c.yml'], workingDirectory: '/p' };
    assert.deepEqual(composeArgv(v1, p, { name: 'down', volumes: true }), ['-f', '/p/c.yml', 'down', '--volumes']);
    assert.deepEqual(composeArgv(v2, p, { name: 'logs', follow: true, tail: 100, services: ['a', 'b'] }, { ansi: 'always' }), [
      'compose', '--ansi', 'always', '-f', '/p/c.yml', 'logs', '--follow', '--tail', '100', 'a', 'b',
    ]);
    assert.deepEqual(composeArgv(v1, p, { name: 'restart', services: ['a'] }), ['-f', '/p/c.yml', 'restart', 'a']);
    assert.deepEqual(composeArgv(v2, p, { name: 'watch', services: ['web'] }), ['compose', '-f', '/p/c.yml', 'watch', 'web']);
    assert.deepEqual(composeArgv(v2, p, { name: 'watch' }), ['compose', '-f', '/p/c.yml', 'watch']);
    assert.deepEqual(composeArgv(v1, { ...p, projectDirectory: '/q' }, { name: 'config' }), ['-f', '/p/c.yml', '--project-directory', '/q', 'config']);
  });

  it('keeps a path with spaces as one argument', () => {
    const argv = composeArgv(v2, { files: ['/my project/compose.yaml'], workingDirectory: '/my project' }, { name: 'stop' });
    assert.ok(argv.includes('/my project/compose.yaml'));
    assert.equal(displayCommand('docker', argv), "docker compose -f '/my project/compose.yaml' stop");
  });

  it('reads the setting and the version output', () => {
    assert.deepEqual(splitCommandSetting('docker compose'), ['docker', 'compose']);
    assert.deepEqual(splitCommandSetting('"/opt/my tools/docker-compose"'), ['/opt/my tools/docker-compose']);
    assert.equal(parseComposeVersion('Docker Compose version v2.27.0'), '2.27.0');
    assert.equal(parseComposeVersion('docker-compose version 1.29.2, build unknown\ndocker-py version: 5.0.3'), '1.29.2');
  });
});
