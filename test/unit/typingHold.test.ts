// The typing hold (server/src/typingHold.ts), measured: a Compose file typed
// key by key, 150 ms apart, with real diagnostics after every key. A "flash"
// is a diagnostic published after one key and gone after the next.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BODY_HOLD_MS, HOLD_MS, LIST_HOLD_MS, opensBody, TypingHold } from '../../server/src/typingHold';
import type { LanguageService } from '../../server/src/service';
import { fixture, type Cleanup } from '../support/fixture';

const FILE = [
  'services:',
  '  db:',
  '    image: postgres:16',
  '    environment:',
  '      POSTGRES_PASSWORD: example',
  '    restart: unless-stopped',
  '  web:',
  '    image: nginx',
  '    depends_on:',
  '      - db',
  '    ports:',
  '      - "8080:80"',
  '',
].join('\n');

const KEY_GAP_MS = 150;

interface Run {
  flashes: string[];
  /** What is published once the user stops typing. */
  final: Diagnostic[];
  /** What the rules say about the final text. */
  computed: Diagnostic[];
}

/** Every list a hold published (the first before any key), and what the rules say about the typed text. */
interface Typing {
  published: Diagnostic[][];
  computed: Diagnostic[];
}

/**
 * Types `keys` one at a time, KEY_GAP_MS apart, at the end of line `at` of `text` (the end of the text
 * when `at` is undefined), with real diagnostics after every key published through a TypingHold of
 * `holdMs` (which knows where a typed line lands findings elsewhere, if `withRegion`); then pauses.
 */
function typeThroughHold(service: LanguageService, uri: string, text: string, keys: string, at: number | undefined, holdMs: number, withRegion = false): Typing {
  let clock = 0;
  const published: Diagnostic[][] = [];
  const regionOf = withRegion ? (u: string, l: number) => service.typingRegion(u, l) : undefined;
  const hold = new TypingHold((_uri, _version, diagnostics) => published.push(diagnostics), holdMs, () => clock, regionOf);
  let doc = TextDocument.create(uri, 'dockercompose', 0, text);
  service.documentChanged(doc);
  hold.show(uri, 0, service.diagnostics(uri));
  let computed: Diagnostic[] = [];
  for (const char of keys) {
    clock += KEY_GAP_MS;
    const end = at === undefined ? doc.positionAt(doc.getText().length) : { line: at, character: doc.getText().split('\n')[at]!.length };
    const change = { range: { start: end, end }, text: char };
    hold.edited(uri, [change], doc.version + 1);
    doc = TextDocument.update(doc, [change], doc.version + 1);
    service.documentChanged(doc);
    computed = service.diagnostics(uri);
    hold.show(uri, doc.version, computed);
  }
  clock += holdMs;
  hold.release(uri);
  hold.forget(uri);
  return { published, computed };
}

/** Types FILE key by key through a TypingHold of `holdMs`. */
function typeFile(t: Cleanup, holdMs: number, text = FILE): Run {
  // An empty project folder: the file exists only in the editor, as a new file does.
  const fx = fixture(t);
  const { published, computed } = typeThroughHold(fx.service, fx.uri('compose.yaml'), '', text, undefined, holdMs);
  const flashes: string[] = [];
  const key = (d: Diagnostic) => `${d.range.start.line}:${d.message}`;
  for (let i = 0; i + 1 < published.length; i++) {
    const next = new Set(published[i + 1].map(key));
    for (const d of published[i]) if (!next.has(key(d))) flashes.push(key(d));
  }
  return { flashes, final: published[published.length - 1], computed };
}

test('typed key by key: without the hold errors flash on the line being typed; with it none do', (t) => {
  const without = typeFile(t, 0);
  const held = typeFile(t, HOLD_MS);
  console.log(`flashes while typing ${FILE.length} keys: ${without.flashes.length} without the hold, ${held.flashes.length} with a ${HOLD_MS} ms hold`);
  assert.ok(without.flashes.length > 10, `the measurement sees the problem: ${without.flashes.slice(0, 3).join(' | ')}`);
  assert.deepEqual(held.flashes, []);
  assert.deepEqual(held.final, []);
});

test('after the pause everything computed is published: a real error is only late, never lost', (t) => {
  const broken = FILE.replace('unless-stopped', 'sometimes');
  const run = typeFile(t, HOLD_MS, broken);
  assert.ok(run.computed.some((d) => d.code === 'invalid-format'));
  assert.deepEqual(run.final, run.computed);
});

