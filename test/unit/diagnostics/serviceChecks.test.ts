// The indexes that the port-conflict, service-URL, undefined-name, dependency-cycle, container-name, healthcheck and profile-dependency checks keep across edits
// (diagnostics/serviceChecks.ts): after every edit (a block changed, added,
// removed, renamed, moved; another file of the project changed) the index
// equals one built from scratch, and the diagnostics equal a fresh service's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver';
import { checkedByLastRun, factIndexOf, unfiledBlocks } from '../../../server/src/diagnostics/serviceChecks';
import { blockTreesReadAgain, releaseBlockTrees, setLazyFromBlocks } from '../../../server/src/model/blockTrees';
import { fixture } from '../../support/fixture';
import { prng } from '../../fuzz/mutations';

const CHECKS = ['port-conflict', 'service-urls', 'undefined-references', 'dependency-cycle', 'container-name-conflict', 'no-healthcheck', 'disabled-dependency'];

const BASE = `services:
  web:
    image: nginx
    ports: ["8080:80"]
    environment:
      API_URL: http://api:9000/v1
      DB_URL: postgres://db:5432/app
      CACHE_URL: redis://cahce:6379
    depends_on: [api, queue]
    networks: [front]
  api:
    image: example/api
    ports: ["9000:8000", "127.0.0.1:7000-7003:7000-7003"]
    networks: [front, back]
  db:
    image: postgres
    profiles: [data]
    ports: ["5432:5432"]
    networks: [back]
  cache:
    image: redis
    hostname: cache-host
    networks: [back]
networks:
  front: {}
  back: {}
`;

/** Each step: the text of compose.yaml after it, and optionally the override's. */
const STEPS: { what: string; text: (previous: string) => string; override?: string }[] = [
  { what: 'a port now clashes with another service', text: (t) => t.replace('"9000:8000"', '"8080:8000"') },
  { what: 'the clash is gone again', text: (t) => t.replace('"8080:8000"', '"9000:8000"') },
  { what: 'a service is added that publishes a taken port', text: (t) => t.replace('networks:\n  front', '  worker:\n    image: busybox\n    ports: ["5432:1"]\nnetworks:\n  front') },
  { what: 'profiles make the clash impossible', text: (t) => t.replace('    image: busybox\n', '    image: busybox\n    profiles: [jobs]\n') },
  { what: 'lines added above every service move the findings', text: (t) => `name: shop\n# a comment\n${t}` },
  { what: 'a dependency closes a circle', text: (t) => t.replace('    image: example/api\n', '    image: example/api\n    depends_on: [web]\n') },
  { what: 'the service a URL names is renamed', text: (t) => t.replace('  api:\n', '  apis:\n') },
  { what: 'and renamed back', text: (t) => t.replace('  apis:\n', '  api:\n') },
  { what: 'the circle is broken', text: (t) => t.replace('    depends_on: [web]\n', '') },
  { what: 'a network change makes two services share none', text: (t) => t.replace('networks: [front, back]', 'networks: [back]') },
  { what: 'a hostname makes an unknown host known', text: (t) => t.replace('hostname: cache-host', 'hostname: cahce') },
  { what: 'a published port is used in a URL', text: (t) => t.replace('http://api:9000/v1', 'http://api:7001/v1') },
  { what: 'a network declaration is removed', text: (t) => t.replace('  front: {}\n', '') },
  { what: 'and declared again', text: (t) => t.replace('networks:\n  back: {}', 'networks:\n  front: {}\n  back: {}') },
  { what: 'the missing dependency is defined', text: (t) => t.replace('networks:\n  front: {}', '  queue:\n    image: rabbitmq\nnetworks:\n  front: {}') },
  { what: 'a service others depend on is renamed', text: (t) => t.replace('  queue:\n', '  queues:\n') },
  { what: 'a service is removed', text: (t) => t.replace(/ {2}db:\n(?: {4}.*\n)+/, '') },
  { what: 'the override publishes a port this file publishes', text: (t) => t, override: `services:
  cache:
    ports: ["8080:6379"]
` },
  { what: 'the override changes again', text: (t) => t, override: `services:
  cache:
    ports: ["8081:6379"]
    networks: [front]
` },
  { what: 'an edit inside one service only', text: (t) => t.replace('image: nginx', 'image: nginx:1.27') },
  { what: 'two services take one container name', text: (t) => t.replace('image: nginx:1.27\n', 'image: nginx:1.27\n    container_name: shop-one\n').replace('    image: redis\n', '    image: redis\n    container_name: shop-one\n') },
  { what: 'the override renames one of them', text: (t) => t, override: `services:
  cache:
    container_name: shop-two
` },
  { what: 'the override takes the name back', text: (t) => t, override: `services:
  cache:
    ports: ["8081:6379"]
` },
  { what: 'profiles part the two', text: (t) => t.replace('    image: redis\n', '    image: redis\n    profiles: [cache]\n').replace('    image: nginx:1.27\n', '    image: nginx:1.27\n    profiles: [web]\n') },
  { what: 'a third service takes the name, with no profile', text: (t) => t.replace('networks:\n  front', '  proxy:\n    image: caddy\n    container_name: shop-one\nnetworks:\n  front') },
  { what: 'a service waits for another to be healthy that has no healthcheck', text: (t) => t.replace('    image: caddy\n', '    image: caddy\n    depends_on:\n      cache:\n        condition: service_healthy\n') },
  { what: 'the other gets a healthcheck in the override', text: (t) => t, override: `services:
  cache:
    healthcheck:
      test: ["CMD", "redis-cli", "ping"]
` },
  { what: 'and turns it off in this file, which the override still overrides', text: (t) => t.replace('    image: redis\n', '    image: redis\n    healthcheck:\n      disable: true\n') },
  { what: 'the service that waits for one of a profile gets that profile', text: (t) => t.replace('    image: caddy\n', '    image: caddy\n    profiles: [cache]\n') },
  { what: 'the override gives it another profile, which the one it waits for lacks', text: (t) => t, override: `services:
  cache:
    ports: ["8081:6379"]
  proxy:
    profiles: [edge]
` },
  { what: 'the one it waits for gets that profile too', text: (t) => t.replace('    profiles: [cache]\n    container_name: shop-one\n', '    profiles: [cache, edge]\n    container_name: shop-one\n') },
  { what: 'the override goes back to ports only', text: (t) => t, override: `services:
  cache:
    ports: ["8081:6379"]
` },
];

