// The rules that look on disk for the paths a service names: a build's
// context and Dockerfile, a bind mount's source, a secret's or config's file. Each verdict is
// also held to Compose and the engine in test/docker/disk-paths.test.ts.
import { test } from 'node:test';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { fixture } from '../../support/fixture';

test('missing-build-context and missing-dockerfile: a build from a folder that is not there, or a Dockerfile it does not hold, is an error; remote contexts, inline Dockerfiles and unknown variables are not judged', (t) => {
  const fx = fixture(t, {
    'compose.yaml': `services:
  a:
    build: ./nope
  b:
    build:
      context: ./app
      dockerfile: missing.Dockerfile
  c:
    build: ./empty
  d:
    build:
      context: ./app
  e:
    build:
      context: ./app
      dockerfile: web.Dockerfile
  f:
    build: https://github.com/docker/compose.git#main
  g:
    build:
      context: ./empty
      dockerfile_inline: FROM busybox
  h:
    build: \${CONTEXT}
`,
    'app/Dockerfile': 'FROM busybox\n',
    'app/web.Dockerfile': 'FROM busybox\n',
    'empty/.keep': '',
  });
  const found = (code: string) => fx.diagnostics(code).map((d) => [d.range.start.line, d.severity]);
  assert.deepEqual(found('missing-build-context'), [[2, DiagnosticSeverity.Error]]);
  assert.deepEqual(found('missing-dockerfile'), [[6, DiagnosticSeverity.Error], [8, DiagnosticSeverity.Error]]);
  assert.match(String(fx.diagnostics('missing-dockerfile')[1]!.message), /empty\/Dockerfile does not exist.*Add a Dockerfile to the context/);
});

test('missing-bind-source: a long-syntax bind mount whose relative source does not exist is a warning; short syntax, create_host_path, absolute and existing paths are not', (t) => {
  const bind = (source: string, extra = '') => `      - type: bind\n        source: ${source}\n        target: /x\n${extra}`;
  const fx = fixture(t, {
    'compose.yaml': `services:
  web:
    image: x
    volumes:
${bind('./missing')}${bind('data')}${bind('./made', '        bind:\n          create_host_path: true\n')}${bind('/srv/elsewhere')}${bind('${DATA_DIR}')}      - ./short:/y
`,
    'data/keep.txt': '',
  });
  const list = fx.diagnostics('missing-bind-source');
  assert.deepEqual(list.map((d) => [d.range.start.line, d.severity]), [[5, DiagnosticSeverity.Warning]]);
  assert.match(String(list[0]!.message), /\.\/missing does not exist: a bind mount in the long syntax does not create its source/);
});

test('missing-bind-source in the short syntax: a missing source named as a file (the engine would mount an empty folder in its place) is a warning at the source; folders, conf.d, hidden names, absolute and existing paths are not', (t) => {
  const fx = fixture(t, {
    'compose.yaml': `services:
  web:
    image: x
    volumes:
      - ./nginx.conf:/etc/nginx/nginx.conf:ro
      - "./init/schema.sql:/docker-entrypoint-initdb.d/schema.sql"
      - ./data:/data
      - ./conf.d:/etc/nginx/conf.d
      - ./.cache:/root/.cache
      - ./node-1.2:/opt/node
      - ./present.conf:/etc/present.conf
      - /etc/hosts.conf:/etc/x.conf
      - \${CONF}/app.conf:/etc/app.conf
      - cache.vol:/cache
`,
    'present.conf': 'x',
  });
  const list = fx.diagnostics('missing-bind-source');
  assert.deepEqual(list.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.severity]), [
    [4, 8, 20, DiagnosticSeverity.Warning],
    [5, 9, 26, DiagnosticSeverity.Warning],
  ]);
  assert.match(String(list[0]!.message), /\.\/nginx\.conf does not exist: at `up` the engine makes it an empty folder/);
});

test('missing-bind-source with variables: the entry is read with the project\'s .env and defaults first, as Compose reads it; a variable nothing sets is left to unset-variable', (t) => {
  const fx = fixture(t, {
    'compose.yaml': `services:
  web:
    image: nginx
    volumes:
      - \${CONF:-./nginx.conf}:/etc/nginx/nginx.conf:ro
      - \${DATA:-./data}:/data
      - type: bind
        source: \${SITE:-./site}
        target: /usr/share/nginx/html
      - \${UNSET}/x.conf:/x.conf
`,
  });
  const found = () => fx.diagnostics('missing-bind-source').map((d) => [d.range.start.line, String(d.message).split(' does not exist')[0]]);
  // A file's name in the short syntax and any long-syntax source; not a folder's name in the short syntax (the engine makes it).
  assert.deepEqual(found(), [[4, './nginx.conf (from ${CONF:-./nginx.conf}:/etc/nginx/nginx.conf:ro)'], [7, './site (from ${SITE:-./site})']]);
  // .env points them at what is there: nothing to say.
  fx.write('conf/nginx.conf', '');
  fx.write('public/index.html', '');
  fx.write('.env', 'CONF=./conf/nginx.conf\nSITE=./public\n');
  fx.service.filesChanged();
  assert.deepEqual(found(), []);
});