/** The end of line `line` (of any length a test's lines have), where the user types. */
function endOfLine(line: number): { start: { line: number; character: number }; end: { line: number; character: number } } {
  return { start: { line, character: 200 }, end: { line, character: 200 } };
}

test('an error on a line the user has left is shown at once; one already shown on the typed line stays', () => {
  const clock = 1000;
  const published: Diagnostic[][] = [];
  const hold = new TypingHold((_u, _v, d) => published.push(d), HOLD_MS, () => clock);
  const error = (line: number, message: string): Diagnostic => ({ range: { start: { line, character: 4 }, end: { line, character: 6 } }, message, code: 'x' });
  hold.show('u', 1, [error(2, 'old')]);
  hold.edited('u', [{ range: endOfLine(2), text: 'a' }], 2);
  hold.show('u', 2, [error(2, 'old'), error(2, 'new'), error(5, 'elsewhere')]);
  assert.deepEqual(published.at(-1)!.map((d) => d.message), ['old', 'elsewhere']);
  // Typing two lines further down: line 2 is judged now. The finding gone from line 5 stays shown, where
  // the Enter moved it, until the pause (typing hides what it is about to bring back).
  hold.edited('u', [{ range: endOfLine(3), text: '\n    ' }], 3);
  hold.show('u', 3, [error(2, 'new')]);
  assert.deepEqual(published.at(-1)!.map((d) => `${d.range.start.line} ${d.message}`), ['2 new', '6 elsewhere']);
  hold.forget('u');
});

/** A clock the hold reads and the timers it arms, moved on together: `tick(ms)` is `ms` of the user's time. */
function mockedClock(t: TestContext): { now: () => number; tick: (ms: number) => void } {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let clock = 0;
  return {
    now: () => clock,
    tick: (ms) => {
      clock += ms;
      t.mock.timers.tick(ms);
    },
  };
}

test('a burst of keys after the run keeps its stale error held until the pause after the last key', (t) => {
  // In the server the scheduler coalesces a burst of typing into one run at its end, so keys
  // arrive with no show() between them while the hold's timer runs.
  const { now, tick } = mockedClock(t);
  const published: string[][] = [];
  const hold = new TypingHold((_u, _v, d) => published.push(d.map((x) => String(x.message))), HOLD_MS, now);
  const empty: Diagnostic = { range: { start: { line: 3, character: 4 }, end: { line: 3, character: 9 } }, message: 'ports must be a list, not empty', code: 'wrong-type' };
  // `    ports:` then Enter: the run sees the new, still empty, list under line 3 being started on line 4.
  hold.edited('u', [{ range: endOfLine(3), text: '\n      ' }], 2);
  hold.show('u', 2, [empty]);
  assert.deepEqual(published, [[]], 'held while the list is being started');
  // `- 8080:80`, a key every 120 ms: longer than the hold altogether, with no run in between.
  let version = 2;
  for (const key of '- 8080:80') {
    tick(120);
    hold.edited('u', [{ range: endOfLine(4), text: key }], ++version);
  }
  assert.ok(now() > HOLD_MS);
  assert.deepEqual(published, [[]], 'the list computed before `- 8080:80` is not shown while it is typed');
  // The run after the burst knows the list has an item; the pause then publishes it.
  tick(120);
  hold.show('u', 11, []);
  tick(HOLD_MS);
  assert.deepEqual(published.flat(), []);
  // A real error typed and left for a pause is still shown, only after the pause.
  hold.edited('u', [{ range: endOfLine(4), text: 'x' }], 12);
  hold.show('u', 12, [empty]);
  tick(HOLD_MS - 1);
  assert.deepEqual(published.at(-1), []);
  tick(1);
  assert.deepEqual(published.at(-1), ['ports must be a list, not empty']);
  hold.forget('u');
});