test('after every kind of edit the kept indexes equal ones built from scratch, and so do the diagnostics', (t) => {
  const fx = fixture(t, BASE);
  const incremental = fx.service;
  const URI = fx.uri('compose.yaml');
  let text = BASE;
  fx.diagnostics();
  const seen = new Set<string>();
  for (const step of STEPS) {
    text = step.text(text);
    fx.open('compose.yaml', text);
    // The override is only ever in the editor, never on disk.
    if (step.override !== undefined) fx.open('compose.override.yaml', step.override);
    const fresh = fx.restarted();
    const got = incremental.diagnostics(URI);
    const expected = fresh.diagnostics(URI);
    const sorted = (list: typeof got) => list.map((d) => JSON.stringify(d)).sort();
    assert.deepEqual(sorted(got), sorted(expected), `diagnostics after: ${step.what}`);
    for (const id of CHECKS) {
      assert.deepEqual(factIndexOf(incremental.workspace, URI, id)?.snapshot(), factIndexOf(fresh.workspace, URI, id)?.snapshot(), `${id} index after: ${step.what}`);
    }
    for (const d of got) seen.add(String(d.code));
  }
  // The steps did exercise the checks: each kind of finding showed up at some point.
  for (const code of ['port-conflict', 'container-name-conflict', 'no-healthcheck', 'disabled-dependency', 'no-shared-network', 'unknown-host', 'host-port-in-url', 'undefined-service', 'undefined-network', 'dependency-cycle']) assert.ok(seen.has(code), `some step reported ${code}`);
});

test('an edit that changes no fact of other services re-checks only the edited service', (t) => {
  const fx = fixture(t, BASE);
  const before = fx.diagnostics();
  const noShared = before.find((d) => d.code === 'unknown-host' || d.code === 'no-shared-network');
  assert.ok(noShared, 'the base file has a URL finding');
  fx.open('compose.yaml', BASE.replace('image: postgres', 'image: postgres:16'));
  const after = fx.diagnostics();
  // The kept finding of another block is the very object found before: it was not checked again.
  assert.ok(after.includes(noShared), 'the finding of an unchanged service is kept, not found again');
});

