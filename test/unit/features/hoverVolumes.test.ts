import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { fixture } from '../../support/fixture';

const f = fixture(after, { 'conf/app.ini': 'x=1\n' });

const doc = (volumes: string, tail = 'volumes:\n  dbdata: {}\n  old:\n    external: true\n') => `services:\n  db:\n    volumes:\n${volumes}\n${tail}`;

test('a named volume: full name, managed by Docker, survives down unless down -v', () => {
  const value = f.hoverText(doc('      - db$0data:/var/lib/postgresql/data'));
  assert.match(value, /\*\*Named volume\*\* `dbdata` at `\/var\/lib\/postgresql\/data` in `db`/);
  assert.match(value, /Full name: `myapp_dbdata`/);
  assert.match(value, /survives `docker compose down`; `docker compose down -v` deletes it/);
  assert.match(value, /read-write/);
});

test('an external volume keeps its name and is not removed', () => {
  const value = f.hoverText(doc('      - ol$0d:/data:ro'));
  assert.match(value, /Full name: `old`, external/);
  assert.match(value, /read-only/);
  assert.ok(!value.includes('down -v'));
});

test('an undeclared named volume is flagged', () => {
  assert.match(f.hoverText(doc('      - mis$0sing:/data')), /not declared under the top-level `volumes:`/);
});

test('a bind mount: host path resolved against the file folder, exists or not, read-only', () => {
  const existing = f.hoverText(doc('      - ./co$0nf:/etc/app:ro'));
  assert.match(existing, new RegExp(`Host path: \`${path.join(f.dir, 'conf').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\``));
  assert.match(existing, /The path exists on this machine/);
  assert.match(existing, /read-only/);
  const missing = f.hoverText(doc('      - ./nope$0:/data'));
  assert.match(missing, /does not exist yet: Docker creates it/);
});

test('long syntax: type, source, read_only', () => {
  const named = f.hoverText(doc('      - type: volume\n        source: dbd$0ata\n        target: /data\n        read_only: true'));
  assert.match(named, /Named volume\*\* `dbdata` at `\/data`/);
  assert.match(named, /read-only/);
  const bind = f.hoverText(doc('      - type: bind\n        source: ./missing$0\n        target: /data'));
  assert.match(bind, /create_host_path/);
});

test('an anonymous volume', () => {
  assert.match(f.hoverText(doc('      - /va$0r/cache')), /Anonymous volume/);
});