test('while a completion list offered on the typed line is on screen the pause is longer: the user stopped typing to choose from it', (t) => {
  const { now, tick } = mockedClock(t);
  const published: string[][] = [];
  const hold = new TypingHold((_u, _v, d) => published.push(d.map((x) => String(x.message))), HOLD_MS, now);
  const unset: Diagnostic = { range: { start: { line: 4, character: 18 }, end: { line: 4, character: 20 } }, message: 'Variable AP is not set', code: 'unset-variable' };
  hold.show('u', 1, []);
  // `${AP` typed, and the editor shows APP_MODE and APP_PORT under it.
  hold.edited('u', [{ range: endOfLine(4), text: 'P' }], 2);
  hold.listShown('u', 4, 2);
  hold.show('u', 2, [unset]);
  tick(HOLD_MS);
  assert.deepEqual(published.at(-1), [], 'not at the usual pause while the list is on screen');
  tick(LIST_HOLD_MS - HOLD_MS);
  assert.deepEqual(published.at(-1), ['Variable AP is not set'], 'the list left open (Escape is not seen): shown all the same');
  // A list of an older version, or on another line, is not the one on screen.
  for (const [line, version, listed] of [[4, 3, 2], [5, 4, 4]] as const) {
    hold.edited('u', [{ range: endOfLine(4), text: 'X' }], version);
    hold.listShown('u', line, listed);
    hold.show('u', version, [{ ...unset, message: `again ${version}` }]);
    tick(HOLD_MS);
    assert.deepEqual(published.at(-1), [`again ${version}`]);
  }
  hold.forget('u');
});

test('after Enter opened the body of a key with no value yet the pause is longer: the user is about to write what it holds; the first key ends it', (t) => {
  const { now, tick } = mockedClock(t);
  const published: string[][] = [];
  const hold = new TypingHold((_u, _v, d) => published.push(d.map((x) => String(x.message))), HOLD_MS, now);
  const empty: Diagnostic = { range: { start: { line: 3, character: 2 }, end: { line: 3, character: 7 } }, message: 'services.cache must be a mapping', code: 'wrong-type' };
  hold.show('u', 1, []);
  // `  cache:` then Enter: the editor puts the cursor one step in on line 4.
  hold.edited('u', [{ range: endOfLine(3), text: '\n    ' }], 2);
  hold.bodyOpened('u', 4, 2);
  hold.show('u', 2, [empty]);
  tick(HOLD_MS);
  assert.deepEqual(published.at(-1), [], 'not at the usual pause: the body is about to be written');
  tick(BODY_HOLD_MS - HOLD_MS);
  assert.deepEqual(published.at(-1), ['services.cache must be a mapping'], 'nothing written after all: shown');
  // The first key typed in the body: the usual pause again.
  hold.edited('u', [{ range: endOfLine(5), text: '\n    ' }], 3);
  hold.bodyOpened('u', 6, 3);
  hold.edited('u', [{ range: endOfLine(6), text: 'i' }], 4);
  hold.show('u', 4, [{ ...empty, message: 'services.other must be a mapping' }]);
  tick(HOLD_MS);
  assert.deepEqual(published.at(-1), ['services.other must be a mapping']);
  hold.forget('u');
});

test('a body is opened by Enter after a key with no value, the new line only indented deeper; not by Enter after a value, in a line, or at the same depth', () => {
  assert.equal(opensBody('\n    ', '    ', '  cache:'), true);
  assert.equal(opensBody('\r\n      ', '      ', '    depends_on: # later'), true);
  assert.equal(opensBody('\n    ', '    ', '  image: nginx'), false, 'after a value');
  assert.equal(opensBody('\n  ', '  ', '  cache:'), false, 'at the same depth: a sibling, not the body');
  assert.equal(opensBody('\n    ', '    web', '  cache:'), false, 'Enter inside a line: the rest moved down');
  assert.equal(opensBody('i', '    i', '  cache:'), false, 'a key typed');
  assert.equal(opensBody('\n\n    ', '    ', ''), false, 'a paste of lines');
});

test('the line being typed is told until the pause, and what waits for the pause is called once at its end, later if the typing goes on', (t) => {
  const { now, tick } = mockedClock(t);
  const hold = new TypingHold(() => undefined, HOLD_MS, now);
  assert.equal(hold.typingLine('u'), undefined, 'nothing typed yet');
  hold.edited('u', [{ range: endOfLine(4), text: 'A' }], 2);
  assert.equal(hold.typingLine('u'), 4);
  const calls: number[] = [];
  hold.whenPaused('u', () => calls.push(now()));
  tick(HOLD_MS / 2);
  // Another key: the pause moves, and asking again keeps one wait.
  hold.edited('u', [{ range: endOfLine(4), text: 'P' }], 3);
  hold.whenPaused('u', () => calls.push(now()));
  tick(HOLD_MS / 2);
  assert.deepEqual(calls, [], 'the pause has not come: a key came half-way');
  assert.equal(hold.typingLine('u'), 4);
  tick(HOLD_MS / 2);
  assert.deepEqual(calls, [HOLD_MS * 1.5], 'once, at the pause after the last key');
  assert.equal(hold.typingLine('u'), undefined, 'paused');
  // With a completion list on screen on the typed line, the pause is the list's.
  hold.edited('u', [{ range: endOfLine(4), text: 'P' }], 4);
  hold.listShown('u', 4, 4);
  tick(HOLD_MS);
  assert.equal(hold.typingLine('u'), 4);
  tick(LIST_HOLD_MS - HOLD_MS);
  assert.equal(hold.typingLine('u'), undefined);
  hold.forget('u');
});

