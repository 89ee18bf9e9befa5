import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { pack } from 'tar-stream';
import { browserUrl, demuxBuffer } from '../../../client/src/docker/containers';
import { rankHelperCandidates, repositoryOf, type ImageCandidate } from '../../../client/src/docker/helperImage';
import { compressesByName } from '../../../client/src/docker/volumeBackup';
import { abandoned } from '../../../client/src/docker/volumeHelper';
import { pidScope } from '../../../common/src/processes';
import { aliasesOn, networkView } from '../../../client/src/docker/networks';
import { checkTarFile, escapesRoot, InvalidTarError } from '../../../client/src/docker/tarCheck';
import { childrenOf, normaliseEntryName, normaliseRequestPath, VolumePathError, type VolumeEntry } from '../../../client/src/docker/volumeFiles';
import { combineVolumes, sizesFromDf, VolumeInUseError } from '../../../client/src/docker/volumes';
import { partialName } from '../../../client/src/docker/volumeBackup';

async function tarBytes(entries: { name: string; body?: string; type?: 'file' | 'directory' | 'symlink'; linkname?: string }[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: unknown) => {
    chunks.push(c as Buffer);
  });
  const done = new Promise<void>((r) => p.on('end', () => r()));
  for (const e of entries) p.entry({ name: e.name, type: e.type ?? 'file', linkname: e.linkname }, e.body ?? '');
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

describe('volumes: usage, sizes, users', () => {
  const volume = (Name: string, Labels: Record<string, string> = {}) => ({ Name, Driver: 'local', Mountpoint: `/v/${Name}`, Labels, Scope: 'local' }) as unknown as Docker.VolumeInspectInfo;
  const mount = (Name: string) => ({ Type: 'volume', Name, Source: '', Destination: '/data', Driver: 'local', Mode: '', RW: true, Propagation: '' });

  it('joins volumes with the containers that mount them and the df sizes; helpers of ours do not count', () => {
    const containers = [
      { Id: 'c1', Names: ['/p-db-1'], State: 'running', Labels: { 'com.docker.compose.project': 'p', 'com.docker.compose.service': 'db' }, Mounts: [mount('p_data')] },
      { Id: 'h', Names: ['/helper'], State: 'created', Labels: { 'dockhand.helper': 'volume' }, Mounts: [mount('lonely')] },
    ] as unknown as Docker.ContainerInfo[];
    const sizes = sizesFromDf({ Volumes: [{ Name: 'p_data', UsageData: { Size: 1234, RefCount: 1 } }, { Name: 'lonely', UsageData: { Size: -1 } }] });
    const list = combineVolumes([volume('p_data', { 'com.docker.compose.project': 'p', 'com.docker.compose.volume': 'data' }), volume('lonely')], containers, sizes);
    assert.deepEqual(list.map((v) => v.name), ['lonely', 'p_data']);
    assert.equal(list[0].dangling, true, 'only a helper of ours mounts it');
    assert.equal(list[0].size, undefined, '-1 means the engine does not know');
    assert.equal(list[1].size, 1234);
    assert.equal(list[1].composeKey, 'data');
    assert.equal(list[1].users[0].service, 'db');
  });

  it('an in-use error names every container and what to do', () => {
    const e = new VolumeInUseError('v', [
      { containerId: 'a', containerName: 'p-db-1', state: 'running', destination: '/d', readOnly: false },
      { containerId: 'b', containerName: 'p-db-2', state: 'exited', destination: '/d', readOnly: true },
    ]);
    assert.match(e.message, /p-db-1 \(running\), p-db-2 \(exited\)/);
    assert.match(e.message, /Compose Down/);
  });

  it('reads sizes from the VolumesUsage spelling too', () => {
    assert.equal(sizesFromDf({ VolumesUsage: [{ Name: 'x', UsageData: { Size: 5 } }] }).get('x'), 5);
    assert.equal(sizesFromDf(undefined).size, 0);
  });
});