test('missing-secret-file and missing-config-file: a file a used secret or config is read from that does not exist is a warning; unused, external, absolute, interpolated and existing files are not', (t) => {
  const fx = fixture(t, {
    'compose.yaml': `services:
  web:
    image: x
    secrets: [token, unused_ok, present, abs, vars, outside]
    configs:
      - source: settings
        target: /etc/app.conf
secrets:
  token:
    file: ./secrets/token.txt
  unused:
    file: ./nope.txt
  present:
    file: ./secrets/present.txt
  abs:
    file: /run/elsewhere.txt
  vars:
    file: \${SECRETS}/x.txt
  outside:
    external: true
configs:
  settings:
    file: app.conf
`,
    'secrets/present.txt': 'x',
  });
  const found = (code: string) => fx.diagnostics(code).map((d) => [d.range.start.line, d.severity]);
  assert.deepEqual(found('missing-secret-file'), [[9, DiagnosticSeverity.Warning]]);
  assert.deepEqual(found('missing-config-file'), [[22, DiagnosticSeverity.Warning]]);
  assert.match(String(fx.diagnostics('missing-secret-file')[0]!.message), /\.\/secrets\/token\.txt does not exist: the secret "token" is read from it/);
});

test('missing-secret-file with a path written with variables: looked for where the .env and defaults put it, and made there by the quick fix', (t) => {
  const fx = fixture(t, {
    'compose.yaml': 'services:\n  web:\n    image: x\n    secrets: [db]\nsecrets:\n  db:\n    file: ${SECRET_DIR:-./secrets}/db.txt\n',
  });
  const [finding] = fx.diagnostics('missing-secret-file');
  assert.match(String(finding!.message), /^\$\{SECRET_DIR:-\.\/secrets\}\/db\.txt \(\.\/secrets\/db\.txt here\) does not exist: the secret "db" is read from it/);
  const actions = fx.service.codeActions(fx.uri('compose.yaml'), finding!.range, [finding!]);
  assert.deepEqual(actions.map((a) => a.title), ['Create ./secrets/db.txt, empty']);
  assert.deepEqual(fx.apply(actions[0]!.edit!), { 'secrets/db.txt': '' });
  // .env puts it where it is: nothing to say.
  fx.write('keys/db.txt', 'x');
  fx.write('.env', 'SECRET_DIR=./keys\n');
  fx.service.filesChanged();
  assert.deepEqual(fx.diagnostics('missing-secret-file'), []);
});

test('a missing file made afterwards is found once the client reports a change on disk (what the disk said is kept a moment between runs)', (t) => {
  const fx = fixture(t, {
    'compose.yaml': 'services:\n  web:\n    image: x\n    secrets: [token]\nsecrets:\n  token:\n    file: ./token.txt\n',
  });
  assert.equal(fx.diagnostics('missing-secret-file').length, 1);
  fx.write('token.txt', 's3cret\n');
  fx.service.filesChanged();
  assert.deepEqual(fx.diagnostics('missing-secret-file'), []);
});

test('a change on disk counts where a project looked or read: the secret file itself, a folder above it, a Dockerfile read for its stages, any Compose-like file; not a file no project reads', (t) => {
  const fx = fixture(t, {
    'compose.yaml': 'services:\n  web:\n    build:\n      context: ./app\n      target: prod\n    secrets: [token]\nsecrets:\n  token:\n    file: ./keys/token.txt\n',
    'app/Dockerfile': 'FROM busybox AS build\n',
    'notes.txt': 'x',
  });
  const path = (name: string) => join(fx.dir, name);
  assert.equal(fx.diagnostics('missing-secret-file').length, 1);
  assert.equal(fx.diagnostics('unknown-build-target').length, 1);
  assert.equal(fx.service.filesChanged([path('notes.txt'), path('app/src/main.go'), path('other')]), false, 'nothing a project reads');
  fx.write('keys/token.txt', 's3cret\n');
  assert.equal(fx.service.filesChanged([path('keys')]), true, 'the folder holding a missing file was made');
  assert.deepEqual(fx.diagnostics('missing-secret-file'), []);
  fx.write('app/Dockerfile', 'FROM busybox AS build\nFROM busybox AS prod\n');
  assert.equal(fx.service.filesChanged([path('app/Dockerfile')]), true, 'the Dockerfile read for its stages');
  assert.deepEqual(fx.diagnostics('unknown-build-target'), []);
  assert.equal(fx.service.filesChanged([path('deploy/compose.prod.yaml')]), true, 'a Compose-like file may join any project');
});