test('while the user types, a list the editor already shows is not sent again; the pause sends the latest version once; a new or changed finding is sent at once, one gone from elsewhere at the pause', (t) => {
  const { now, tick } = mockedClock(t);
  const sent: { version: number; messages: string[] }[] = [];
  const hold = new TypingHold((_u, version, d) => sent.push({ version, messages: d.map((x) => String(x.message)) }), HOLD_MS, now);
  const warning = (line: number, message = 'no shared network', data?: unknown): Diagnostic => ({
    range: { start: { line, character: 4 }, end: { line, character: 9 } },
    message,
    code: 'no-shared-network',
    severity: 2,
    source: 'dockhand',
    ...(data === undefined ? {} : { data }),
  });
  hold.show('u', 1, []);
  assert.deepEqual(sent, [{ version: 1, messages: [] }], 'an empty first list is sent: the editor may hold an older one');
  hold.show('u', 2, [warning(40), warning(90)]);
  // Keys typed on line 3, far from both: each run finds the same list, made anew (other objects, equal fields).
  for (let version = 3; version <= 5; version++) {
    tick(150);
    hold.edited('u', [{ range: endOfLine(3), text: 'x' }], version);
    hold.show('u', version, [warning(40), warning(90)]);
  }
  assert.deepEqual(sent.map((s) => s.version), [1, 2], 'nothing is sent while the user types');
  tick(HOLD_MS);
  assert.deepEqual(sent.map((s) => s.version), [1, 2, 5], 'the pause sends the latest version');
  // Another file's edit re-runs this one: the same version, the same list.
  hold.show('u', 5, [warning(40), warning(90)]);
  assert.equal(sent.length, 3);
  // While typing, each field a diagnostic is shown with counts.
  const changes: Diagnostic[][] = [
    [warning(41), warning(90)],
    [{ ...warning(41), range: { start: { line: 41, character: 5 }, end: { line: 41, character: 9 } } }, warning(90)],
    [{ ...warning(41), severity: 1 }, warning(90)],
    [warning(41, 'another message'), warning(90)],
    [warning(41, 'another message', { fix: 'a' }), warning(90)],
    [warning(41, 'another message', { fix: 'b' }), warning(90)],
  ];
  for (const [i, list] of changes.entries()) {
    tick(150);
    hold.edited('u', [{ range: endOfLine(3), text: 'x' }], 6 + i);
    hold.show('u', 6 + i, list);
  }
  assert.deepEqual(sent.map((s) => s.version), [1, 2, 5, 6, 7, 8, 9, 10, 11]);
  tick(150);
  hold.edited('u', [{ range: endOfLine(3), text: 'x' }], 12);
  hold.show('u', 12, [warning(41, 'another message', { fix: 'b' }), warning(90)]);
  assert.equal(sent.length, 9, 'equal data, another object: not sent while typing');
  // A finding gone from elsewhere while the user types stays shown until the pause, which sends it gone.
  tick(150);
  hold.edited('u', [{ range: endOfLine(3), text: 'x' }], 13);
  hold.show('u', 13, [warning(41, 'another message', { fix: 'b' })]);
  assert.equal(sent.length, 9, 'nothing new to show while typing');
  tick(HOLD_MS);
  assert.deepEqual(sent.at(-1), { version: 13, messages: ['another message'] }, 'the pause sends it gone');
  // A closed and reopened document starts again: its first list is sent even if it equals the last one.
  hold.forget('u');
  hold.show('u', 1, [warning(41, 'another message', { fix: 'b' })]);
  assert.equal(sent.length, 11);
  hold.forget('u');
});

