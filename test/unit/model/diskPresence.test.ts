// DiskPresence answers `existsSync` from folder listings and a 2 s memory:
// the answers must be the disk's, whatever it listed, and it must list a
// folder only once it is asked about a second path in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiskPresence, PRESENCE_KEPT_MS, REAL_DISK, type Disk } from '../../../server/src/model/diskPresence';

function folder(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-presence-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A clock the test moves, and a count of the folder listings made. */
function watched() {
  let now = 1_000_000;
  let listings = 0;
  let questions = 0;
  const counted: Disk = {
    exists: (file) => (questions++, REAL_DISK.exists(file)),
    list: (dir) => (listings++, REAL_DISK.list(dir)),
  };
  const presence = new DiskPresence(counted, () => now);
  return { presence, advance: (ms: number) => (now += ms), listings: () => listings, questions: () => questions };
}

test('answers as the disk does: files, folders, missing names, missing folders', (t) => {
  const dir = folder(t);
  fs.writeFileSync(path.join(dir, 'a.yml'), '');
  fs.mkdirSync(path.join(dir, 'sub'));
  const { presence } = watched();
  const asked = ['a.yml', 'sub', 'b.yml', 'a.yml', 'nope/x.yml', 'nope/y.yml', 'sub/z'].map((p) => path.join(dir, p));
  assert.deepEqual(
    asked.map((p) => presence.exists(p)),
    asked.map((p) => fs.existsSync(p)),
  );
});

test('lists a folder from the second path asked in it, and answers the rest from that listing', (t) => {
  const dir = folder(t);
  for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(dir, `app-${i}.yml`), '');
  const { presence, listings, questions } = watched();
  assert.equal(presence.exists(path.join(dir, 'app-0.yml')), true);
  assert.equal(listings(), 0, 'one path asked: no listing');
  for (let i = 1; i < 20; i++) assert.equal(presence.exists(path.join(dir, `app-${i}.yml`)), true);
  assert.equal(listings(), 1);
  assert.equal(questions(), 1, 'only the first path was asked of the disk');
});

test('a name the listing lacks is asked of the disk: a dangling link is missing, a link to a file is there', (t) => {
  const dir = folder(t);
  fs.writeFileSync(path.join(dir, 'real.yml'), '');
  fs.symlinkSync(path.join(dir, 'real.yml'), path.join(dir, 'link.yml'));
  fs.symlinkSync(path.join(dir, 'gone.yml'), path.join(dir, 'dangling.yml'));
  const { presence } = watched();
  presence.exists(path.join(dir, 'real.yml'));
  assert.equal(presence.exists(path.join(dir, 'link.yml')), true);
  assert.equal(presence.exists(path.join(dir, 'dangling.yml')), false);
});

test('believes what it was told for the window, asks again after it, and forgets at once when told', (t) => {
  const dir = folder(t);
  const file = path.join(dir, 'late.yml');
  const { presence, advance } = watched();
  presence.exists(path.join(dir, 'other.yml'));
  assert.equal(presence.exists(file), false);
  fs.writeFileSync(file, '');
  advance(PRESENCE_KEPT_MS - 1);
  assert.equal(presence.exists(file), false, 'within the window the kept answer stands');
  advance(1);
  assert.equal(presence.exists(file), true, 'past the window the disk is asked again');
  fs.rmSync(file);
  presence.forget();
  assert.equal(presence.exists(file), false);
});

test('after the window every answer is renewed from one new listing of its folder, and sees what changed', (t) => {
  const dir = folder(t);
  for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(dir, `app-${i}.yml`), '');
  const { presence, advance, listings, questions } = watched();
  const files = Array.from({ length: 20 }, (_, i) => path.join(dir, `app-${i}.yml`));
  for (const file of files) presence.exists(file);
  fs.rmSync(files[7]!);
  advance(PRESENCE_KEPT_MS);
  const again = files.map((file) => presence.exists(file));
  assert.deepEqual(again, files.map((file) => fs.existsSync(file)));
  assert.equal(again[7], false, 'the removed file is missing once the window is over');
  assert.equal(listings(), 2, 'one listing in each window');
  // The first path of each window, and the removed one (a name the listing lacks), are asked of the disk itself.
  assert.equal(questions(), 3);
});
