import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseCompose } from '../../../server/src/model/document';
import { buildFileModel } from '../../../server/src/model/fileModel';
import { ComposeProject, type ProjectFile } from '../../../server/src/model/project';
import { fixture } from '../../support/fixture';

function model(text: string) {
  return buildFileModel(parseCompose('file:///p/compose.yaml', text));
}

test('references of every kind, with the name range only', () => {
  const text = [
    'services:',
    '  web:',
    '    depends_on: [db]',
    '    links: ["db:database"]',
    '    network_mode: service:db',
    '    volumes_from: [db, "container:x", "db:ro"]',
    '    networks: [front]',
    '    volumes: ["data:/var/lib", "./src:/src", {type: volume, source: logs, target: /l}]',
    '    secrets: [token]',
    '    configs: [{source: conf, target: /c}]',
    '    extends: {service: base, file: other.yaml}',
    '  db:',
    '    depends_on:',
    '      web: {condition: service_started}',
  ].join('\n');
  const m = model(text);
  const refs = m.references.map((r) => `${r.kind}:${r.name}:${text.slice(r.range[0], r.range[1])}:${r.via}`);
  assert.deepEqual(refs, [
    'service:db:db:depends_on',
    'service:db:db:links',
    'service:db:db:network_mode',
    'service:db:db:volumes_from',
    'service:db:db:volumes_from',
    'network:front:front:networks',
    'volume:data:data:volumes',
    'volume:logs:logs:volumes',
    'secret:token:token:secrets',
    'config:conf:conf:configs',
    'service:base:base:extends',
    'service:web:web:depends_on',
  ]);
  assert.equal(m.references.find((r) => r.via === 'extends')?.file, 'other.yaml');
  assert.deepEqual(m.definitions.map((d) => `${d.kind}:${d.name}`), ['service:web', 'service:db']);
});

test('anchors, aliases and the legacy layout', () => {
  const m = model('x-base: &base\n  image: a\nservices:\n  web:\n    <<: *base\n');
  assert.deepEqual(m.anchors.map((a) => `${a.name}:${a.isDefinition}`), ['base:true', 'base:false']);
  assert.equal(m.legacyLayout, false);
  assert.equal(model('web:\n  image: nginx\ndb:\n  image: postgres\n').legacyLayout, true);
});

test('a project spans the override, includes and extends files, with .env', (t) => {
  const fx = fixture(t, `#- compose.yaml
services:
  web:
    image: nginx
    networks: [front]
include:
  - db/compose.yaml

#- compose.override.yaml
services:
  web:
    extends: {file: base.yaml, service: base}
networks:
  front: {}

#- base.yaml
services:
  base:
    image: busybox

#- db/compose.yaml
services:
  db:
    image: postgres

#- .env
COMPOSE_PROJECT_NAME=Shop
TAG=1.2
`);
  const project = fx.workspace.project(fx.uri('compose.override.yaml'));
  assert.deepEqual(project.files.map((f) => `${path.relative(fx.dir, f.path)}:${f.role}`), [
    'compose.yaml:main',
    'compose.override.yaml:override',
    'db/compose.yaml:include',
    'base.yaml:extends',
  ]);
  assert.equal(project.name.name, 'shop');
  assert.deepEqual(project.names('service').sort(), ['db', 'web']);
  assert.equal(project.definitions('network', 'front').length, 1);
  assert.equal(project.references('network', 'front').length, 1);
  assert.deepEqual(project.variable('TAG'), { value: '1.2', source: '.env', file: fx.path('.env'), line: 1 });
  assert.equal(project.resourceName('front', undefined), 'shop_front');
});

test('the --project-name Compose is run with (dockhand.compose.projectName) names the project until it is cleared', (t) => {
  const fx = fixture(t, `#- compose.yaml
name: named
services:
  web:
    image: nginx

#- .env
COMPOSE_PROJECT_NAME=fromenv
`);
  const uri = fx.uri('compose.yaml');
  assert.deepEqual(fx.workspace.project(uri).name, { name: 'fromenv', source: 'COMPOSE_PROJECT_NAME' });
  // The option wins over COMPOSE_PROJECT_NAME and name:, normalised as Compose names projects.
  fx.service.configureProjectName(' Staging.Shop ');
  assert.deepEqual(fx.workspace.project(uri).name, { name: 'stagingshop', source: '--project-name' });
  assert.equal(fx.workspace.project(uri).resourceName('default', undefined), 'stagingshop_default');
  fx.service.configureProjectName('');
  assert.deepEqual(fx.workspace.project(uri).name, { name: 'fromenv', source: 'COMPOSE_PROJECT_NAME' });
});

test('name: written with variables is the name they give, from the environment, .env or the default, as Compose reads it; one that gives nothing leaves the folder\'s', (t) => {
  const named = (name: string, env = '', environment: Record<string, string> = {}) => {
    const fx = fixture(t, { 'compose.yaml': `name: ${name}\nservices:\n  web:\n    image: nginx\n`, ...(env ? { '.env': env } : {}) }, { env: environment });
    const project = fx.workspace.project(fx.uri('compose.yaml'));
    return [project.name.name, project.resourceName('data', undefined)];
  };
  assert.deepEqual(named('${STACK:-Shop}'), ['shop', 'shop_data']);
  assert.deepEqual(named('${STACK}', 'STACK=fromdotenv\n'), ['fromdotenv', 'fromdotenv_data']);
  assert.deepEqual(named('${STACK:-shop}', 'STACK=fromdotenv\n', { STACK: 'fromshell' }), ['fromshell', 'fromshell_data']);
  // Compose refuses it (`invalid-format` says so); what runs it meanwhile is named after the folder.
  assert.deepEqual(named('${STACK:-}'), ['myapp', 'myapp_data']);
});

test('a name defined in two files lists both, and a project of one of them still lists one', () => {
  const file = (name: string, role: ProjectFile['role']): ProjectFile => {
    const uri = `file:///p/${name}`;
    return { path: `/p/${name}`, uri, role, model: buildFileModel(parseCompose(uri, 'services:\n  web:\n    image: nginx\n')) };
  };
  const main = file('compose.yaml', 'main');
  const override = file('compose.override.yaml', 'override');
  const project = (files: ProjectFile[]) => new ComposeProject('/p', { name: 'p', source: 'folder' } as never, files, new Map(), undefined, {});
  const alone = project([main]);
  assert.equal(alone.definitions('service', 'web').length, 1);
  // Definitions carry over between projects (an edit builds a new one); the merged project must not add to the main file's list.
  const merged = project([main, override]);
  assert.deepEqual(merged.definitions('service', 'web').map((d) => d.uri), [main.uri, override.uri]);
  assert.equal(alone.definitions('service', 'web').length, 1);
  assert.equal(project([main]).definitions('service', 'web').length, 1);
  assert.deepEqual(project([main, override, file('compose.prod.yaml', 'override')]).definitions('service', 'web').length, 3);
});