/**
 * Types `line` key by key into line `at` of `text` (which holds only its indentation there, as after
 * Enter; undefined: at the end of the text, so `line` may go on over Enter), 150 ms apart, through a hold that knows (or not) where the typed line lands findings
 * elsewhere; returns the flashes and the list after the pause.
 */
function typeLineInto(t: Cleanup, text: string, at: number | undefined, line: string, withRegion: boolean): Run {
  const fx = fixture(t, { 'base.yaml': 'services:\n  base:\n    image: busybox\n' });
  const { published, computed } = typeThroughHold(fx.service, fx.uri('compose.yaml'), text, line, at, HOLD_MS, withRegion);
  // A flash: published while the line is typed, shown neither before it nor once it is typed.
  const key = (d: Diagnostic) => `${d.range.start.line}:${String(d.code)}`;
  const before = new Set(published[0]!.map(key));
  const after = new Set(published.at(-1)!.map(key));
  const flashes = new Set<string>();
  for (const list of published) for (const d of list) if (!before.has(key(d)) && !after.has(key(d))) flashes.add(`${key(d)} ${d.message}`);
  return { flashes: [...flashes], final: published.at(-1)!, computed };
}

test('a line typed lands no passing finding on other lines: its collection, the keys that hold it, the aliases of its anchor, a quote left open', (t) => {
  const cases: { what: string; text: string; at: number | undefined; line: string }[] = [
    {
      // Until `image:` is typed the service has neither an image nor a build: an error on its name, two
      // lines above the key typed after the first one.
      what: "a service's second key typed before its image",
      text: 'services:\n  db:\n    image: postgres\n  web:\n    ',
      at: undefined,
      line: 'container_name: web\n    image: nginx\n',
    },
    {
      // Until the service's name is typed, `extends` names no service that brings an image: an error on the
      // name of the service, two levels above the typed line.
      what: 'a service extended, typed under extends:',
      text: 'services:\n  api:\n    image: node:20\n  worker:\n    ',
      at: undefined,
      line: 'extends:\n      service: api\n',
    },
    {
      what: 'a merge typed before the image',
      text: 'x-defaults: &defaults\n  restart: always\nservices:\n  web:\n    ',
      at: undefined,
      line: '<<: *defaults\n    image: nginx\n',
    },
    {
      // Each key of the path is a file that does not exist, reported on the `service:` line below.
      what: 'extends file path',
      text: 'services:\n  web:\n    extends:\n      \n      service: base\n',
      at: 3,
      line: 'file: base.yaml',
    },
    {
      // `u`, `un`... are no restart policy, reported where each service merges the anchor.
      what: 'a value in an anchored block',
      text: 'x-common: &common\n  \nservices:\n  a:\n    <<: *common\n    image: busybox\n  b:\n    <<: *common\n    image: busybox\n',
      at: 1,
      line: 'restart: unless-stopped',
    },
    {
      // `&c`, `&co`... name no anchor the aliases below use.
      what: "an anchor's name",
      text: '\n  restart: always\nservices:\n  a:\n    <<: *common\n    image: busybox\n',
      at: 0,
      line: 'x-common: &common',
    },
    {
      // Without an editor that closes quotes, the value runs on to the end of the file until its quote
      // is typed: a syntax error at the file's last line.
      what: 'a quote typed open',
      text: 'services:\n  a:\n    \n    restart: always\n  b:\n    image: busybox\n',
      at: 2,
      line: 'image: "busybox"',
    },
    {
      // Without an editor that closes brackets, a flow list typed open is a syntax error two lines below.
      what: 'a bracket typed open',
      text: 'services:\n  a:\n    image: busybox\n    \n    init: true\n    restart: always\n  b:\n    image: busybox\n',
      at: 3,
      line: 'depends_on: [b]',
    },
  ];
  for (const c of cases) {
    const without = typeLineInto(t, c.text, c.at, c.line, false);
    const held = typeLineInto(t, c.text, c.at, c.line, true);
    assert.ok(without.flashes.length > 0, `${c.what}: the measurement sees the problem without the region`);
    assert.deepEqual(held.flashes, [], c.what);
    assert.deepEqual(held.final, held.computed, `${c.what}: everything is published at the pause`);
  }
});

/**
 * `text` open in a fresh service, its findings published through a hold whose clock stands still (the
 * pause never comes: every list is one the user sees while typing); `edit` applies a change as the editor
 * sends it and publishes the new version's findings.
 */
