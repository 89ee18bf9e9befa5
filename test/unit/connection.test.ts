import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { dockerEnv, dockerodeOptions, resolveDockerHost } from '../../client/src/docker/connection';

describe('docker connection', () => {
  const home = mkdtempSync(join(tmpdir(), 'dockhand-conn-'));
  after(() => rmSync(home, { recursive: true, force: true }));

  function writeContext(name: string, host: string) {
    const id = createHash('sha256').update(name).digest('hex');
    const dir = join(home, '.docker', 'contexts', 'meta', id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'meta.json'), JSON.stringify({ Name: name, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
  }

  it('prefers the setting over DOCKER_HOST', async () => {
    const r = await resolveDockerHost('tcp://10.0.0.1:2375', { HOME: home, DOCKER_HOST: 'unix:///x.sock' });
    assert.equal(r.host, 'tcp://10.0.0.1:2375');
    assert.match(r.source, /setting/);
  });

  it('uses DOCKER_HOST when no setting', async () => {
    const r = await resolveDockerHost('  ', { HOME: home, DOCKER_HOST: 'unix:///x.sock', DOCKER_CONTEXT: 'other' });
    assert.deepEqual([r.host, r.source], ['unix:///x.sock', 'DOCKER_HOST']);
  });

  it('reads DOCKER_CONTEXT and then the current context from config.json', async () => {
    writeContext('remote', 'tcp://192.168.1.9:2375');
    writeContext('other', 'ssh://me@box');
    mkdirSync(join(home, '.docker'), { recursive: true });
    writeFileSync(join(home, '.docker', 'config.json'), JSON.stringify({ currentContext: 'remote' }));
    const fromConfig = await resolveDockerHost(undefined, { HOME: home });
    assert.equal(fromConfig.host, 'tcp://192.168.1.9:2375');
    assert.equal(fromConfig.context, 'remote');
    const fromEnv = await resolveDockerHost(undefined, { HOME: home, DOCKER_CONTEXT: 'other' });
    assert.equal(fromEnv.host, 'ssh://me@box');
  });

  it('falls back to the local socket, saying a missing context was missing', async () => {
    const r = await resolveDockerHost(undefined, { HOME: home, DOCKER_CONTEXT: 'nope' });
    assert.equal(r.host, 'unix:///var/run/docker.sock');
    assert.match(r.source, /"nope" not found/);
    const d = await resolveDockerHost(undefined, { HOME: join(home, 'empty') });
    assert.deepEqual([d.host, d.source], ['unix:///var/run/docker.sock', 'default socket']);
  });

  it('gives child processes the setting as DOCKER_HOST and drops DOCKER_CONTEXT', () => {
    const env = dockerEnv({ host: 'tcp://h:1', source: 'setting dockhand.dockerHost' }, { PATH: '/bin', DOCKER_CONTEXT: 'x' });
    assert.deepEqual(env, { PATH: '/bin', DOCKER_HOST: 'tcp://h:1' });
    const same = dockerEnv({ host: 'unix:///s', source: 'DOCKER_HOST' }, { PATH: '/bin', DOCKER_HOST: 'unix:///s' });
    assert.deepEqual(same, { PATH: '/bin', DOCKER_HOST: 'unix:///s' });
  });

  it('turns hosts into dockerode options', () => {
    assert.deepEqual(dockerodeOptions({ host: 'unix:///var/run/docker.sock', source: 's' }), { socketPath: '/var/run/docker.sock' });
    assert.deepEqual(dockerodeOptions({ host: 'tcp://127.0.0.1:2375', source: 's' }), { protocol: 'http', host: '127.0.0.1', port: '2375' });
    assert.deepEqual(dockerodeOptions({ host: 'ssh://me@box', source: 's' }), { protocol: 'ssh', host: 'box', port: 22, username: 'me' });
    assert.throws(() => dockerodeOptions({ host: 'ftp://x', source: 'DOCKER_HOST' }), /Unsupported Docker host scheme/);
  });
});