test('a file checked from disk and then opened with the same text is not checked again, and its first edit re-checks only what it touched', (t) => {
  const fx = fixture(t, BASE);
  const uri = fx.uri('compose.yaml');
  // Not open: read from disk (a workspace scan, or a sibling of an open file), as the editor will show it.
  assert.equal(fx.workspace.isOpen(uri), false);
  const fromDisk = fx.service.diagnostics(uri);
  for (const id of CHECKS) assert.equal(checkedByLastRun(fx.workspace, uri, id), 4, `${id}: the disk read checked every service`);
  fx.open('compose.yaml', BASE);
  const opened = fx.service.diagnostics(uri);
  const sorted = (list: typeof opened) => list.map((d) => JSON.stringify(d)).sort();
  assert.deepEqual(sorted(opened), sorted(fromDisk));
  for (const id of CHECKS) assert.equal(checkedByLastRun(fx.workspace, uri, id), 0, `${id}: opening the same text checked nothing again`);
  const edited = BASE.replace('image: postgres', 'image: postgres:16');
  fx.open('compose.yaml', edited);
  const after = fx.service.diagnostics(uri);
  for (const id of CHECKS) assert.ok(checkedByLastRun(fx.workspace, uri, id)! <= 1, `${id}: the first edit re-checked only the edited service`);
  assert.deepEqual(sorted(after), sorted(fx.restarted().diagnostics(uri)));
});

/** Runs a generator to its end (a diagnostics run or a settling, without the pauses a server takes). */
function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

const sortedJson = (list: readonly object[]) => list.map((d) => JSON.stringify(d)).sort();

test('a first run keeps nothing for edits until it is settled; an edit before settling files what the run wrote down first, so it and one after settling re-check only where they changed, as a fresh service finds', (t) => {
  const fx = fixture(t, BASE);
  const uri = fx.uri('compose.yaml');
  fx.open('compose.yaml', BASE);
  const first = drain(fx.service.diagnosticsInSteps(uri));
  assert.deepEqual(sortedJson(first), sortedJson(fx.restarted().diagnostics(uri)));
  // Not settled yet: the next edit files what the first run wrote down, then re-checks the edited service alone.
  const edited = BASE.replace('image: postgres', 'image: postgres:16');
  fx.open('compose.yaml', edited);
  const early = drain(fx.service.diagnosticsInSteps(uri));
  for (const id of CHECKS) assert.ok(checkedByLastRun(fx.workspace, uri, id)! <= 1, `${id}: an edit before settling re-checked only the edited service`);
  assert.deepEqual(sortedJson(early), sortedJson(fx.restarted().diagnostics(uri)));
  drain(fx.service.settleInSteps(uri));
  const urlFinding = early.find((d) => d.code === 'unknown-host' || d.code === 'no-shared-network');
  assert.ok(urlFinding, 'the file has a URL finding');
  // Settled: an edit of another service re-checks that service alone, and keeps the published finding itself.
  fx.open('compose.yaml', edited.replace('image: postgres:16', 'image: postgres:17'));
  const after = drain(fx.service.diagnosticsInSteps(uri));
  for (const id of CHECKS) assert.ok(checkedByLastRun(fx.workspace, uri, id)! <= 1, `${id}: an edit after settling re-checked only the edited service`);
  assert.ok(after.includes(urlFinding), 'the finding published before settling is the one kept');
  assert.deepEqual(sortedJson(after), sortedJson(fx.restarted().diagnostics(uri)));
});

/**
 * `count` services, each publishing a port and reaching the next by URL (the last two publish one port), plus
 * `more(i)` lines of each: opened and given its first diagnostics.
 */
function openClashing(t: Parameters<typeof fixture>[0], count: number, more: (i: number) => string = () => '') {
  const services = Array.from({ length: count }, (_, i) => `  s${i}:\n    image: busybox\n    ports: ["${i === count - 1 ? 20000 : 20000 + i}:80"]\n    environment:\n      PEER: http://s${(i + 1) % count}:80\n${more(i)}`);
  const text = `services:\n${services.join('')}`;
  const fx = fixture(t, text);
  const uri = fx.uri('compose.yaml');
  fx.open('compose.yaml', text);
  const first = drain(fx.service.diagnosticsInSteps(uri));
  assert.ok(first.some((d) => d.code === 'port-conflict'), 'the file has a port conflict');
  return { fx, uri, text, first };
}