function frozenHold(t: TestContext, text: string) {
  const fx = fixture(t);
  const service = fx.service;
  const uri = fx.uri('compose.yaml');
  const published: Diagnostic[][] = [];
  const hold = new TypingHold((_u, _v, d) => published.push(d), HOLD_MS, () => 1000, (u, l) => service.typingRegion(u, l));
  t.after(() => hold.forget(uri));
  let doc = TextDocument.create(uri, 'dockercompose', 1, text);
  service.documentChanged(doc);
  hold.show(uri, 1, service.diagnostics(uri));
  const edit = (change: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }) => {
    const version = doc.version + 1;
    hold.edited(uri, [change], version);
    doc = TextDocument.update(doc, [change], version);
    service.documentChanged(doc);
    hold.show(uri, version, service.diagnostics(uri));
  };
  return { published, edit };
}

test("a typed port's clash with another service's line is still shown at once", (t) => {
  const text = 'services:\n  a:\n    image: busybox\n    ports:\n      - "8080:80"\n  b:\n    image: busybox\n    ports:\n      - "8081:80"\n';
  const { published, edit } = frozenHold(t, text);
  edit({ range: { start: { line: 8, character: 12 }, end: { line: 8, character: 13 } }, text: '0' }); // 8081 -> 8080
  const lines = published.at(-1)!.filter((d) => d.code === 'port-conflict').map((d) => d.range.start.line);
  assert.deepEqual(lines, [4], 'the other service\'s port line at once; the typed line waits for the pause');
});

test('Enter pressed above findings moves them a line: the editor moves what it shows, and the pause sends them where they are now', (t) => {
  // Each service has one finding: a restart policy Compose refuses.
  const text = 'services:\n  a:\n    image: busybox\n    restart: sometimes\n    ports:\n      - "8080:80"\n  b:\n    image: busybox\n    restart: sometimes\n';
  const { now, tick } = mockedClock(t);
  tick(10_000);
  const fx = fixture(t);
  const uri = fx.uri('compose.yaml');
  const published: Diagnostic[][] = [];
  const hold = new TypingHold((_u, _v, d) => published.push(d), HOLD_MS, now, (u, l) => fx.service.typingRegion(u, l));
  t.after(() => hold.forget(uri));
  let doc = TextDocument.create(uri, 'dockercompose', 1, text);
  fx.service.documentChanged(doc);
  hold.show(uri, 1, fx.service.diagnostics(uri));
  const typeAt = (line: number, character: number, typed: string) => {
    tick(150);
    const change = { range: { start: { line, character }, end: { line, character } }, text: typed };
    const version = doc.version + 1;
    hold.edited(uri, [change], version);
    doc = TextDocument.update(doc, [change], version);
    fx.service.documentChanged(doc);
    hold.show(uri, version, fx.service.diagnostics(uri));
  };
  const lines = () => published.at(-1)!.map((d) => `${d.range.start.line} ${String(d.code)}`).sort();
  assert.deepEqual(lines(), ['3 invalid-format', '8 invalid-format']);
  // Enter after a's image, indented as VS Code does: a's next key goes on line 3. Both findings move a line
  // down with their text; the list that says only that is not sent while the user types.
  typeAt(2, 18, '\n    ');
  assert.equal(published.length, 1, 'the list moved by the Enter waits for the pause');
  // Then a second Enter on the blank line, and a key on the new one, whole (a completion accepted).
  typeAt(3, 4, '\n    ');
  typeAt(4, 4, 'init: true');
  assert.equal(published.length, 1, 'still nothing new to show while typing');
  tick(HOLD_MS);
  assert.deepEqual(lines(), ['10 invalid-format', '5 invalid-format'], 'the pause sends both, two lines down');
  // A line taken out above them (the blank one under a's image, deleted whole): they move up with the text,
  // and nothing is sent until the pause.
  tick(150);
  const deleted = { range: { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } }, text: '' };
  hold.edited(uri, [deleted], doc.version + 1);
  doc = TextDocument.update(doc, [deleted], doc.version + 1);
  fx.service.documentChanged(doc);
  hold.show(uri, doc.version, fx.service.diagnostics(uri));
  assert.equal(published.length, 2, 'a line taken out above the findings: nothing sent while typing');
  tick(HOLD_MS);
  assert.deepEqual(lines(), ['4 invalid-format', '9 invalid-format'], 'the pause sends both, a line up');
  // A line typed under b's image that clashes with a's port: the clash on a's line is new, and it is sent at
  // once, with the findings the Enter moved where they are now (the typed line's own waits for the pause).
  typeAt(8, 18, '\n    ports: ["8080:80"]');
  assert.equal(published.length, 4);
  assert.deepEqual(lines(), ['10 invalid-format', '4 invalid-format', '6 port-conflict']);
  // The clash points at b's mapping as its related place (not a line in its message). Enter above both: the
  // clash and its related place move with the text, so the list waits for the pause like the others.
  const relatedLines = () => published.at(-1)!.flatMap((d) => (d.relatedInformation ?? []).map((r) => `${d.range.start.line} -> ${r.location.range.start.line}`));
  assert.deepEqual(relatedLines(), ['6 -> 9']);
  const before = published.length;
  typeAt(0, 9, '\n  ');
  assert.equal(published.length, before, 'a clash that only moved, with its related place, is not sent while typing');
  tick(HOLD_MS);
  // (b's own clash, on the line typed before the Enter, waited for the pause too.)
  assert.deepEqual(relatedLines(), ['7 -> 10', '10 -> 7'], 'the pause sends the clash and its related place a line down');
  assert.deepEqual(published.at(-1), fx.service.diagnostics(uri));
  // b's mapping edited (a space typed before its port): the related place of a's clash was in the edited
  // text, so the moved list no longer says where it is, and the new list is sent at once.
  const sentBefore = published.length;
  typeAt(10, 12, ' ');
  assert.equal(doc.getText().split('\n')[10], '    ports: [ "8080:80"]');
  assert.equal(published.length, sentBefore + 1, 'a finding whose related place was edited is sent');
  assert.deepEqual(published.at(-1)!.find((d) => d.range.start.line === 7)!.relatedInformation!.map((r) => r.location.range.start), [{ line: 10, character: 13 }]);
});