describe('tar checking', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dockhand-tar-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts a complete archive and summarises it', async () => {
    const file = join(dir, 'ok.tar');
    writeFileSync(file, await tarBytes([{ name: './', type: 'directory' }, { name: './a.txt', body: 'hello' }, { name: './l', type: 'symlink', linkname: 'a.txt' }]));
    const s = await checkTarFile(file);
    assert.equal(s.entries, 3);
    assert.equal(s.files, 1);
    assert.equal(s.contentBytes, 5);
  });

  it('refuses a truncated archive, one cut at an entry boundary, garbage, an empty file, and escaping names', async () => {
    const good = await tarBytes([{ name: 'a.txt', body: 'x'.repeat(2000) }, { name: 'b.txt', body: 'y' }]);
    const cases: [string, Buffer, RegExp][] = [
      ['mid-entry', good.subarray(0, 1024), /Not a valid tar|incomplete/],
      ['boundary', good.subarray(0, 512 + 2048), /incomplete/],
      ['garbage', Buffer.from('this is not a tar archive at all'.repeat(40)), /Not a valid tar/],
      ['empty', Buffer.alloc(0), /incomplete/],
      ['escape', await tarBytes([{ name: '../../etc/cron', body: 'x' }]), /outside the volume/],
    ];
    for (const [name, bytes, pattern] of cases) {
      const file = join(dir, `${name}.tar`);
      writeFileSync(file, bytes);
      await assert.rejects(checkTarFile(file), (e: unknown) => e instanceof InvalidTarError && pattern.test(e.message), name);
    }
  });

  it('knows names that leave the root', () => {
    assert.equal(escapesRoot('/etc/passwd'), true);
    assert.equal(escapesRoot('a/../../b'), true);
    assert.equal(escapesRoot('./a/b..c'), false);
  });

  it('writes a backup under a hidden temporary name beside the target', () => {
    const p = partialName('/backups/db.tar');
    assert.match(p, /^\/backups\/\.db\.tar\.partial-\d+-[a-z0-9]+$/);
  });
});

describe('volume file tree', () => {
  const entry = (path: string, type: VolumeEntry['type'] = 'file'): VolumeEntry => ({ path, name: path.split('/').pop() ?? '', type, size: 0, mtime: 0 });
  it('lists direct children only, sorted', () => {
    const tree = new Map(['', 'b', 'a', 'a/x', 'a/y', 'a/y/z'].map((p) => [p, entry(p, p.includes('.') ? 'file' : 'directory')]));
    assert.deepEqual(childrenOf(tree, '').map((e) => e.path), ['a', 'b']);
    assert.deepEqual(childrenOf(tree, 'a').map((e) => e.path), ['a/x', 'a/y']);
    assert.deepEqual(childrenOf(tree, 'a/y/z'), []);
  });
  it('normalises archive and request paths, refusing ..', () => {
    assert.equal(normaliseEntryName('./'), '');
    assert.equal(normaliseEntryName('./sub/deep/'), 'sub/deep');
    assert.equal(normaliseRequestPath('/sub/x/'), 'sub/x');
    assert.equal(normaliseRequestPath('/'), '');
    assert.throws(() => normaliseRequestPath('/a/../../b'), VolumePathError);
  });
});

