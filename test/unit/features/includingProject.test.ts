// A file another project includes is run in that project (server/src/model/includingProject.ts): what the
// client runs it with (dockhand/projectInfo) and the topology view are that project's, while its diagnostics
// stay the file's own, as Compose loads an included file on its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from '../../support/fixture';

const SHOP = 'include:\n  - ./db/compose.yaml\nservices:\n  api:\n    image: example/api\n    depends_on: [postgres]\n';
const DB = 'services:\n  postgres:\n    image: postgres:16\n    volumes: ["pgdata:/var/lib/postgresql/data"]\nvolumes:\n  pgdata: {}\n';

test('an included file runs in the project that includes it: its name, folder and files, with the places of the services the file itself defines', (t) => {
  const fx = fixture(t, { 'compose.yaml': SHOP, 'db/compose.yaml': DB });
  const db = fx.uri('db/compose.yaml');
  fx.open('db/compose.yaml');
  const info = fx.service.projectInfo(db, 'places')!;
  assert.equal(info.includedBy, fx.path('compose.yaml'));
  assert.equal(info.projectName, 'myapp');
  assert.equal(info.workingDirectory, fx.dir);
  assert.deepEqual(info.files, [fx.path('compose.yaml')]);
  // The lenses go on this file's own services and its `services:` key.
  assert.deepEqual(info.servicePlaces?.map((s) => [s.name, s.range.start.line]), [['postgres', 1]]);
  assert.deepEqual(info.servicesRange?.start, { line: 0, character: 0 });
  // Compose names the included file's volume after the including project.
  assert.deepEqual(info.volumes.map((v) => v.fullName), ['myapp_pgdata']);
  assert.deepEqual(fx.service.projectInfo(db)!.services.map((s) => s.name).sort(), ['api', 'postgres']);
  assert.equal(fx.service.topology(db)?.projectName, 'myapp');
  // Its containers and volumes are named after the including project, wherever a name is shown.
  assert.match(JSON.stringify(fx.hover('services:\n  postgres:\n    image: postgres:16\n    volumes: ["pg$0data:/var/lib/postgresql/data"]\nvolumes:\n  pgdata: {}\n', 'db/compose.yaml')?.contents), /Full name: `myapp_pgdata`/);
  assert.equal(fx.workspace.project(db).name.name, 'myapp');
  // Checked as Compose loads it, on its own: nothing of the including file is its.
  assert.deepEqual(fx.diagnostics(undefined, 'db/compose.yaml'), []);
  // The including file itself is its own project's main file, included by none.
  assert.equal(fx.service.projectInfo(fx.uri('compose.yaml'), 'places')!.includedBy, undefined);
});

test('a file no project includes runs on its own, also beside or below a main file that includes something else', (t) => {
  const fx = fixture(t, {
    'compose.yaml': 'include:\n  - ./db/compose.yaml\nservices:\n  api:\n    image: example/api\n',
    'db/compose.yaml': DB,
    'tools/compose.yaml': 'services:\n  lint:\n    image: example/lint\n',
    'extra.yaml': 'services:\n  cache:\n    image: redis\n',
  });
  for (const file of ['tools/compose.yaml', 'extra.yaml']) {
    const info = fx.service.projectInfo(fx.uri(file), 'places')!;
    assert.equal(info.includedBy, undefined, file);
  }
  assert.equal(fx.service.projectInfo(fx.uri('tools/compose.yaml'), 'places')!.projectName, 'tools');
});

test('a file included beside its main file, or two folders down through a nested include, runs in the outermost project that includes it', (t) => {
  const fx = fixture(t, {
    'compose.yaml': 'include:\n  - ./db.yaml\n  - ./stack/compose.yaml\nservices:\n  api:\n    image: example/api\n',
    'db.yaml': 'services:\n  postgres:\n    image: postgres:16\n',
    'stack/compose.yaml': 'include:\n  - ./cache/compose.yaml\nservices:\n  worker:\n    image: example/worker\n',
    'stack/cache/compose.yaml': 'services:\n  redis:\n    image: redis\n',
  });
  assert.equal(fx.service.projectInfo(fx.uri('db.yaml'), 'places')!.includedBy, fx.path('compose.yaml'));
  // stack/compose.yaml includes it, and the top file includes that: run from the top, the three are one project.
  const cache = fx.service.projectInfo(fx.uri('stack/cache/compose.yaml'), 'places')!;
  assert.equal(cache.includedBy, fx.path('compose.yaml'));
  assert.equal(cache.projectName, 'myapp');
  assert.equal(fx.service.projectInfo(fx.uri('stack/compose.yaml'), 'places')!.includedBy, fx.path('compose.yaml'));
});

test('a file a main file only takes services from with extends is a fragment of that project (extendedBy), not one a main file of its own folder or one also included', (t) => {
  const fx = fixture(t, {
    'compose.yaml': 'services:\n  proxy:\n    extends:\n      file: compose.base.yaml\n      service: proxy\n  web:\n    extends:\n      file: ./common/base.yaml\n      service: base\n  api:\n    extends:\n      file: ./shared/compose.yaml\n      service: app\n  db:\n    extends:\n      file: db.yaml\n      service: postgres\ninclude:\n  - ./db.yaml\n',
    'common/base.yaml': 'services:\n  base:\n    image: nginx\n',
    'compose.base.yaml': 'services:\n  proxy:\n    image: traefik\n',
    'shared/compose.yaml': 'services:\n  app:\n    image: example/app\n',
    'db.yaml': 'services:\n  postgres:\n    image: postgres:16\n',
    'other/lonely.yaml': 'services:\n  x:\n    image: busybox\n',
  });
  const info = (file: string) => fx.service.projectInfo(fx.uri(file), 'places')!;
  assert.equal(info('common/base.yaml').extendedBy, fx.path('compose.yaml'));
  assert.equal(info('common/base.yaml').includedBy, undefined);
  // A variant beside the main file (named like a Compose file, as the client opens it as one).
  assert.equal(info('compose.base.yaml').extendedBy, fx.path('compose.yaml'));
  // The main file of its own folder: a project of its own, which another may extend too.
  assert.equal(info('shared/compose.yaml').extendedBy, undefined);
  // Included as well: it runs in the including project (includedBy), so it is not a fragment.
  assert.equal(info('db.yaml').extendedBy, undefined);
  assert.equal(info('db.yaml').includedBy, fx.path('compose.yaml'));
  assert.equal(info('other/lonely.yaml').extendedBy, undefined);
  assert.equal(info('compose.yaml').extendedBy, undefined);
});