test('a key typed above another keeps the findings of the entry it joins, and those it makes elsewhere, shown until its colon; so does one typed below a sibling', (t) => {
  // `    h`, `    ho`... over `    depends_on:` read as one key with it (`h depends_on`) until the colon, and
  // the undefined service under it is no longer a finding meanwhile; nor is the missing file under
  // `extends:` while a key is typed above `file:`.
  const cases = [
    { what: 'depends_on below', text: 'services:\n  web:\n    image: nginx\n    \n    depends_on:\n      - cache\n', at: 3, line: 'hostname: web' },
    { what: 'a dependency cycle through the entry below', text: 'services:\n  s1:\n    \n    depends_on: [s2]\n  s2:\n    image: busybox\n    depends_on: [s3]\n  s3:\n    image: busybox\n    depends_on: [s1]\n', at: 2, line: 'image: busybox' },
    { what: 'extends below', text: 'services:\n  web:\n    image: nginx\n    \n    extends:\n      file: nowhere.yaml\n      service: base\n', at: 3, line: 'init: true' },
    // Beside the line above, not under it: until its colon the word makes the mapping's findings unreliable.
    { what: 'a key typed below a sibling with a finding', text: 'services:\n  web:\n    image: python\n    environment:\n      PYTHON_VERSION: 3.10\n      \n', at: 5, line: 'RELEASE: 1.0.0' },
  ];
  for (const c of cases) {
    const fx = fixture(t);
    const gapsWith = (holdMs: number) => {
      const { published } = typeThroughHold(fx.service, fx.uri('compose.yaml'), c.text, c.line, c.at, holdMs, true);
      // A gap: shown before the line was typed and after it, missing from a list published meanwhile.
      const key = (d: Diagnostic, moved: number) => `${d.range.start.line - moved}:${String(d.code)}`;
      const before = published[0]!.map((d) => key(d, 0));
      const after = new Set(published.at(-1)!.map((d) => key(d, 0)));
      const gaps = new Set<string>();
      for (const list of published.slice(1)) {
        const now = new Set(list.map((d) => key(d, 0)));
        for (const k of before) if (after.has(k) && !now.has(k)) gaps.add(k);
      }
      return { gaps: [...gaps], before };
    };
    const without = gapsWith(0);
    assert.ok(without.before.length > 0 && without.gaps.length > 0, `${c.what}: the measurement sees the finding go: ${JSON.stringify(without)}`);
    assert.deepEqual(gapsWith(HOLD_MS).gaps, [], c.what);
  }
});
