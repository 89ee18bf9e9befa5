// symbolAt: the name under the cursor. Each name it must find is marked with
// its kind (`# ^^ service`; `anchor` for anchors and aliases, `service-key`
// for a service's own key) and asked at its first and second character; $1..$5 are
// places with nothing to find, $6 one more name (test/support/fixture.ts).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { symbolAt } from '../../../server/src/features/symbolAt';
import { fixture, type Mark } from '../../support/fixture';

const fx = fixture(after, `x-base: &base
#        ^^^^ anchor
  r$5estart: a$4lways
services:
  web:
# ^^^ service-key
    <<: *base
#        ^^^^ anchor
    depends_on: [db]
#                ^^ service
    links: ["db:d$1atabase"]
#            ^^ service
    extends: {service: tmpl}
#                      ^^^^ service
    network_mode: service:db
#                         ^^ service
    volumes_from: [cache, "s$6tore:ro", "container:o$2ther"]
#                  ^^^^^ service
    volumes: ["data:/var/lib", ".$3/src:/src", {type: volume, source: logs, target: /l}]
#              ^^^^ volume                                            ^^^^ volume
    secrets: [token, {source: key, target: k}]
#             ^^^^^ secret    ^^^ secret
    configs: [conf, {source: conf2, target: /c}]
#             ^^^^ config    ^^^^^ config
    ipc: service:shm
#                ^^^ service
    pid: "service:pidhost"
#                 ^^^^^^^ service
    build:
      context: .
      additional_contexts: {base: "service:builder"}
#                                          ^^^^^^^ service
  api:
    depends_on:
      auth: {condition: service_healthy}
#     ^^^^ service
    networks:
      front: {aliases: [a]}
#     ^^^^^ network
  worker:
    networks: !override
      - back
#       ^^^^ network
    depends_on: !reset [queue]
#                       ^^^^^ service
`);
const doc = TextDocument.create(fx.uri('compose.yaml'), 'dockercompose', 1, fx.text('compose.yaml'));

function found(offset: number) {
  const req = fx.requestAt('compose.yaml', offset);
  const target = symbolAt(req.file, req.offset);
  if (!target) return undefined;
  const named = target.type === 'name' ? `${target.kind}:${target.name}` : `anchor:${target.name}`;
  return { named, at: [...target.at] };
}

/** What symbolAt must find `delta` characters into a mark: the mark's kind and text, over exactly its range. */
function expected(mark: Mark) {
  const name = fx.rangeText('compose.yaml', mark.range);
  return { named: `${mark.label === 'service-key' ? 'service' : mark.label}:${name}`, at: [doc.offsetAt(mark.range.start), doc.offsetAt(mark.range.end)] };
}
const at = (mark: Mark, delta: number) => found(doc.offsetAt(mark.range.start) + delta);
const REFERENCE_KINDS = ['service', 'volume', 'secret', 'config', 'network'];

test('every kind of reference the issue lists resolves to its name, inside !reset and !override nodes too', () => {
  const references = fx.marks.filter((m) => REFERENCE_KINDS.includes(m.label));
  assert.equal(references.length, 18);
  for (const mark of references) {
    assert.deepEqual(at(mark, 0), expected(mark), fx.rangeText('compose.yaml', mark.range));
    assert.deepEqual(at(mark, 1), expected(mark), fx.rangeText('compose.yaml', mark.range));
  }
  // No room for a mark's label beside cache's: $6 is store's second character.
  const store = fx.stops[6]!.offset;
  assert.deepEqual(found(store), { named: 'service:store', at: [store - 1, store + 4] });
  assert.deepEqual(found(store - 1), { named: 'service:store', at: [store - 1, store + 4] });
  assert.equal(found(fx.stops[1]!.offset), undefined, 'the alias part of links is not a service');
  assert.equal(found(fx.stops[2]!.offset), undefined, 'container: is not a service');
  assert.equal(found(fx.stops[3]!.offset), undefined, 'a bind mount is not a volume');
});

test('definitions, anchors and aliases; nothing on plain values', () => {
  const [web, ...others] = fx.marks.filter((m) => m.label === 'service-key');
  assert.equal(others.length, 0);
  assert.deepEqual(at(web!, 1), expected(web!));
  assert.deepEqual(at(web!, 0), expected(web!), 'the start of the name counts');
  assert.deepEqual(at(web!, 3), expected(web!), 'right after the name counts');
  const anchors = fx.marks.filter((m) => m.label === 'anchor');
  assert.equal(anchors.length, 2, 'the anchor and its alias');
  for (const mark of anchors) {
    assert.deepEqual(at(mark, 0), expected(mark));
    assert.deepEqual(at(mark, 1), expected(mark));
  }
  assert.equal(found(fx.stops[4]!.offset), undefined);
  assert.equal(found(fx.stops[5]!.offset), undefined);
});
