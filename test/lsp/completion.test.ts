import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol';
import { cursorIn, fixture } from '../support/fixture';
import { fileUri, startServer, type LspSession } from './helpers/server';

let server: LspSession;
// Registered before the fixture: `after` hooks run in order, so the server stops before its folder goes.
after(async () => {
  await server.stop();
});
// The project folder (named myapp); each test opens a file of its own in it.
const fx = fixture(after);

before(async () => {
  server = await startServer({ rootUri: fileUri(fx.dir) });
});

let counter = 0;
/** Opens a fresh file with `$0` as the cursor and asks for completion there. */
async function complete(textWithCursor: string): Promise<CompletionItem[]> {
  return (await completeList(textWithCursor)).items;
}

/**
 * The list as VS Code asks for it: with the character just typed (triggerKind 2)
 * or invoked (triggerKind 1, Ctrl+Space and quick suggestions), or no context.
 */
async function completeList(textWithCursor: string, triggerCharacter?: string | null): Promise<CompletionList> {
  const { text, position } = cursorIn(textWithCursor);
  const uri = fileUri(fx.path(`compose.c${++counter}.yaml`));
  server.open(uri, text);
  const context = triggerCharacter === undefined ? undefined : triggerCharacter === null ? { triggerKind: 1 } : { triggerKind: 2, triggerCharacter };
  const reply = await server.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
    textDocument: { uri },
    position,
    ...(context ? { context } : {}),
  });
  server.close(uri);
  assert.ok(reply && !Array.isArray(reply), 'a CompletionList, never null or a bare array');
  return reply;
}

test('depends_on completes the other services over stdio', async () => {
  const items = await complete('services:\n  web:\n    image: nginx\n    depends_on:\n      - $0\n  db:\n    image: postgres\n  cache:\n    image: redis\n');
  assert.deepEqual(items.map((i) => i.label).sort(), ['cache', 'db']);
  const db = items.find((i) => i.label === 'db')!;
  assert.deepEqual(db.textEdit && 'range' in db.textEdit ? db.textEdit.range : undefined, { start: { line: 4, character: 8 }, end: { line: 4, character: 8 } });
});

test('restart values over stdio', async () => {
  const items = await complete('services:\n  web:\n    restart: $0\n');
  for (const value of ['no', 'always', 'on-failure', 'unless-stopped']) assert.ok(items.some((i) => i.label === value), value);
});

test('keys in a service over stdio: filtered, with docs and snippets', async () => {
  const items = await complete('services:\n  web:\n    image: nginx\n    he$0\n');
  const healthcheck = items.find((i) => i.label === 'healthcheck');
  assert.ok(healthcheck, items.map((i) => i.label).join(','));
  assert.ok(!items.some((i) => i.label === 'image'));
  assert.equal(healthcheck.insertTextFormat, 2, 'a snippet: the client said it supports them');
  assert.match(healthcheck.textEdit && 'newText' in healthcheck.textEdit ? healthcheck.textEdit.newText : '', /^healthcheck:\n  test: /);
  assert.equal(typeof healthcheck.documentation === 'object' && healthcheck.documentation.kind, 'markdown');
});