test('settling a first run checks no service again: it keeps what the run wrote down, reading no body, and the next edit then re-checks one service, as a fresh service finds', (t) => {
  // Every document's trees are dropped when released, as in a file of thousands of services (model/blockTrees.ts).
  setLazyFromBlocks(0);
  t.after(() => setLazyFromBlocks(undefined));
  const { fx, uri, text, first } = openClashing(t, 40, (i) => `    depends_on: [s${(i + 7) % 40}]\n`);
  releaseBlockTrees();
  const before = blockTreesReadAgain();
  drain(fx.service.settleInSteps(uri));
  assert.equal(blockTreesReadAgain() - before, 0, 'no service body was read again to settle');
  const edited = text.replace('  s5:\n    image: busybox\n', '  s5:\n    image: busybox:1.36\n');
  fx.open('compose.yaml', edited);
  const got = drain(fx.service.diagnosticsInSteps(uri));
  // The two services of the clash are checked on every run too: their findings name the first free port (ALWAYS_RECHECK).
  for (const id of CHECKS) assert.equal(checkedByLastRun(fx.workspace, uri, id), id === 'port-conflict' ? 3 : 1, `${id}: the edit re-checked only the edited service (and the clash)`);
  assert.deepEqual(sortedJson(got), sortedJson(fx.restarted().diagnostics(uri)));
  // What the settling kept says who reads a port: a new clash re-checks the services it concerns.
  fx.open('compose.yaml', edited.replace('"20005:80"', '"20006:80"'));
  const clash = drain(fx.service.diagnosticsInSteps(uri));
  assert.deepEqual(sortedJson(clash), sortedJson(fx.restarted().diagnostics(uri)));
  assert.ok(clash.filter((d) => d.code === 'port-conflict').length > first.filter((d) => d.code === 'port-conflict').length, 'the new clash is found');
});

test('a settling that a newer run overtakes stops; the run files the rest first, checks only what its edit concerns, and gives the diagnostics of a fresh service', (t) => {
  // More services than one settling step takes.
  const { fx, uri, text } = openClashing(t, 600);
  const settling = fx.service.settleInSteps(uri);
  assert.equal(settling.next().done, false, 'settling pauses between steps');
  // A newer edit runs before the settling goes on: the settling must leave the state to it.
  const edited = text.replace('  s10:\n    image: busybox\n', '  s10:\n    image: busybox:1.36\n');
  fx.open('compose.yaml', edited);
  assert.deepEqual(sortedJson(drain(fx.service.diagnosticsInSteps(uri))), sortedJson(fx.restarted().diagnostics(uri)));
  // The two services of the clash are checked on every run (ALWAYS_RECHECK).
  for (const id of CHECKS) assert.equal(checkedByLastRun(fx.workspace, uri, id), id === 'port-conflict' ? 3 : 1, `${id}: the edit re-checked only the edited service (and the clash)`);
  drain(settling);
  drain(fx.service.settleInSteps(uri));
  const again = edited.replace('"20300:80"', '"20001:80"');
  fx.open('compose.yaml', again);
  const got = drain(fx.service.diagnosticsInSteps(uri));
  assert.deepEqual(sortedJson(got), sortedJson(fx.restarted().diagnostics(uri)));
  assert.ok(got.filter((d) => d.code === 'port-conflict').length >= 4, 'the new clash is found as well as the old one');
});

test('an edit before the settling files the rest in slices with a pause after each; dropped in a pause, the next edit goes on from there', (t) => {
  // Three settling slices' worth of service blocks for each check.
  const { fx, uri, text } = openClashing(t, 600);
  const edited = text.replace('  s10:\n    image: busybox\n', '  s10:\n    image: busybox:1.36\n');
  fx.open('compose.yaml', edited);
  const run = fx.service.diagnosticsInSteps(uri);
  // Paused with the filing of the first check begun and not ended: a request typed with the edit waits for one slice, not all of it.
  const partly = () => CHECKS.some((id) => unfiledBlocks(fx.workspace, uri, id)! > 0 && unfiledBlocks(fx.workspace, uri, id)! < 600);
  for (let steps = 0; !partly(); steps++) {
    assert.ok(steps < 100, 'the run paused in the middle of a filing');
    assert.equal(run.next().done, false, 'the run ended without a pause in its filing');
  }
  const left = CHECKS.map((id) => unfiledBlocks(fx.workspace, uri, id)!);
  assert.ok(left.some((n) => n === 600), 'the later checks are not filed yet');
  // A newer edit drops that run in its pause: the next run files what is left and checks only what the edits concern.
  const again = edited.replace('  s20:\n    image: busybox\n', '  s20:\n    image: busybox:1.36\n');
  fx.open('compose.yaml', again);
  assert.deepEqual(sortedJson(drain(fx.service.diagnosticsInSteps(uri))), sortedJson(fx.restarted().diagnostics(uri)));
  for (const id of CHECKS) {
    assert.equal(unfiledBlocks(fx.workspace, uri, id), 0, `${id}: filed`);
    // The two edited services, and the two of the clash for the port check (ALWAYS_RECHECK).
    assert.ok(checkedByLastRun(fx.workspace, uri, id)! <= (id === 'port-conflict' ? 4 : 2), `${id}: checked ${checkedByLastRun(fx.workspace, uri, id)}`);
  }
});

