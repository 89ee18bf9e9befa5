// scripts/compose-v2.mjs reads the Debian mirror this machine's apt uses, to
// fetch Compose v2 through a private source list naming the same mirror.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-ignore: plain ESM script without types; its exports are documented there.
import { machineDebianMirror } from '../../scripts/compose-v2.mjs';

function etcApt(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dockhand-apt-'));
  mkdirSync(join(dir, 'sources.list.d'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

test('deb822 sources: the release suite of a Debian mirror, not security or a third-party repository', () => {
  const dir = etcApt({
    'sources.list.d/nodesource.sources': 'Types: deb\nURIs: https://deb.nodesource.com/node_20.x\nSuites: nodistro\nComponents: main\n',
    'sources.list.d/debian.sources':
      'Types: deb\nURIs: http://mirror.example/debian-security\nSuites: bookworm-security\nComponents: main\n\n' +
      'Types: deb\nURIs: http://mirror.example/debian/\nSuites: bookworm bookworm-updates\nComponents: main\nSigned-By: /nonexistent/key.gpg\n',
  });
  try {
    const mirror = machineDebianMirror(dir);
    assert.equal(mirror.uri, 'http://mirror.example/debian');
    // A keyring that is not there falls back to Debian's own.
    assert.equal(mirror.signedBy, '/usr/share/keyrings/debian-archive-keyring.gpg');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('one-line sources.list, and deb.debian.org when nothing names a Debian mirror', () => {
  const dir = etcApt({ 'sources.list': '# comment\ndeb-src http://src.example/debian bookworm main\ndeb [arch=amd64] http://ftp.example/debian bookworm main contrib\n' });
  const empty = etcApt({});
  try {
    assert.equal(machineDebianMirror(dir).uri, 'http://ftp.example/debian');
    assert.equal(machineDebianMirror(empty).uri, 'http://deb.debian.org/debian');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  }
});
