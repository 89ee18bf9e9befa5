import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { MarkupKind, type MarkupContent } from 'vscode-languageserver';
import { fixture } from '../../support/fixture';

const f = fixture(after, { '.env': 'TAG=15\nEMPTY=\n' }, { env: { FROM_ENV: 'yes' } });

test('a key: our words, its type, allowed values, the example as YAML', () => {
  const hover = f.hover('services:\n  web:\n    rest$0art: always\n')!;
  const text = (hover.contents as MarkupContent).value;
  assert.equal((hover.contents as MarkupContent).kind, MarkupKind.Markdown);
  assert.match(text, /\*\*restart\*\* · string/);
  assert.match(text, /`unless-stopped`/);
  assert.match(text, /```yaml\nrestart: unless-stopped\n```/);
  assert.deepEqual(hover.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 11 } });
});

test('a value shows the doc of its key', () => {
  assert.match(f.hoverText('services:\n  web:\n    restart: alw$0ays\n'), /\*\*restart\*\*/);
});

test('a bridge driver option says what it does; an option of another driver keeps the general words', () => {
  const at = (option: string) => f.hoverText(`networks:\n  back:\n    driver_opts:\n      ${option}: x\n`);
  assert.match(at('com.docker.network.bridge.na$0me'), /\*\*com\.docker\.network\.bridge\.name\*\* · string \| number\n\nThe name of the Linux bridge .* at most 15 characters/);
  assert.match(at('com.docker.network.driver.m$0tu'), /The largest packet, in bytes/);
  assert.match(at('parent$0'), /the driver decides what it means/);
});

test('Swarm-only keys say docker compose ignores them', () => {
  assert.match(f.hoverText('services:\n  web:\n    deploy:\n      upd$0ate_config:\n        parallelism: 2\n'), /Swarm only:\*\* `docker compose` ignores this/);
});

test('deprecated keys say so', () => {
  assert.match(f.hoverText('vers$0ion: "3.8"\nservices: {}\n'), /\*\*Deprecated:\*\*/);
});

test('plain text for clients without Markdown', (t) => {
  const plain = fixture(t, {}, { client: { markdown: false } });
  const hover = plain.hover('services:\n  web:\n    rest$0art: always\n')!;
  const content = hover.contents as MarkupContent;
  assert.equal(content.kind, MarkupKind.PlainText);
  assert.ok(!content.value.includes('**') && !content.value.includes('```'), content.value);
  assert.match(content.value, /restart · string/);
});

test('${VAR} from .env: its value, the file and line, and the variable as range', () => {
  const hover = f.hover('services:\n  db:\n    image: "postgres:${TA$0G}"\n')!;
  const text = (hover.contents as MarkupContent).value;
  assert.match(text, /Value: `15`, from `\.env`, line 1/);
  assert.deepEqual(hover.range, { start: { line: 2, character: 21 }, end: { line: 2, character: 27 } });
});

test('${VAR} from the environment', () => {
  assert.match(f.hoverText('services:\n  db:\n    image: "x:${FROM_$0ENV}"\n'), /Value: `yes`, from the environment/);
});

test('${VAR} unset: empty string with a warning, or the default', () => {
  assert.match(f.hoverText('services:\n  db:\n    image: "x:${NOP$0E}"\n'), /Unset[\s\S]*empty string and warns/);
  assert.match(f.hoverText('services:\n  db:\n    image: "x:${NOP$0E:-16}"\n'), /default `16` is used/);
  assert.match(f.hoverText('services:\n  db:\n    image: "x:${EMP$0TY:-16}"\n'), /default `16` is used \(the value is empty\)/);
  assert.match(f.hoverText('services:\n  db:\n    image: "x:${NOP$0E:?set the tag}"\n'), /stops with the error: `set the tag`/);
});

test('a service name: its host name, networks with full names, image, ports', () => {
  const text = [
    'services:',
    '  web:',
    '    image: nginx',
    '    depends_on: [d$0b]',
    '  db:',
    '    image: postgres:${TAG}',
    '    networks: [back]',
    '    ports: ["8001:5432"]',
    'networks:',
    '  back: {}',
  ].join('\n');
  const hover = f.hover(text)!;
  const value = (hover.contents as MarkupContent).value;
  assert.match(value, /\*\*Service\*\* `db`/);
  assert.match(value, /Host name: `db`/);
  assert.match(value, /`myapp_back` \(`back`\)/);
  assert.match(value, /Image: `postgres:15`/);
  assert.match(value, /`8001:5432`/);
  assert.deepEqual(hover.range, { start: { line: 3, character: 17 }, end: { line: 3, character: 19 } });
});

test('a service with no networks is on <project>_default; hover on its own key', () => {
  assert.match(f.hoverText('services:\n  w$0eb:\n    image: nginx\n'), /Networks: `myapp_default`/);
});

test('the name key `name:` sets the project name used in full names', () => {
  assert.match(f.hoverText('name: shop\nservices:\n  w$0eb:\n    image: nginx\n'), /`shop_default`/);
});

test('a network: full name, driver, services on it', () => {
  const text = 'services:\n  api:\n    networks: [back]\n  db:\n    networks: [back]\n  web: {}\nnetworks:\n  ba$0ck:\n    driver: overlay\n';
  const value = f.hoverText(text);
  assert.match(value, /Full name: `myapp_back`/);
  assert.match(value, /Driver: `overlay`/);
  assert.match(value, /Services on it: `api`, `db`;/);
});

test('a network reference; external and named networks keep their own name', () => {
  const text = 'services:\n  api:\n    networks: [sh$0ared, custom]\nnetworks:\n  shared:\n    external: true\n  custom:\n    name: my-custom\n';
  assert.match(f.hoverText(text), /Full name: `shared` \(external/);
  assert.match(f.hoverText(text.replace('sh$0ared, custom', 'shared, cus$0tom')), /Full name: `my-custom`/);
});

test('a volume definition: full name, managed by Docker, down -v, used by', () => {
  const value = f.hoverText('services:\n  db:\n    volumes: ["dbdata:/data"]\nvolumes:\n  db$0data: {}\n');
  assert.match(value, /Full name: `myapp_dbdata`/);
  assert.match(value, /`docker compose down -v` deletes it/);
  assert.match(value, /Used by: `db`/);
});

test('a key in an x- template merged into a service shows the service key doc', () => {
  assert.match(f.hoverText('x-defaults: &defaults\n  rest$0art: always\nservices:\n  web:\n    <<: *defaults\n'), /\*\*restart\*\*/);
});

test('restart: the hover says exactly what Compose accepts, as the diagnostic does', (t) => {
  const h = fixture(t);
  const text = h.hoverText('services:\n  web:\n    image: nginx\n    rest$0art: always\n');
  assert.match(text, /on-failure\[:max-retries\]/);
  assert.doesNotMatch(text, /others are accepted/);
});