// The trigger policy (server/src/features/completion/triggers.ts), one case per
// character VS Code sends, at the positions a user reaches while typing.
const services = '  db:\n    image: postgres\n  cache:\n    image: redis\n';
const EMPTY = { isIncomplete: false, items: [] };
const triggerCases: { name: string; text: string; character: string | null; expect: string[] | 'empty' }[] = [
  { name: '`:` after a scalar key opens nothing', text: 'services:\n  web:\n    restart:$0\n', character: ':', expect: 'empty' },
  { name: '`:` after a block key opens nothing', text: `services:\n  web:\n    depends_on:$0\n${services}`, character: ':', expect: 'empty' },
  { name: '`:` inside a value keeps going (`service:`)', text: `services:\n  web:\n    network_mode: "service:$0"\n${services}`, character: ':', expect: ['service:db', 'service:cache'] },
  { name: '`:` ending an unquoted value keeps going (YAML reads `service:` as a nested key)', text: `services:\n  web:\n    network_mode: service:$0\n${services}`, character: ':', expect: ['service:db', 'service:cache'] },
  { name: '`:` ending a list item of names opens nothing (a service name holds no colon)', text: `services:\n  web:\n    depends_on:\n      - db:$0\n${services}`, character: ':', expect: 'empty' },
  { name: '` ` after `restart:` opens its values', text: 'services:\n  web:\n    restart: $0\n', character: ' ', expect: ['no', 'always', 'on-failure', 'unless-stopped'] },
  { name: '` ` after `depends_on:` opens nothing (the block goes on the next line)', text: `services:\n  web:\n    depends_on: $0\n${services}`, character: ' ', expect: 'empty' },
  { name: '` ` after `- ` in depends_on opens the services', text: `services:\n  web:\n    depends_on:\n      - $0\n${services}`, character: ' ', expect: ['db', 'cache'] },
  { name: '` ` in a command opens nothing', text: 'services:\n  web:\n    command: echo hello $0\n', character: ' ', expect: 'empty' },
  { name: '` ` in an entrypoint opens nothing', text: 'services:\n  web:\n    entrypoint: /bin/sh -c $0\n', character: ' ', expect: 'empty' },
  { name: '` ` after an environment key opens nothing', text: 'services:\n  web:\n    environment:\n      POSTGRES_PASSWORD: $0\n', character: ' ', expect: 'empty' },
  { name: '` ` that indents opens nothing', text: 'services:\n  web:\n    $0\n', character: ' ', expect: 'empty' },
  { name: '`-` starting an item opens nothing', text: `services:\n  web:\n    depends_on:\n      -$0\n${services}`, character: '-', expect: 'empty' },
  { name: '`-` inside a value keeps filtering', text: 'services:\n  web:\n    restart: on-$0\n', character: '-', expect: ['on-failure'] },
  { name: '`$` opens nothing', text: 'services:\n  web:\n    image: "postgres:$$0"\n', character: '$', expect: 'empty' },
  { name: '`{` after `$` opens the project\'s variables', text: 'services:\n  web:\n    image: "postgres:${$0"\n', character: '{', expect: ['PG_TAG'] },
  { name: '`{` of a flow mapping opens nothing', text: 'services:\n  web:\n    logging: {$0\n', character: '{', expect: 'empty' },
  { name: '`/` inside a value keeps filtering', text: 'services:\n  web:\n    platform: linux/$0\n', character: '/', expect: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'] },
  { name: '`/` starting a value opens nothing', text: 'services:\n  web:\n    build: /$0\n', character: '/', expect: 'empty' },
  { name: '`.` in a command opens nothing', text: 'services:\n  web:\n    command: ./$0\n', character: '.', expect: 'empty' },
  { name: 'invoked on a new key line: the service keys', text: 'services:\n  web:\n    image: nginx\n    rest$0\n', character: null, expect: ['restart'] },
  { name: 'invoked in a command: nothing', text: 'services:\n  web:\n    command: echo hello w$0\n', character: null, expect: 'empty' },
];

for (const c of triggerCases) {
  test(`trigger policy over stdio: ${c.name}`, async () => {
    fx.write('.env', 'PG_TAG=16\n');
    const list = await completeList(c.text, c.character);
    if (c.expect === 'empty') assert.deepEqual(list, EMPTY);
    else assert.deepEqual(list.items.map((i) => i.label), c.expect);
  });
}

test('image: the engine\'s local images from dockhand/imagePorts, filtered by what is typed, replacing it; none inside ${}', async () => {
  const web = (value: string) => `services:\n  web:\n    image: ${value}\n`;
  assert.deepEqual((await completeList(web('ngi$0'), null)).items, [], 'nothing known: nothing offered');
  await server.connection.sendNotification('dockhand/imagePorts', {
    images: [
      { names: ['nginx:1.25', 'docker.io/library/nginx:1.25'], exposedPorts: ['80/tcp'] },
      { names: ['postgres:16'], exposedPorts: ['5432/tcp'] },
      { names: ['registry.example.com/team/api:dev'], exposedPorts: [] },
    ],
  });
  try {
    const typed = await completeList(web('ngi$0'), null);
    assert.deepEqual(typed.items.map((i) => i.label), ['ngi', 'nginx:1.25'], 'the name as typed, then one name per image as a user writes it; only the ones that match');
    const edit = typed.items[1]!.textEdit as { range: { start: { line: number; character: number }; end: { character: number } }; newText: string };
    assert.deepEqual([edit.range.start.line, edit.range.start.character, edit.range.end.character, edit.newText], [2, 11, 14, 'nginx:1.25'], 'the typed prefix is replaced');
    const labels = async (text: string, trigger?: string | null) => (await completeList(text, trigger)).items.map((i) => i.label).sort();
    assert.deepEqual(await labels(web('$0'), null), ['nginx:1.25', 'postgres:16', 'registry.example.com/team/api:dev'], 'Ctrl+Space on an empty value: every local image, nothing typed to keep');
    assert.deepEqual(await labels(web('reg$0'), null), ['reg', 'registry.example.com/team/api:dev']);
    assert.deepEqual(await labels(web('$0'), ' '), [], 'the space after `image:` opens no list: any name may go there');
    assert.deepEqual(await labels(web('nginx:1.25$0'), null), [], 'a whole image name typed: the list closes');
    assert.deepEqual(await labels(web('localhost:5000/a$0'), null), [], 'a registry port is no tag, but matches nothing here');
    assert.deepEqual(await labels(web('registry.example.com/te$0'), null), ['registry.example.com/te', 'registry.example.com/team/api:dev'], 'a registry host and path being typed');
    assert.deepEqual(await labels(web('${REG$0}/nginx'), null), [], 'inside ${...}: no image names');
    assert.deepEqual(await labels(web('ngi$0:${TAG}'), null), [], 'a value with ${...}: no name replaces it');
    assert.deepEqual(await labels('services:\n  web:\n    command: ngi$0\n', null), [], 'not in other values');
  } finally {
    await server.connection.sendNotification('dockhand/imagePorts', { images: [] });
  }
});

// VS Code selects the first item of a list that opens while a word is typed and takes it on Enter
// (with `editor.acceptSuggestionOnEnter: smart`, package.json's default for Compose files, only when it
// changes the text). Where any name may be written, the first item must be the text as typed.
test('image: a typed prefix of a longer local name is offered first as typed, preselected, inserting exactly the typed text', async () => {
  await server.connection.sendNotification('dockhand/imagePorts', {
    images: [
      { names: ['redis-stack:latest'], exposedPorts: ['6379/tcp'] },
      { names: ['python:3.12', 'python:3.12-slim', 'python:3.11'], exposedPorts: [] },
      { names: ['nginx:1.25', 'nginx:latest'], exposedPorts: ['80/tcp'] },
      { names: ['localhost:5000/app:dev'], exposedPorts: [] },
    ],
  });
  try {
    const web = (value: string) => `services:\n  web:\n    image: ${value}\n`;
    /** The list in VS Code's order when the scores tie: sortText, then label. */
    const ordered = async (text: string, trigger?: string | null) => {
      const list = await completeList(text, trigger);
      return list.items.slice().sort((a, b) => ((a.sortText ?? a.label) < (b.sortText ?? b.label) ? -1 : (a.sortText ?? a.label) > (b.sortText ?? b.label) ? 1 : 0));
    };
    const redis = await ordered(web('redis$0'), null);
    assert.deepEqual(redis.map((i) => i.label), ['redis', 'redis-stack:latest']);
    assert.equal(redis[0]!.preselect, true, 'the typed name is the one selected');
    const edit = redis[0]!.textEdit as { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string };
    assert.deepEqual([edit.range.start.character, edit.range.end.character, edit.newText], [11, 16, 'redis'], 'accepting it changes nothing (so Enter ends the line)');
    assert.equal(redis[1]!.preselect, undefined, 'the longer name is only offered');

    assert.deepEqual((await ordered(web('nginx$0'), null)).map((i) => i.label), ['nginx', 'nginx:1.25', 'nginx:latest'], 'a whole repository name typed: kept as typed, its tags offered after it');
    assert.deepEqual((await ordered(web('nginx:$0'), ':')).map((i) => i.label), ['nginx:', 'nginx:1.25', 'nginx:latest'], 'the colon of a tag opens the repository\'s local tags');
    assert.deepEqual((await ordered(web('python:3$0'), null)).map((i) => i.label), ['python:3', 'python:3.11', 'python:3.12', 'python:3.12-slim'], '`python:3` is a tag of its own: kept as typed, the longer tags after it');
    assert.deepEqual((await ordered(web('python:3.12$0'), null)).map((i) => i.label), [], 'a whole local name typed: the list closes');
    assert.deepEqual((await ordered(web('python:3.12-$0'), '-')).map((i) => i.label), ['python:3.12-', 'python:3.12-slim']);
    assert.deepEqual((await ordered(web('python:2$0'), null)).map((i) => i.label), [], 'a tag no local image has: nothing to offer, no list');
    assert.deepEqual((await ordered(web('localhost:5$0'), null)).map((i) => i.label), ['localhost:5', 'localhost:5000/app:dev'], 'a registry port reads as a tag until its `/`: names that start so are offered');
    assert.deepEqual((await ordered(web('"redis$0"'), null)).map((i) => i.label), ['redis', 'redis-stack:latest'], 'inside quotes alike');
  } finally {
    await server.connection.sendNotification('dockhand/imagePorts', { images: [] });
  }
});

test('names: a new name typed as the prefix of a defined one comes first as typed; a defined name typed in full closes the list; keys get no such item', async () => {
  const networks = 'networks:\n  backend-net:\n  frontend:\n';
  const typedNetwork = await completeList(`services:\n  web:\n    image: nginx\n    networks:\n      - backend$0\n${networks}`, null);
  assert.deepEqual(typedNetwork.items.map((i) => [i.label, i.preselect ?? false]), [['backend', true], ['backend-net', false]]);
  assert.equal(typedNetwork.isIncomplete, true, 'asked again on the next key, so the item follows what is typed');
  assert.deepEqual((await complete(`services:\n  web:\n    image: nginx\n    networks:\n      - frontend$0\n${networks}`)).map((i) => i.label), [], 'a defined name typed in full');
  assert.deepEqual((await complete(`services:\n  web:\n    image: nginx\n    networks:\n      - $0\n${networks}`)).map((i) => i.label).sort(), ['backend-net', 'default', 'frontend'], 'nothing typed: nothing to keep');

  const typedVolume = await complete('services:\n  db:\n    image: postgres\n    volumes:\n      - data$0\nvolumes:\n  database:\n');
  assert.deepEqual(typedVolume.map((i) => [i.label, i.textEdit && 'newText' in i.textEdit ? i.textEdit.newText : undefined]), [['data', 'data'], ['database', 'database:${1:/data}']], 'a short volume: the typed source as typed, then the defined volume');

  const dependsOn = await complete('services:\n  web:\n    image: nginx\n    depends_on:\n      - db$0\n  db-replica:\n    image: postgres\n');
  assert.deepEqual(dependsOn.map((i) => i.label), ['db', 'db-replica'], 'a service not written yet');

  const key = await complete('services:\n  web:\n    image: nginx\n    hostn$0\n');
  assert.ok(key.some((i) => i.label === 'hostname'), key.map((i) => i.label).join(','));
  assert.ok(!key.some((i) => i.label === 'hostn' || i.preselect), 'keys: the typed part of a key is no key; Enter completes it');
  const restart = await complete('services:\n  web:\n    restart: unless$0\n');
  assert.deepEqual(restart.map((i) => i.label), ['unless-stopped'], 'allowed words: only the words');
});
