// Backup and restore against a real engine: a round trip into a new volume
// restores byte-identical files; a corrupt or truncated tar changes nothing;
// and an engine that drops the archive stream mid-backup (a fake engine on a
// unix socket) leaves no file that could pass for a backup.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Docker from 'dockerode';
import { pack } from 'tar-stream';
import { gunzipSync } from 'node:zlib';
import { backupVolume, restoreVolume, volumeHasData } from '../../client/src/docker/volumeBackup';
import { InvalidTarError } from '../../client/src/docker/tarCheck';
import { createVolume } from '../../client/src/docker/volumes';
import { dockerCli, engine, ensureEngine, TEST_IMAGE, uniqueName } from './helpers/engine';

const RUN = uniqueName('dh-backup');
const LABELS = { 'dockhand-test': RUN };

/** A listing of the volume that changes if any byte, name, type or link target changes. */
function fingerprint(volume: string): string {
  const r = dockerCli([
    'run', '--rm', '-v', `${volume}:/d:ro`, TEST_IMAGE, 'sh', '-c',
    'cd /d && find . -type f | sort | xargs -r sha256sum; find . | sort; for l in $(find . -type l | sort); do echo "$l -> $(readlink $l)"; done',
  ]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

function fill(volume: string, script: string): void {
  const r = dockerCli(['run', '--rm', '-v', `${volume}:/d`, TEST_IMAGE, 'sh', '-c', script]);
  assert.equal(r.code, 0, r.stderr);
}

async function tarOf(entries: { name: string; body?: Buffer; type?: 'file' | 'directory' }[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: unknown) => {
    chunks.push(c as Buffer);
  });
  const done = new Promise<void>((r) => p.on('end', () => r()));
  for (const e of entries) p.entry({ name: e.name, type: e.type ?? 'file' }, e.body ?? Buffer.alloc(0));
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

describe('volume backup and restore against a real engine', { timeout: 240_000 }, () => {
  let docker: Docker;
  let dir: string;
  const source = `${RUN}-src`;
  const target = `${RUN}-dst`;
  const victim = `${RUN}-victim`;

  before(async () => {
    await ensureEngine();
    docker = engine();
    dir = mkdtempSync(join(tmpdir(), 'dockhand-backup-'));
    for (const v of [source, target, victim]) await createVolume(docker, v, { labels: LABELS });
    // Filled by a shell in a container, not by our own restore, so the round trip checks against an independent source.
    fill(
      source,
      'mkdir -p /d/app/config /d/empty && echo "name: demo" > /d/app/config/app.yaml && ' +
        'head -c 200000 /dev/urandom > /d/app/blob.bin && printf "no newline" > /d/plain && ln -s app/config/app.yaml /d/current && ' +
        'chmod 600 /d/plain',
    );
    fill(victim, 'echo precious > /d/keep.txt && mkdir /d/db && head -c 5000 /dev/urandom > /d/db/data');
  });

  after(async () => {
    if (docker) {
      for (const v of [source, target, victim]) await docker.getVolume(v).remove({ force: true }).catch(() => undefined);
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('backs up to a tar, restores into a new volume, and the content is byte-identical', async () => {
    const file = join(dir, 'backup.tar');
    const progress: number[] = [];
    const started = Date.now();
    const result = await backupVolume({ docker, volume: source, image: TEST_IMAGE, target: file, onProgress: (n) => progress.push(n) });
    assert.equal(result.file, file);
    assert.ok(existsSync(file));
    assert.ok(result.files >= 3 && result.contentBytes >= 200_000, JSON.stringify(result));
    assert.ok(progress.length > 0 && progress[progress.length - 1] === readFileSync(file).length, 'progress reports every byte moved');
    assert.deepEqual(readdirSync(dir).filter((n) => n.includes('partial')), [], 'no temporary file left');

    assert.equal(await volumeHasData(docker, target, TEST_IMAGE), false, 'the new volume starts empty');
    await restoreVolume({ docker, volume: target, image: TEST_IMAGE, source: file });
    assert.equal(await volumeHasData(docker, target, TEST_IMAGE), true);
    const before = fingerprint(source);
    assert.match(before, /blob\.bin/);
    assert.match(before, /current -> app\/config\/app\.yaml/);
    assert.equal(fingerprint(target), before);
    const mode = dockerCli(['run', '--rm', '-v', `${target}:/d:ro`, TEST_IMAGE, 'stat', '-c', '%a', '/d/plain']);
    assert.equal(mode.stdout.trim(), '600', 'permissions survive the round trip');
    console.log(`backup + restore of ~200 KB took ${Date.now() - started} ms`);
  });

  it('keeps the name given: .tar.gz is written gzip-compressed, and restore reads it (and .tgz) back byte-identical', async () => {
    const gz = join(dir, 'dbdata-backup.tar.gz');
    const result = await backupVolume({ docker, volume: source, image: TEST_IMAGE, target: gz });
    assert.equal(result.file, gz);
    assert.equal(result.compressed, true);
    assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('dbdata-backup')), ['dbdata-backup.tar.gz'], 'no other name, no ".tar" added');
    const bytes = readFileSync(gz);
    assert.deepEqual([bytes[0], bytes[1]], [0x1f, 0x8b], 'gzip magic');
    assert.ok(gunzipSync(bytes).length > bytes.length, 'it really is compressed');
    const tgz = join(dir, 'copy.tgz');
    writeFileSync(tgz, bytes);
    const fresh = `${RUN}-gz`;
    await createVolume(docker, fresh, { labels: LABELS });
    try {
      const restored = await restoreVolume({ docker, volume: fresh, image: TEST_IMAGE, source: tgz });
      assert.equal(restored.compressed, true);
      assert.equal(fingerprint(fresh), fingerprint(source));
      // A plain .tar stays plain.
      const plain = await backupVolume({ docker, volume: source, image: TEST_IMAGE, target: join(dir, 'plain.tar') });
      assert.equal(plain.compressed, false);
      assert.notDeepEqual([...readFileSync(join(dir, 'plain.tar')).subarray(0, 2)], [0x1f, 0x8b]);
    } finally {
      await docker.getVolume(fresh).remove({ force: true }).catch(() => undefined);
    }
  });

  it('a cut-short .tar.gz is refused and the volume stays as it was', async () => {
    const gz = join(dir, 'short.tar.gz');
    await backupVolume({ docker, volume: source, image: TEST_IMAGE, target: gz });
    truncateSync(gz, Math.floor(readFileSync(gz).length / 2));
    const before = fingerprint(victim);
    await assert.rejects(restoreVolume({ docker, volume: victim, image: TEST_IMAGE, source: gz }), (e: unknown) => e instanceof InvalidTarError);
    assert.equal(fingerprint(victim), before);
  });

  it('merge keeps the files the archive does not have; replace empties the volume first (dot files too), so it holds exactly the archive', async () => {
    const file = join(dir, 'for-modes.tar');
    await backupVolume({ docker, volume: source, image: TEST_IMAGE, target: file });
    const merged = `${RUN}-merge`;
    const replaced = `${RUN}-replace`;
    for (const v of [merged, replaced]) {
      await createVolume(docker, v, { labels: LABELS });
      fill(v, 'echo old > /d/old.txt && echo hidden > /d/.hidden && mkdir -p /d/olddir/deep && echo x > /d/olddir/deep/f && echo stale > /d/plain');
    }
    try {
      await restoreVolume({ docker, volume: merged, image: TEST_IMAGE, source: file, mode: 'merge' });
      const m = fingerprint(merged);
      assert.match(m, /\.\/old\.txt/);
      assert.match(m, /\.\/\.hidden/);
      assert.match(m, /blob\.bin/);

      await restoreVolume({ docker, volume: replaced, image: TEST_IMAGE, runImage: TEST_IMAGE, source: file, mode: 'replace' });
      assert.equal(fingerprint(replaced), fingerprint(source));
      const helpers = await docker.listContainers({ all: true, filters: { label: ['dockhand.helper'] } });
      assert.deepEqual(helpers.filter((c) => c.Labels['dockhand.volume'] === replaced), [], 'the helper that ran rm is removed');
    } finally {
      for (const v of [merged, replaced]) await docker.getVolume(v).remove({ force: true }).catch(() => undefined);
    }
  });

  it('replace with a broken archive never empties the volume', async () => {
    const file = join(dir, 'broken-for-replace.tar');
    writeFileSync(file, randomBytes(2048));
    const before = fingerprint(victim);
    await assert.rejects(restoreVolume({ docker, volume: victim, image: TEST_IMAGE, runImage: TEST_IMAGE, source: file, mode: 'replace' }), InvalidTarError);
    assert.equal(fingerprint(victim), before);
  });

  for (const [label, corrupt] of [
    ['a truncated tar', (f: string) => truncateSync(f, Math.floor(readFileSync(f).length / 2))],
    ['a tar with a damaged header', (f: string) => {
      const b = readFileSync(f);
      // The second header (the first is "./", a folder with no data): its checksum no longer matches.
      b.write('garbage!', 512 + 100, 'latin1');
      writeFileSync(f, b);
    }],
    ['a file that is not a tar', (f: string) => writeFileSync(f, randomBytes(4096))],
  ] as const) {
    it(`restore of ${label} is refused and the volume stays as it was`, async () => {
      const file = join(dir, `corrupt-${label.replace(/\W+/g, '-')}.tar`);
      await backupVolume({ docker, volume: source, image: TEST_IMAGE, target: file });
      corrupt(file);
      const before = fingerprint(victim);
      await assert.rejects(restoreVolume({ docker, volume: victim, image: TEST_IMAGE, source: file }), (e: unknown) => {
        assert.ok(e instanceof InvalidTarError, String(e));
        return true;
      });
      assert.equal(fingerprint(victim), before);
    });
  }

  it('restore refuses an archive whose entries point outside the volume', async () => {
    const file = join(dir, 'escape.tar');
    writeFileSync(file, await tarOf([{ name: 'ok.txt', body: Buffer.from('ok') }, { name: '../escape.txt', body: Buffer.from('x') }]));
    const before = fingerprint(victim);
    await assert.rejects(restoreVolume({ docker, volume: victim, image: TEST_IMAGE, source: file }), /outside the volume/);
    assert.equal(fingerprint(victim), before);
  });
});

/**
 * Just enough of the Engine API on a unix socket for a backup: the volume and
 * image exist, a container is created, and its archive stream starts and is
 * then cut (socket destroyed, or a clean close before the tar is complete).
 */
async function fakeEngine(socket: string, mode: 'reset' | 'clean-close', archive: Buffer): Promise<{ server: Server; calls: string[] }> {
  const calls: string[] = [];
  const server = createServer((req, res) => {
    calls.push(`${req.method} ${req.url}`);
    const url = req.url ?? '';
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && /\/volumes\//.test(url)) return json(200, { Name: 'v', Driver: 'local' });
    if (req.method === 'GET' && /\/images\/.*\/json/.test(url)) return json(200, { Id: 'sha256:img' });
    if (req.method === 'POST' && /\/containers\/create/.test(url)) return json(201, { Id: 'fakehelper', Warnings: [] });
    if (req.method === 'DELETE' && /\/containers\/fakehelper/.test(url)) {
      res.writeHead(204);
      return res.end();
    }
    if (req.method === 'GET' && /\/containers\/fakehelper\/archive/.test(url)) {
      const half = archive.subarray(0, Math.floor(archive.length / 2));
      if (mode === 'reset') {
        res.writeHead(200, { 'Content-Type': 'application/x-tar' }); // chunked
        res.write(half, () => setTimeout(() => res.socket?.destroy(), 50));
      } else {
        // No length, no chunking: the body ends when the connection closes, which looks like a normal end.
        res.useChunkedEncodingByDefault = false;
        res.writeHead(200, { 'Content-Type': 'application/x-tar', Connection: 'close' });
        res.end(half);
      }
      return;
    }
    json(404, { message: `fake engine: no ${req.method} ${url}` });
  });
  await new Promise<void>((r) => server.listen(socket, r));
  return { server, calls };
}

describe('backup when the engine stops mid-stream', { timeout: 60_000 }, () => {
  let dir: string;
  let archive: Buffer;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dockhand-fault-'));
    archive = await tarOf([
      { name: './', type: 'directory' },
      { name: './big.bin', body: randomBytes(256 * 1024) },
      { name: './after.txt', body: Buffer.from('after') },
    ]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const mode of ['reset', 'clean-close'] as const) {
    it(`${mode === 'reset' ? 'a connection reset' : 'a connection closed early but cleanly'}: the backup fails and no file is left`, async () => {
      const socket = join(dir, `${mode}.sock`);
      const { server, calls } = await fakeEngine(socket, mode, archive);
      try {
        const docker = new Docker({ socketPath: socket });
        const target = join(dir, `${mode}.tar`);
        const moved: number[] = [];
        await assert.rejects(
          backupVolume({ docker, volume: 'v', image: TEST_IMAGE, target, onProgress: (n) => moved.push(n) }),
          (e: unknown) => e instanceof Error && e.message.length > 0,
        );
        assert.ok(moved.length > 0, 'some bytes had arrived before the engine stopped');
        assert.equal(existsSync(target), false, 'no file at the target');
        assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.tar') || n.includes('partial')), [], 'no partial file left');
        assert.ok(calls.some((c) => c.startsWith('DELETE /containers/fakehelper')), 'the helper container is removed even so');
      } finally {
        await new Promise((r) => server.close(r));
        server.closeAllConnections?.();
      }
    });
  }
});