test('a service renamed re-checks the services whose "did you mean" it changes, not every service with an unknown host', (t) => {
  const workers = Array.from({ length: 10 }, (_, i) => `  worker${i}:\n    image: busybox\n    environment:\n      CACHE_URL: redis://cachee:6379\n`).join('');
  const text = `services:\n${workers}  web:\n    image: nginx\n  cache:\n    image: redis\n`;
  const fx = fixture(t, text);
  const uri = fx.uri('compose.yaml');
  const before = fx.diagnostics('unknown-host');
  assert.equal(before.length, 10);
  assert.match(String(before[0]!.message), /Did you mean "cache"\?/);
  // A name far from "cachee": each worker's answer stays, and only the renamed service is checked again.
  const renamed = text.replace('  web:', '  website:');
  fx.open('compose.yaml', renamed);
  assert.deepEqual(sortedJson(fx.service.diagnostics(uri)), sortedJson(fx.restarted().diagnostics(uri)));
  assert.ok(checkedByLastRun(fx.workspace, uri, 'service-urls')! <= 1, `checked ${checkedByLastRun(fx.workspace, uri, 'service-urls')}`);
  // The suggested name itself renamed: every worker gets the new answer.
  const suggested = renamed.replace('  cache:', '  cachees:');
  fx.open('compose.yaml', suggested);
  const after = fx.service.diagnostics(uri);
  assert.deepEqual(sortedJson(after), sortedJson(fx.restarted().diagnostics(uri)));
  assert.ok(checkedByLastRun(fx.workspace, uri, 'service-urls')! >= 10);
  assert.match(String(after.find((d) => d.code === 'unknown-host')!.message), /Did you mean "cachees"\?/);
});

test('an edge that opens or closes no circle re-checks only its own service for dependency cycles; one that does re-checks the circle, as a fresh service finds', (t) => {
  const workers = Array.from({ length: 12 }, (_, i) => `  worker${i}:\n    image: busybox\n    depends_on: [${i === 0 ? 'a' : `worker${i - 1}`}]\n`).join('');
  const circle = '  a:\n    image: busybox\n    depends_on: [b]\n  b:\n    image: busybox\n    depends_on: [c]\n  c:\n    image: busybox\n    depends_on: [a]\n';
  let text = `services:\n${circle}${workers}`;
  const fx = fixture(t, text);
  const uri = fx.uri('compose.yaml');
  assert.equal(fx.diagnostics('dependency-cycle').length, 3);
  const checked = () => checkedByLastRun(fx.workspace, uri, 'dependency-cycle')!;
  const step = (what: string, next: string, most: number, least = 0) => {
    fx.open('compose.yaml', next);
    const got = fx.service.diagnostics(uri);
    assert.deepEqual(sortedJson(got), sortedJson(fx.restarted().diagnostics(uri)), `diagnostics after: ${what}`);
    assert.ok(checked() <= most && checked() >= least, `${what}: ${checked()} services checked for cycles`);
    return got.filter((d) => d.code === 'dependency-cycle').map((d) => String(d.message));
  };
  // Naming a service above a worker: until its colon the text reads as renaming that worker, whose edges then start elsewhere.
  for (const typed of ['n', 'ne', 'new', 'new:']) step(`"${typed}" typed`, text.replace('\n  worker5:\n', `\n  ${typed}\n  worker5:\n`), 2);
  step('the half-typed name taken back', text, 2);
  // A dependency typed into a worker, toward services that reach no circle back to it.
  for (const typed of ['w', 'worker1', 'c']) step(`depends on "${typed}"`, text.replace('depends_on: [worker2]', `depends_on: [worker2, ${typed}]`), 1);
  text = text.replace('depends_on: [worker2]', 'depends_on: [worker2, worker1]');
  step('that dependency kept', text, 1);
  // The circle's last service now waits for a worker that waits for the circle: a longer circle, every member checked again.
  text = text.replace('    depends_on: [a]\n', '    depends_on: [a, worker3]\n');
  const joined = step('a worker the circle reaches joins the circle', text, 8, 4);
  assert.ok(joined.length > 3 && joined.some((m) => m.startsWith('dependency cycle detected: c -> worker3 ->')), joined.join('\n'));
  text = text.replace('    depends_on: [c]\n', '');
  assert.deepEqual(step('the circle broken inside', text, 8, 4), []);
  text = text.replace('  b:\n    image: busybox\n', '  b:\n    image: busybox\n    depends_on: [c]\n');
  assert.ok(step('closed again', text, 8, 4).length > 3);
  text = text.replace('    depends_on: [a, worker3]\n', '    depends_on: [a]\n');
  assert.equal(step('the worker left out of it', text, 8, 3).length, 3);
  text = text.replace('    depends_on: [b]\n', '    depends_on: [b, c]\n');
  const shortcut = step('a shorter way round the circle', text, 3, 1);
  assert.ok(shortcut.some((m) => m.includes('a -> c -> a')), shortcut.join('\n'));
});