test('unset-variable: an env file line requiring a variable nothing sets is a warning at its env_file entry (the .env, at the first key), once per variable; set in .env or above in the file, nothing', (t) => {
  const fx = fixture(t, {
    'compose.yaml': 'services:\n  web:\n    image: x\n    env_file:\n      - app.env\n      - set.env\n',
    '.env': 'TAG=1\nURL=http://${HOST:?set HOST}/x\nAGAIN=${HOST:?}\n',
    'app.env': 'A=${NOPE?need NOPE}\nB=\'${SINGLE:?}\'\n',
    'set.env': 'X=${TAG:?}\nY=1\nZ=${Y:?}\n',
  });
  const list = fx.diagnostics('unset-variable');
  assert.deepEqual(list.map((d) => [d.range.start.line, d.severity]), [[0, DiagnosticSeverity.Warning], [4, DiagnosticSeverity.Warning]]);
  assert.match(String(list[0]!.message), /^\.env, line 2, requires HOST, which is not set .*"required variable HOST is missing a value: set HOST"/);
  assert.match(String(list[1]!.message), /^app\.env, line 1, requires NOPE, .*"required variable NOPE is missing a value: need NOPE"/);
  assert.deepEqual(list.map((d) => d.relatedInformation?.map((r) => [r.location.uri.split('/').pop(), r.location.range.start.line])), [[['.env', 1]], [['app.env', 0]]]);
});

test('unknown-build-target: a target no stage of the Dockerfile is named (compared in any case) is an error with the stages and a fix; an inline Dockerfile is read too; variables are not judged', (t) => {
  const fx = fixture(t, {
    'compose.yaml': `services:
  a:
    build:
      context: ./app
      target: prodd
  b:
    build:
      context: ./app
      target: PROD
  c:
    build:
      context: ./app
      dockerfile_inline: |
        FROM busybox AS one
      target: two
  d:
    build:
      context: ./app
      target: \${TARGET}
`,
    'app/Dockerfile': 'FROM busybox AS base\nFROM base AS Prod\nRUN true\n',
  });
  const list = fx.diagnostics('unknown-build-target');
  assert.deepEqual(list.map((d) => [d.range.start.line, d.severity]), [[4, DiagnosticSeverity.Error], [14, DiagnosticSeverity.Error]]);
  assert.match(String(list[0]!.message), /No stage of the Dockerfile is named 'prodd'.*Its stages are 'base', 'prod'\. Did you mean 'prod'\?$/);
  const fixes = fx.service.codeActions(fx.uri('compose.yaml'), list[0]!.range, [list[0]!]).map((a) => a.title);
  assert.deepEqual(fixes, ["Change 'prodd' to 'prod'", "Change 'prodd' to 'base'"]);
});

