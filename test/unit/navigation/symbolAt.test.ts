import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { symbolAt } from '../../../server/src/features/symbolAt';
import { inline } from '../../support/fixture';

const TEXT = [
  'x-base: &base',
  '  restart: always',
  'services:',
  '  web:',
  '    <<: *base',
  '    depends_on: [db]',
  '    links: ["db:database"]',
  '    extends: {service: tmpl}',
  '    network_mode: service:db',
  '    volumes_from: [cache, "store:ro", "container:other"]',
  '    volumes: ["data:/var/lib", "./src:/src", {type: volume, source: logs, target: /l}]',
  '    secrets: [token, {source: key, target: k}]',
  '    configs: [conf, {source: conf2, target: /c}]',
  '    ipc: service:shm',
  '    pid: "service:pidhost"',
  '    build:',
  '      context: .',
  '      additional_contexts: {base: "service:builder"}',
  '  api:',
  '    depends_on:',
  '      auth: {condition: service_healthy}',
  '    networks:',
  '      front: {aliases: [a]}',
  '  worker:',
  '    networks: !override',
  '      - back',
  '    depends_on: !reset [queue]',
].join('\n') + '\n';

const fx = inline(after, TEXT);

function at(needle: string, nth = 0, delta = 1) {
  const req = fx.request('compose.yaml', needle, nth, delta);
  const target = symbolAt(req.file, req.offset);
  if (!target) return undefined;
  const named = target.type === 'name' ? `${target.kind}:${target.name}` : `anchor:${target.name}`;
  return `${named}=${TEXT.slice(target.at[0], target.at[1])}`;
}

test('every kind of reference the issue lists resolves to its name', () => {
  assert.equal(at('[db]'), 'service:db=db');
  assert.equal(at('"db:database"'), 'service:db=db');
  assert.equal(at('"db:database"', 0, 5), undefined, 'the alias part of links is not a service');
  assert.equal(at('tmpl'), 'service:tmpl=tmpl');
  assert.equal(at('service:db', 0, 9), 'service:db=db');
  assert.equal(at('cache'), 'service:cache=cache');
  assert.equal(at('store:ro'), 'service:store=store');
  assert.equal(at('container:other', 0, 11), undefined, 'container: is not a service');
  assert.equal(at('data:/var'), 'volume:data=data');
  assert.equal(at('./src'), undefined);
  assert.equal(at('logs'), 'volume:logs=logs');
  assert.equal(at('token'), 'secret:token=token');
  assert.equal(at('key,'), 'secret:key=key');
  assert.equal(at('conf,'), 'config:conf=conf');
  assert.equal(at('conf2'), 'config:conf2=conf2');
  assert.equal(at('service:shm', 0, 9), 'service:shm=shm');
  assert.equal(at('service:pidhost', 0, 9), 'service:pidhost=pidhost');
  assert.equal(at('service:builder', 0, 9), 'service:builder=builder');
  assert.equal(at('auth:'), 'service:auth=auth');
  assert.equal(at('front:'), 'network:front=front');
});

test('!reset and !override nodes hold references like any other', () => {
  assert.equal(at('- back', 0, 3), 'network:back=back');
  assert.equal(at('queue'), 'service:queue=queue');
});

test('definitions, anchors and aliases; nothing on plain values', () => {
  assert.equal(at('web:'), 'service:web=web');
  assert.equal(at('web:', 0, 0), 'service:web=web', 'the start of the name counts');
  assert.equal(at('web:', 0, 3), 'service:web=web', 'right after the name counts');
  assert.equal(at('&base'), 'anchor:base=base');
  assert.equal(at('*base'), 'anchor:base=base');
  assert.equal(at('always'), undefined);
  assert.equal(at('restart'), undefined);
});