test('random dependencies added, removed and renamed one edit at a time: the cycles found equal a fresh service\'s after every edit', (t) => {
  // Seeded: the same edits on every run.
  const random = prng(20261205);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const names = Array.from({ length: 14 }, (_, i) => `s${i}`);
  const deps = new Map(names.map((name) => [name, new Set<string>()]));
  const text = () => `services:\n${[...deps].map(([name, on]) => `  ${name}:\n    image: busybox\n${on.size > 0 ? `    depends_on: [${[...on].join(', ')}]\n` : ''}`).join('')}`;
  const fx = fixture(t, text());
  const uri = fx.uri('compose.yaml');
  fx.service.diagnostics(uri);
  const cycles = (list: readonly Diagnostic[]) => list.filter((d) => d.code === 'dependency-cycle').map((d) => String(d.message)).sort();
  let circles = 0;
  for (let step = 0; step < 120; step++) {
    const from = pick([...deps.keys()]);
    const roll = random();
    if (roll < 0.4) deps.get(from)!.add(pick([...deps.keys(), 'missing']));
    else if (roll < 0.9) {
      const on = [...deps.get(from)!];
      if (on.length > 0) deps.get(from)!.delete(pick(on));
    } else {
      // A rename, as a name typed over another reads: its edges go with it, those towards it dangle.
      const to = `${from}x`;
      if (deps.has(to)) continue;
      deps.set(to, deps.get(from)!);
      deps.delete(from);
    }
    fx.open('compose.yaml', text());
    const got = cycles(fx.service.diagnostics(uri));
    assert.deepEqual(got, cycles(fx.restarted().diagnostics(uri)), `cycles after step ${step}:\n${text()}`);
    if (got.length > 0) circles++;
  }
  // The walk did close circles (and, removing edges, open them again).
  assert.ok(circles > 10 && circles < 110, `${circles} steps with a circle`);
});

test('a circle of more services than are spelled out (named by its size) broken by one edge is gone from every service, as a fresh service finds', (t) => {
  const ring = (open: number | undefined) => `services:\n${Array.from({ length: 40 }, (_, i) => `  r${i}:\n    image: busybox\n${i === open ? '' : `    depends_on: [r${(i + 1) % 40}]\n`}`).join('')}`;
  const fx = fixture(t, ring(undefined));
  const uri = fx.uri('compose.yaml');
  const closed = fx.diagnostics('dependency-cycle');
  assert.equal(closed.length, 40);
  assert.match(String(closed[0]!.message), /40 services wait for each other in a circle/);
  fx.open('compose.yaml', ring(17));
  assert.deepEqual(fx.diagnostics('dependency-cycle'), []);
  assert.deepEqual(sortedJson(fx.service.diagnostics(uri)), sortedJson(fx.restarted().diagnostics(uri)));
  fx.open('compose.yaml', ring(undefined));
  assert.equal(fx.diagnostics('dependency-cycle').length, 40);
});