test('unknown-build-arg: a build argument no ARG of the Dockerfile declares is a warning, with the nearest ARG as a fix; declared ones, the builder\'s own, merged ones and variables are not', (t) => {
  const fx = fixture(t, {
    'compose.yaml': `x-args: &shared
  SHARED_ONLY: "1"
services:
  a:
    build:
      context: ./app
      args:
        NODE_VERSON: "20"
        GIT_SHA: abc
        HTTP_PROXY: http://proxy:3128
        BUILDKIT_INLINE_CACHE: "1"
        <<: *shared
  b:
    build:
      context: ./app
      args:
        - NODE_VERSION=22
        - LEFTOVER=1
        - "NODE_VERSIO=2"
        - \${DYNAMIC}=1
  c:
    build:
      context: ./app
      dockerfile_inline: FROM busybox
      args:
        ANY: x
`,
    'app/Dockerfile': 'ARG NODE_VERSION=20\nFROM busybox\nARG GIT_SHA\nRUN echo $GIT_SHA\n',
  });
  const list = fx.diagnostics('unknown-build-arg');
  const at = (d: (typeof list)[number]) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character}`;
  assert.deepEqual(list.map(at), ['7:8-19', '17:10-18', '18:11-22', '25:8-11']);
  assert.ok(list.every((d) => d.severity === DiagnosticSeverity.Warning));
  assert.match(String(list[0]!.message), /^The Dockerfile declares no ARG NODE_VERSON: building service "a" ignores this value\. Did you mean 'NODE_VERSION'\?$/);
  assert.match(String(list[1]!.message), /no ARG LEFTOVER.*It declares 'NODE_VERSION', 'GIT_SHA'\.$/);
  assert.match(String(list[3]!.message), /It declares no ARG at all\.$/);
  const fixes = (d: (typeof list)[number]) => fx.service.codeActions(fx.uri('compose.yaml'), d.range, [d]).map((a) => a.title);
  assert.deepEqual(fixes(list[0]!), ["Change 'NODE_VERSON' to 'NODE_VERSION'"]);
  assert.deepEqual(fixes(list[2]!), ["Change 'NODE_VERSIO' to 'NODE_VERSION'"]);
  assert.deepEqual(fixes(list[1]!), []);
});

test('invalid-env-file: an env file, optional or not, or the project\'s .env with a line Compose refuses is an error naming the line; files Compose reads are not', (t) => {
  const fx = fixture(t, {
    'compose.yaml': `services:
  web:
    image: x
    env_file:
      - good.env
      - spaced.env
      - path: quoted.env
        required: false
      - path: absent.env
        required: false
`,
    'good.env': '# settings\nexport A=1\nB = two\nC="multi\nline"\nD:yaml-style\nÄ=1\n',
    'spaced.env': 'A=1\nMY VAR=2\n',
    'quoted.env': "PASSWORD='s3cret\n",
    '.env': 'TAG=1\nBAD!=2\n',
  });
  const list = fx.diagnostics('invalid-env-file');
  assert.deepEqual(list.map((d) => [d.range.start.line, d.severity]), [[0, DiagnosticSeverity.Error], [5, DiagnosticSeverity.Error], [6, DiagnosticSeverity.Error]]);
  assert.match(String(list[0]!.message), /^\.env, line 2: unexpected character "!" in variable name\. Compose refuses to load the project/);
  assert.match(String(list[1]!.message), /^spaced\.env, line 2: key cannot contain a space/);
  assert.match(String(list[2]!.message), /^quoted\.env, line 1: unterminated quoted value/);
  // Each points at the line refused, in its file, for the Problems view to link to.
  const related = list.map((d) => d.relatedInformation?.map((r) => [r.location.uri.split('/').pop(), r.location.range.start.line, r.location.range.end.character]));
  assert.deepEqual(related, [[['.env', 1, 6]], [['spaced.env', 1, 8]], [['quoted.env', 0, 16]]]);
});

test('an env file or label file that is a folder is an error, optional or not: Compose reads it and refuses ("is a directory"); a file beside it is read as usual', (t) => {
  const fx = fixture(t, {
    'compose.yaml': 'services:\n  web:\n    image: x\n    env_file:\n      - conf\n      - path: conf/\n        required: false\n      - conf/app.env\n    label_file: conf\n',
    'conf/app.env': 'A=1\n',
  });
  const found = fx.diagnostics().filter((d) => /is a folder/.test(String(d.message))).map((d) => [d.code, d.range.start.line, d.severity]);
  assert.deepEqual(found, [['invalid-env-file', 4, 1], ['invalid-env-file', 5, 1], ['missing-label-file', 8, 1]]);
  assert.match(String(fx.diagnostics('invalid-env-file')[0]!.message), /^env file conf is a folder, not a file: Compose refuses to load the project \("read .*conf: is a directory"/);
  assert.deepEqual(fx.diagnostics().filter((d) => d.range.start.line === 7), [], 'the file inside is read as usual');
});

test('missing-build-context: a file named as the context (build: ./app/Dockerfile) says so, and names dockerfile: for a Dockerfile; a folder builds as before', (t) => {
  const fx = fixture(t, {
    'compose.yaml': 'services:\n  web:\n    build: ./app/Dockerfile\n  api:\n    build:\n      context: ./app/notes.txt\n  ok:\n    build: ./app\n',
    'app/Dockerfile': 'FROM alpine\n',
    'app/notes.txt': 'hi\n',
  });
  const found = fx.diagnostics().filter((d) => d.code === 'missing-build-context' || d.code === 'missing-dockerfile');
  assert.deepEqual(found.map((d) => [d.code, d.range.start.line]), [['missing-build-context', 2], ['missing-build-context', 5]]);
  assert.match(String(found[0]!.message), /^The build context app\/Dockerfile is a file, not a folder: .*Name the folder to build in, and the Dockerfile with dockerfile: when it has another name\.$/);
  assert.match(String(found[1]!.message), /is a file, not a folder: .*Name the folder to build in\.$/);
});