describe('containers and networks', () => {
  it('makes browser URLs for published ports', () => {
    assert.equal(browserUrl({ hostPort: 8080 }), 'http://localhost:8080');
    assert.equal(browserUrl({ hostIp: '0.0.0.0', hostPort: 80 }), 'http://localhost:80');
    assert.equal(browserUrl({ hostIp: '127.0.0.2', hostPort: 81 }), 'http://127.0.0.2:81');
    assert.equal(browserUrl({ hostIp: '::1', hostPort: 82 }), 'http://[::1]:82');
    assert.equal(browserUrl({}), undefined);
  });
  it('decodes multiplexed log frames', () => {
    const frame = (stream: number, text: string) => {
      const body = Buffer.from(text);
      const head = Buffer.alloc(8);
      head[0] = stream;
      head.writeUInt32BE(body.length, 4);
      return Buffer.concat([head, body]);
    };
    assert.equal(demuxBuffer(Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n')])), 'out\nerr\n');
  });
  it('shows a network with subnet, addresses and aliases (without the container id alias)', () => {
    const inspect = {
      Id: 'abcdef1234567890',
      Name: '/p-web-1',
      NetworkSettings: { Networks: { p_default: { Aliases: ['p-web-1', 'web', 'abcdef123456'] } } },
    } as unknown as Docker.ContainerInspectInfo;
    assert.deepEqual(aliasesOn(inspect, 'p_default'), ['web']);
    const view = networkView(
      {
        Id: 'n1',
        Name: 'p_default',
        Driver: 'bridge',
        Scope: 'local',
        Labels: { 'com.docker.compose.project': 'p', 'com.docker.compose.network': 'default' },
        IPAM: { Config: [{ Subnet: '172.20.0.0/16', Gateway: '172.20.0.1' }] },
        Containers: { abcdef1234567890: { Name: 'p-web-1', IPv4Address: '172.20.0.2/16', IPv6Address: '' } },
      },
      new Map([['abcdef1234567890', inspect]]),
    );
    assert.deepEqual(view.subnets, ['172.20.0.0/16']);
    assert.equal(view.project, 'p');
    assert.equal(view.composeKey, 'default');
    assert.deepEqual(view.containers, [{ id: 'abcdef1234567890', name: 'p-web-1', ipv4: '172.20.0.2', ipv6: undefined, aliases: ['web'] }]);
  });
});

describe('the helper image and backup names', () => {
  const platform = { os: 'linux', architecture: 'amd64' };
  const image = (tag: string, size: number, more: Partial<ImageCandidate> = {}): ImageCandidate => ({ tag, size, os: 'linux', architecture: 'amd64', declaresVolumes: false, ...more });

  it('reads the repository of a tag the way Docker Hub names official images', () => {
    assert.equal(repositoryOf('busybox:latest'), 'busybox');
    assert.equal(repositoryOf('docker.io/library/alpine:3.20'), 'alpine');
    assert.equal(repositoryOf('library/debian:bookworm'), 'debian');
    assert.equal(repositoryOf('localhost:5000/alpine'), 'localhost:5000/alpine');
    assert.equal(repositoryOf('ghcr.io/me/ubuntu:1@sha256:abc'), 'ghcr.io/me/ubuntu');
  });

  it('prefers the smallest official toolbox image of the engine platform, for both jobs', () => {
    const images = [image('nginx:alpine', 20), image('debian:12', 120), image('alpine:3', 8), image('busybox:arm', 1, { architecture: 'arm64' })];
    assert.equal(rankHelperCandidates(images, 'run', platform)?.tag, 'alpine:3');
    assert.equal(rankHelperCandidates(images, 'archive', platform)?.tag, 'alpine:3');
  });

  it('runs nothing it does not know: with no toolbox image a run job has no helper; an archive job takes any image without volumes', () => {
    const images = [image('postgres:16', 150, { declaresVolumes: true }), image('nginx:1', 60), image('my/app:dev', 300, { architecture: 'arm64' })];
    assert.equal(rankHelperCandidates(images, 'run', platform), undefined);
    assert.equal(rankHelperCandidates(images, 'archive', platform)?.tag, 'nginx:1');
    assert.equal(rankHelperCandidates([image('postgres:16', 150, { declaresVolumes: true })], 'archive', platform), undefined);
  });

  it('compresses a backup exactly when its name ends in .gz or .tgz', () => {
    assert.equal(compressesByName('/b/dbdata-backup.tar.gz'), true);
    assert.equal(compressesByName('/b/x.TGZ'), true);
    assert.equal(compressesByName('/b/x.tar'), false);
    assert.equal(compressesByName('/b/x.gzip.tar'), false);
  });
});

it('a helper is abandoned only when its pid means a process here (this machine, this pid namespace) and that process is gone', () => {
  const alive = (pid: number) => pid === 100;
  const here = 'laptop/pid:[4026531836]';
  assert.equal(abandoned(`${here}:200`, here, alive), true, 'its process is gone');
  assert.equal(abandoned(`${here}:100`, here, alive), false, 'another window of this machine still runs its job');
  assert.equal(abandoned('desktop/pid:[4026531836]:200', here, alive), false, 'made on another machine: its processes are not ours to see');
  // One engine, one machine name, other pids: WSL beside Windows (Docker Desktop), another WSL distribution, a container.
  assert.equal(abandoned('laptop/win32:200', here, alive), false, 'made by Windows beside this WSL');
  assert.equal(abandoned('laptop/pid:[4026532999]:200', here, alive), false, 'made in another pid namespace');
  for (const label of [undefined, '', 'laptop', `${here}:`, `${here}:abc`, `${here}:0`, `${here}:-5`, ':200']) {
    assert.equal(abandoned(label, here, alive), false, `not a label to act on: ${JSON.stringify(label)}`);
  }
  // This process runs: a helper it made is never taken for abandoned.
  assert.equal(abandoned(`${pidScope()}:${process.pid}`), false);
  assert.ok(pidScope().startsWith(`${hostname()}/`), pidScope());
});