test('random host ports taken and freed one edit at a time: each clash names the free port a fresh service names', (t) => {
  // Seeded: the same edits on every run.
  const random = prng(20261206);
  // Twelve services on host ports 8000-8011 in a row (as large files publish them), two taking the same one now and then.
  const ports = Array.from({ length: 12 }, (_, i) => 8000 + i);
  const text = () => `services:\n${ports.map((port, i) => `  s${i}:\n    image: busybox\n    ports: ["${port}:80"${i === 3 ? ', "9000-9003:90-93"' : ''}]\n`).join('')}`;
  const fx = fixture(t, text());
  const uri = fx.uri('compose.yaml');
  fx.service.diagnostics(uri);
  const clashes = (list: readonly Diagnostic[]) => list.filter((d) => d.code === 'port-conflict').map((d) => `${d.range.start.line} ${String(d.message)} ${JSON.stringify(d.data)}`).sort();
  const named = new Set<string>();
  for (let step = 0; step < 80; step++) {
    ports[Math.floor(random() * ports.length)] = 7998 + Math.floor(random() * 18);
    fx.open('compose.yaml', text());
    const got = clashes(fx.service.diagnostics(uri));
    assert.deepEqual(got, clashes(fx.restarted().diagnostics(uri)), `clashes after step ${step}:\n${text()}`);
    for (const line of got) named.add(/\((\d+) is free in this project\)/.exec(line)?.[1] ?? '');
  }
  // The walk named many free ports (the first gap above a clash moves as ports are taken and freed), past the taken range 9000-9003 too.
  assert.ok(named.size > 6, `free ports named: ${[...named].join(', ')}`);
});

test('no-shared-network follows the networks a << merge brings, and an edit of the anchor alone brings the finding and takes it away', (t) => {
  const text = (networks: string) => `x-net: &net
  networks: ${networks}
services:
  web:
    <<: *net
    image: nginx
    environment:
      DB_URL: postgres://db:5432/app
  db:
    image: postgres
    networks: [back]
networks:
  front: {}
  back: {}
`;
  const fx = fixture(t, text('[back]'));
  const URI = fx.uri('compose.yaml');
  const shared = (list: Diagnostic[]) => list.filter((d) => d.code === 'no-shared-network').map((d) => d.message);
  assert.deepEqual(shared(fx.diagnostics()), []);
  for (const [networks, expected] of [['[front]', 1], ['[front, back]', 0], ['[front]', 1], ['[back]', 0]] as const) {
    fx.open('compose.yaml', text(networks));
    const got = shared(fx.service.diagnostics(URI));
    assert.equal(got.length, expected, `web on ${networks}: ${got.join(' ')}`);
    assert.deepEqual(got, shared(fx.restarted().diagnostics(URI)), `as a fresh server, web on ${networks}`);
  }
  fx.open('compose.yaml', text('[front]'));
  assert.match(String(shared(fx.service.diagnostics(URI))[0]), /"web" and "db" share no network \(web: front; db: back\)/);
});

test('a finding on what a << merge brings stays on the alias when lines above it come and go, as a fresh server places it', (t) => {
  const text = (above: string) => `${above}x-web: &web
  ports: ["8080:80"]
  container_name: shop
services:
  a:
    <<: *web
    image: x
  b:
    image: x
    ports: ["8080:80"]
    container_name: shop
`;
  const fx = fixture(t, text(''));
  const URI = fx.uri('compose.yaml');
  const shown = (list: Diagnostic[]) => list.filter((d) => d.code === 'port-conflict' || d.code === 'container-name-conflict').map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`).sort();
  assert.deepEqual(shown(fx.diagnostics()).filter((s) => s.includes(' 5:')), ['container-name-conflict 5:8-5:12', 'port-conflict 5:8-5:12']);
  for (const above of ['# one\n', '# one\n# two\nname: shop\n', '', '\n\n']) {
    fx.open('compose.yaml', text(above));
    const got = shown(fx.service.diagnostics(URI));
    assert.equal(got.length, 4, above);
    assert.deepEqual(got, shown(fx.restarted().diagnostics(URI)), `with ${JSON.stringify(above)} above`);
  }
});
