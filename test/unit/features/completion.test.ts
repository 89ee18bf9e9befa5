import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemTag, InsertTextFormat, MarkupKind, type CompletionItem, type MarkupContent } from 'vscode-languageserver';
import { fixture, insertText, labels } from '../../support/fixture';

const f = fixture(after);

test('keys of a service, filtered by what is typed', () => {
  const items = f.completion('services:\n  web:\n    image: nginx\n    res$0\n');
  assert.ok(labels(items).includes('restart'));
  assert.ok(!labels(items).includes('image'), 'image does not match "res"');
  assert.ok(labels(items).every((l) => l[0] === 'r'));
});

test('keys already present in the mapping are not offered again', () => {
  const items = f.completion('services:\n  web:\n    image: nginx\n    restart: always\n    $0\n');
  assert.ok(!labels(items).includes('image'));
  assert.ok(!labels(items).includes('restart'));
  assert.ok(labels(items).includes('healthcheck'));
  assert.ok(labels(items).includes('ports'));
});

test('a key item carries the spec doc as Markdown and the kinds as detail', () => {
  const items = f.completion('services:\n  web:\n    $0\n');
  const restart = items.find((i) => i.label === 'restart')!;
  assert.equal(restart.detail, 'string');
  const doc = restart.documentation as MarkupContent;
  assert.equal(doc.kind, MarkupKind.Markdown);
  assert.match(doc.value, /```yaml/);
  assert.match(doc.value, /restart/);
});

test('block keys insert a nested snippet; scalar keys `key: `', () => {
  const items = f.completion('services:\n  web:\n    $0\n');
  assert.equal(insertText(items, 'healthcheck'), 'healthcheck:\n  test: ${1:["CMD", "true"]}\n  interval: ${2:10s}\n  retries: ${3:3}');
  assert.equal(insertText(items, 'ports'), 'ports:\n  - "${1:8080}:${2:80}"');
  assert.equal(insertText(items, 'image'), 'image: ');
  assert.match(insertText(items, 'restart')!, /^restart: \$\{1\|no,always,on-failure,unless-stopped\|\}$/);
  const healthcheck = items.find((i) => i.label === 'healthcheck')!;
  assert.equal(healthcheck.insertTextFormat, InsertTextFormat.Snippet);
});

test('without snippet support, plain text with the defaults filled in', (t) => {
  const plain = fixture(t, {}, { client: { snippets: false, markdown: false } });
  const items = plain.completion('services:\n  web:\n    $0\n');
  assert.equal(insertText(items, 'ports'), 'ports:\n  - "8080:80"');
  assert.equal(insertText(items, 'restart'), 'restart: ');
  assert.ok(items.every((i) => i.insertTextFormat !== InsertTextFormat.Snippet));
  assert.equal(typeof items.find((i) => i.label === 'image')!.documentation, 'string');
});

test('on an existing key (text follows the colon) only the word is replaced', () => {
  const items = f.completion('services:\n  web:\n    image: x\n    res$0: always\n');
  assert.equal(insertText(items, 'restart'), 'restart');
});

test('deprecated keys are tagged', () => {
  const items = f.completion('$0\nservices: {}\n');
  const version = items.find((i) => i.label === 'version')!;
  assert.deepEqual(version.tags, [CompletionItemTag.Deprecated]);
  assert.ok(!labels(items).includes('services'), 'services is present');
});

test('top-level keys in an empty file', () => {
  assert.deepEqual(labels(f.completion('$0')).sort(), ['configs', 'include', 'models', 'name', 'networks', 'secrets', 'services', 'version', 'volumes']);
});

/** The labels in the order an editor lists them when a typed prefix fits each alike: by sortText, then label. */
function editorOrder(items: readonly CompletionItem[]): string[] {
  const order = (i: CompletionItem) => i.sortText ?? i.label;
  return [...items].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : a.label < b.label ? -1 : 1)).map((i) => i.label);
}

test('where a typed prefix fits several keys, the one files write most comes first (Enter takes it)', () => {
  // A new file: `s` then Enter must give `services`, not `secrets`.
  assert.deepEqual(editorOrder(f.completion('s$0')), ['services', 'secrets']);
  assert.equal(editorOrder(f.completion('$0'))[0], 'services');
  assert.equal(editorOrder(f.completion('$0')).at(-1), 'version', 'deprecated stays last');
  const first = (typed: string) => editorOrder(f.completion(`services:\n  web:\n    image: nginx\n    ${typed}$0\n`))[0];
  assert.equal(first('p'), 'ports');
  assert.equal(first('e'), 'environment');
  assert.equal(first('b'), 'build');
  assert.equal(first('r'), 'restart');
  assert.equal(first('n'), 'networks');
  assert.equal(first('c'), 'command');
  assert.equal(first('s'), 'secrets');
  const nested = (path: string, typed: string) => editorOrder(f.completion(`${path}${typed}$0\n`))[0];
  assert.equal(nested('services:\n  web:\n    build:\n      ', 'c'), 'context');
  assert.equal(nested('services:\n  web:\n    image: x\n    healthcheck:\n      ', 'start'), 'start_period');
  assert.equal(nested('networks:\n  back:\n    ', 'e'), 'external');
  // Keys no list ranks keep their alphabetical order after the common ones.
  const d = editorOrder(f.completion('services:\n  web:\n    image: nginx\n    d$0\n'));
  assert.deepEqual(d.slice(0, 3), ['depends_on', 'deploy', 'develop']);
  // A required key still comes before a common one (a long port mapping's `target`).
  assert.equal(editorOrder(f.completion('services:\n  web:\n    ports:\n      - published: 80\n        $0\n'))[0], 'target');
});

test('keys at deeper levels: deploy.restart_policy, a long port mapping', () => {
  const policy = f.completion('services:\n  web:\n    deploy:\n      restart_policy:\n        $0\n');
  assert.ok(labels(policy).includes('condition'));
  assert.ok(labels(policy).includes('max_attempts'));
  const port = f.completion('services:\n  web:\n    ports:\n      - target: 80\n        $0\n');
  assert.ok(labels(port).includes('published'));
  assert.ok(!labels(port).includes('target'));
});

test('the first key typed in an empty service block', () => {
  const items = f.completion('services:\n  web:\n    ima$0\n');
  assert.deepEqual(labels(items), ['image']);
});

test('the first key typed on its own line under a key that also takes a text (build, extends, a ulimit)', () => {
  // YAML reads the word as the key's text (`build: c`), but a text goes after the colon, on the key's line.
  assert.deepEqual(labels(f.completion('services:\n  web:\n    build:\n      con$0\n')), ['context']);
  assert.deepEqual(labels(f.completion('services:\n  web:\n    extends:\n      s$0\n')), ['service']);
  assert.deepEqual(labels(f.completion('services:\n  web:\n    image: x\n    ulimits:\n      nofile:\n        h$0\n')), ['hard']);
  // After the colon it is the text: no keys there.
  assert.deepEqual(labels(f.completion('services:\n  web:\n    build: con$0\n')), []);
});

test('service snippets where a service name goes', () => {
  const items = f.completion('services:\n  $0\n');
  for (const name of ['postgres', 'redis', 'nginx', 'mysql', 'mongo', 'rabbitmq']) assert.ok(labels(items).includes(name), name);
  const postgres = insertText(items, 'postgres')!;
  assert.match(postgres, /^\$\{1:db\}:\n  image: postgres:/);
  const typed = f.completion('services:\n  web:\n    image: x\n  red$0\n');
  assert.deepEqual(labels(typed), ['redis']);
});

test('completion in a comment offers nothing', () => {
  assert.deepEqual(f.completion('services:\n  web:\n    # rest$0\n'), []);
});

test('mid-typing broken documents still answer', () => {
  // An unclosed flow sequence and a tab: the parser recovers, completion answers.
  const items = f.completion('services:\n  web:\n    image: [x\n    rest$0\n');
  assert.ok(Array.isArray(items));
  const values = f.completion('services:\n  web:\n    restart: $0\n  db:\n    image: "unclosed\n');
  assert.ok(labels(values).includes('always'));
});

test('in a flow mapping a key inserts `key: `, never a block', () => {
  const items = f.completion('services:\n  web:\n    build: {context: ., $0}\n');
  assert.equal(insertText(items, 'labels'), 'labels: ');
  assert.ok(!labels(items).includes('context'));
});

test('a key that shares a name with a block key keeps its own shape (a config\'s environment is a string)', () => {
  const items = f.completion('configs:\n  app:\n    $0\n');
  assert.equal(insertText(items, 'environment'), 'environment: ');
  assert.match(insertText(f.completion('services:\n  web:\n    $0\n'), 'environment')!, /^environment:\n  /);
});

test('an empty list entry that may be a mapping also offers the long form keys', () => {
  const items = f.completion('services:\n  web:\n    volumes:\n      - $0\n');
  assert.ok(labels(items).includes('type'));
  assert.ok(labels(items).includes('target'));
  assert.deepEqual(f.completion('services:\n  web:\n    volumes:\n      - ./data:/da$0\n').filter((i) => i.label === 'type'), []);
});

test('keys in an x- template merged into a service are service keys', () => {
  const text = 'x-defaults: &defaults\n  restart: always\n  $0\nservices:\n  web:\n    <<: *defaults\n    image: nginx\n';
  const items = f.completion(text);
  assert.ok(labels(items).includes('healthcheck'));
  assert.ok(!labels(items).includes('restart'), 'already in the template');
  assert.ok(labels(f.completion('x-defaults: &defaults\n  restart: $0\nservices:\n  web:\n    <<: *defaults\n')).includes('unless-stopped'));
  // A template merged nowhere stays free-form.
  assert.deepEqual(f.completion('x-notes:\n  $0\nservices: {}\n'), []);
});

test('ulimits: the runtime\'s limit names are offered as keys, less those written; a limit inserts `name: `', () => {
  const items = f.completion('services:\n  web:\n    image: nginx\n    ulimits:\n      nproc: 100\n      no$0\n');
  assert.deepEqual(labels(items), ['nofile'], 'nproc is written already; only names starting "no" match');
  assert.equal(insertText(items, 'nofile'), 'nofile: ');
  const all = labels(f.completion('services:\n  web:\n    image: nginx\n    ulimits:\n      $0\n'));
  assert.ok(all.includes('memlock') && all.includes('core') && all.length === 16, all.join());
});

test('a network\'s driver_opts: the bridge driver\'s options are offered as keys, less those written', () => {
  const all = labels(f.completion('networks:\n  back:\n    driver_opts:\n      com.docker.network.driver.mtu: 1450\n      $0\n'));
  assert.ok(all.includes('com.docker.network.bridge.name') && all.includes('com.docker.network.bridge.enable_icc'), all.join());
  assert.ok(!all.includes('com.docker.network.driver.mtu'), 'written already');
  assert.deepEqual(labels(f.completion('volumes:\n  data:\n    driver_opts:\n      $0\n')).filter((l) => l.startsWith('com.docker.network')), [], 'not for a volume driver');
});

test("a mount's options are offered for its own type only, once the type is written", () => {
  const options = ['bind', 'image', 'tmpfs', 'volume'];
  const at = (entry: string) => labels(f.completion(`services:\n  web:\n    image: nginx\n    volumes:\n      - ${entry}\n        $0\nvolumes:\n  data:\n`)).filter((l) => options.includes(l)).sort();
  assert.deepEqual(at('type: volume\n        source: data\n        target: /data'), ['volume']);
  assert.deepEqual(at('type: bind\n        source: ./data\n        target: /data'), ['bind']);
  assert.deepEqual(at('type: tmpfs\n        target: /cache'), ['tmpfs']);
  // No type yet, or one only the run decides: every option may still apply.
  assert.deepEqual(at('target: /data'), options);
  assert.deepEqual(at('type: ${MOUNT_TYPE}\n        target: /data'), options);
});


test('keys the engine refuses beside network_mode are not offered; others are, and a variable rules out nothing', () => {
  const keys = (mode: string) => labels(f.completion(`services:\n  vpn:\n    image: gluetun\n  app:\n    image: nginx\n    network_mode: ${mode}\n    $0\n`));
  const shared = keys('"service:vpn"');
  for (const refused of ['ports', 'expose', 'hostname', 'dns', 'extra_hosts', 'mac_address', 'links', 'networks']) assert.ok(!shared.includes(refused), refused);
  for (const taken of ['dns_search', 'domainname', 'environment', 'volumes']) assert.ok(shared.includes(taken), taken);
  const host = keys('host');
  for (const useless of ['ports', 'links', 'mac_address', 'networks']) assert.ok(!host.includes(useless), useless);
  for (const taken of ['expose', 'hostname', 'dns', 'extra_hosts']) assert.ok(host.includes(taken), taken);
  const bridge = keys('bridge');
  assert.ok(bridge.includes('ports') && bridge.includes('links') && !bridge.includes('networks'));
  assert.ok(keys('${NET_MODE}').includes('ports'));
});

test('a key Compose refuses beside one written is not offered (exclusive keys, a tmpfs mount\'s source)', () => {
  const service = labels(f.completion('services:\n  web:\n    image: nginx\n    networks: [front]\n    $0\nnetworks:\n  front:\n'));
  assert.ok(!service.includes('network_mode') && service.includes('ports'));
  const build = labels(f.completion('services:\n  web:\n    build:\n      context: .\n      dockerfile_inline: FROM alpine\n      $0\n'));
  assert.ok(!build.includes('dockerfile') && build.includes('target'));
  const mount = labels(f.completion('services:\n  web:\n    image: nginx\n    volumes:\n      - type: tmpfs\n        target: /cache\n        $0\n'));
  assert.ok(!mount.includes('source') && mount.includes('read_only'));
  const volume = (external: string) => labels(f.completion(`services:\n  web:\n    image: nginx\nvolumes:\n  data:\n    external: ${external}\n    $0\n`));
  assert.ok(!volume('true').includes('driver') && !volume('true').includes('labels'));
  assert.ok(volume('false').includes('driver'));
});
