// A Compose file typed key by key in real VS Code (code-server, default
// editor settings), as a person types it: each line's text, Enter at its end,
// Tab or Backspace for the indentation the editor did not guess (where Enter
// put the cursor is held to the Enter rules, client/src/enterRules.ts). Never Escape:
// whatever suggestion list is open when Enter is pressed is accepted, so the
// file on disk equals what was meant only if completion never got in the way.
// Screenshots of the moments that used to go wrong go to test/e2e/.artifacts.
// Then a name problem while a key is typed elsewhere in a file: every new key
// is a word with no colon for a few keystrokes, a syntax error, and past a
// syntax error the server used to judge no name at all, so the Problems count
// dropped on the first key and came back at the colon.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { chooseQuickFix, focusWorkbench, goTo, indentTo, openFile, openSession, problemCounts, screenshot, type Session } from './harness';
import { afterPause, keyTimes, longestGaps, recordKeyTimes } from './harness/typingPauses';
import { indentAfterEnter } from '../../client/src/enterRules';

const INTENDED = [
  'services:',
  '  db:',
  '    image: postgres:16',
  '    environment:',
  '      POSTGRES_PASSWORD: ${DB_PASSWORD}',
  '      POSTGRES_DB: app',
  '    volumes:',
  '      - dbdata:/var/lib/postgresql/data',
  '    networks:',
  '      - backend',
  '    healthcheck:',
  '      test: ["CMD", "pg_isready", "-U", "postgres"]',
  '      interval: 10s',
  '    restart: unless-stopped',
  '    mem_limit: 1g',
  '    memswap_limit: 2g',
  '    ulimits:',
  '      nofile: 65536',
  '  web:',
  '    image: nginx:1.27',
  '    command: nginx -g "daemon off;"',
  '    depends_on:',
  '      db:',
  '        condition: service_healthy',
  '    ports:',
  '      - "${WEB_PORT}:80"',
  '    networks:',
  '      - frontend',
  '      - backend',
  '    restart: on-failure',
  'networks:',
  '  frontend:',
  '  backend:',
  'volumes:',
  '  dbdata:',
  '',
].join('\n');

/** Long syntax (ports, volumes, configs), build arguments, `depends_on` conditions, an anchor used whole, and secrets from a file and from the environment. */
const LONG_SYNTAX = [
  'name: shop',
  'x-logging: &default-logging',
  '  driver: json-file',
  '  options:',
  '    max-size: 10m',
  '    max-file: "3"',
  'services:',
  '  api:',
  '    build:',
  '      context: ./api',
  '      dockerfile: Dockerfile',
  '      args:',
  '        NODE_ENV: production',
  '    image: shop/api:latest',
  '    env_file:',
  '      - .env',
  '    environment:',
  '      - DATABASE_URL=postgres://db:5432/shop',
  '      - REDIS_URL=redis://cache:6379',
  '    ports:',
  '      - target: 3000',
  '        published: "3000"',
  '        protocol: tcp',
  '    volumes:',
  '      - type: bind',
  '        source: ./api/src',
  '        target: /app/src',
  '        read_only: true',
  '    depends_on:',
  '      db:',
  '        condition: service_healthy',
  '      cache:',
  '        condition: service_started',
  '    logging: *default-logging',
  '    deploy:',
  '      resources:',
  '        limits:',
  '          cpus: "0.5"',
  '          memory: 512M',
  '    secrets:',
  '      - api_key',
  '    profiles:',
  '      - app',
  '    extra_hosts:',
  '      - "host.docker.internal:host-gateway"',
  '    labels:',
  '      com.example.team: shop',
  '  db:',
  '    image: postgres:16-alpine',
  '    environment:',
  '      POSTGRES_PASSWORD_FILE: /run/secrets/db_password',
  '    secrets:',
  '      - db_password',
  '    volumes:',
  '      - pgdata:/var/lib/postgresql/data',
  '    healthcheck:',
  '      test: ["CMD-SHELL", "pg_isready -U postgres"]',
  '      interval: 5s',
  '      timeout: 3s',
  '      retries: 5',
  '      start_period: 10s',
  '  cache:',
  '    image: redis:7',
  '    command: ["redis-server", "--appendonly", "yes"]',
  '    configs:',
  '      - source: redis_conf',
  '        target: /usr/local/etc/redis/redis.conf',
  'volumes:',
  '  pgdata:',
  'secrets:',
  '  api_key:',
  '    file: ./secrets/api_key.txt',
  '  db_password:',
  '    environment: DB_PASSWORD',
  'configs:',
  '  redis_conf:',
  '    file: ./redis.conf',
  '',
].join('\n');

/**
 * A service's keys before its image or build (a name, a build, an `extends:`), a merged environment, a folded
 * command, a Dockerfile's stage and argument, a list reset: the service is without an image while its first
 * keys are typed, which is no problem to show on its name until the user pauses.
 */
const SERVICE_KEYS_FIRST = [
  'name: shop',
  'x-env: &env',
  '  TZ: UTC',
  '  LOG_LEVEL: info',
  'services:',
  '  api:',
  '    build:',
  '      context: ./api',
  '      target: prod',
  '      args:',
  '        NODE_VERSION: "20"',
  '    environment:',
  '      <<: *env',
  '      DATABASE_URL: postgres://db:5432/shop',
  '    command: >',
  '      node server.js',
  '      --port 3000',
  '    healthcheck:',
  '      test: ["CMD-SHELL", "wget -qO- http://localhost:3000/health || exit 1"]',
  '      interval: 10s',
  '    ports:',
  '      - "3000:3000"',
  '  worker:',
  '    extends:',
  '      service: api',
  '    command: node worker.js',
  '    deploy:',
  '      replicas: 2',
  '    ports: !reset []',
  '  db:',
  '    container_name: shop-db',
  '    image: postgres:16',
  '    environment:',
  '      POSTGRES_PASSWORD: "p@ss:word"',
  '',
].join('\n');

/** Lines after which a screenshot shows what the user sees before pressing Enter. */
const LOOK_AT = new Set(['    restart: unless-stopped', '      POSTGRES_PASSWORD: ${DB_PASSWORD}', '    command: nginx -g "daemon off;"', '    depends_on:']);

const KEY_DELAY_MS = 40;

/** A file with an undefined service, where keys are typed in another service. */
const WITH_UNDEFINED = ['services:', '  web:', '    image: nginx', '    depends_on:', '      - cache', '  db:', '    image: postgres', ''].join('\n');

/** The same with a section of networks, above which a new top-level key is typed. */
const WITH_SECTIONS = ['services:', '  web:', '    image: nginx', '    depends_on:', '      - cache', '    networks:', '      - back', 'networks:', '  back: {}', ''].join('\n');

/** A person's pace: the server answers each key before the next (the burst coalescing would otherwise skip versions). */
const SLOW_KEY_DELAY_MS = 180;
/** An anchor for logging settings, and a service about to use it through an alias. */
const WITH_ANCHOR = ['x-logging: &logging', '  driver: json-file', 'services:', '  web:', '    image: nginx', '    depends_on:', '      - cache', '  db:', '    image: postgres', ''].join('\n');

/** Settings two services merge: a value typed in them is judged where each service merges them. */
const WITH_MERGE = ['x-common: &common', '  stop_grace_period: 5s', 'services:', '  web:', '    <<: *common', '    image: nginx', '  db:', '    <<: *common', '    image: postgres', ''].join('\n');

let session: Session;
let page: Page;
let workspace: string;

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'dockhand-typing-'));
  mkdirSync(join(workspace, 'typed'));
  writeFileSync(join(workspace, 'typed', '.env'), 'DB_PASSWORD=change-me\nWEB_PORT=8080\n');
  writeFileSync(join(workspace, 'typed', 'compose.yaml'), '');
  mkdirSync(join(workspace, 'shop', 'api', 'src'), { recursive: true });
  mkdirSync(join(workspace, 'shop', 'secrets'));
  // NODE_ENV is declared, so the build argument typed is one the build reads (unknown-build-arg otherwise), and completion offers it while it is typed.
  writeFileSync(join(workspace, 'shop', 'api', 'Dockerfile'), 'FROM node:20-alpine\nARG NODE_ENV=development\nEXPOSE 3000\n');
  writeFileSync(join(workspace, 'shop', '.env'), 'DB_PASSWORD=change-me\n');
  writeFileSync(join(workspace, 'shop', 'secrets', 'api_key.txt'), 'not-a-real-key\n');
  writeFileSync(join(workspace, 'shop', 'redis.conf'), 'appendonly yes\n');
  writeFileSync(join(workspace, 'shop', 'compose.yaml'), '');
  mkdirSync(join(workspace, 'built', 'api'), { recursive: true });
  writeFileSync(join(workspace, 'built', 'api', 'Dockerfile'), 'ARG NODE_VERSION=18\nFROM node:${NODE_VERSION} AS prod\nEXPOSE 3000\n');
  writeFileSync(join(workspace, 'built', 'compose.yaml'), '');
  mkdirSync(join(workspace, 'names'));
  writeFileSync(join(workspace, 'names', 'compose.yaml'), WITH_UNDEFINED);
  mkdirSync(join(workspace, 'moved'));
  writeFileSync(join(workspace, 'moved', 'compose.yaml'), WITH_UNDEFINED);
  mkdirSync(join(workspace, 'sections'));
  writeFileSync(join(workspace, 'sections', 'compose.yaml'), WITH_SECTIONS);
  mkdirSync(join(workspace, 'anchors'));
  writeFileSync(join(workspace, 'anchors', 'compose.yaml'), WITH_ANCHOR);
  mkdirSync(join(workspace, 'merged'));
  writeFileSync(join(workspace, 'merged', 'compose.yaml'), WITH_MERGE);
  session = await openSession({ workspace });
  page = await session.browser.openWorkbench();
  await focusWorkbench(page);
});

after(async () => {
  await session?.stop();
  rmSync(workspace, { recursive: true, force: true });
});

describe('typing a Compose file in VS Code', () => {
  it('types a multi-service file key by key with Enter and Tab: the saved text is what was meant, keys offered as they are typed, no error shown on a line while it is typed, no problem at the end', async () => {
    await typeIntendedFile('typed', INTENDED, {
      lookAt: LOOK_AT,
      offered: ['healthcheck', 'restart', 'depends_on', 'networks', 'memswap_limit', 'nofile'],
      screenshotPrefix: 'typing',
    });
  });

  it('types a file of long syntax, an anchor and top-level secrets and configs key by key the same way: what was meant is saved, nothing but not-yet-written names flashes, no problem at the end', async () => {
    await typeIntendedFile('shop', LONG_SYNTAX, {
      lookAt: new Set(['      - target: 3000', '        condition: service_healthy', '    logging: *default-logging']),
      offered: ['dockerfile', 'published', 'read_only', 'condition', 'start_period', 'extra_hosts'],
      screenshotPrefix: 'typing-long-syntax',
      // A service waited for as healthy is one with no healthcheck until its healthcheck is typed, further down.
      alsoTrue: /^no-healthcheck /,
    });
  });

  it("types services whose first keys are not their image (a name, a build, extends) the same way: nothing flashes on a service's name while its keys come, no problem at the end", async () => {
    await typeIntendedFile('built', SERVICE_KEYS_FIRST, {
      lookAt: new Set(['      service: api', '    command: >']),
      offered: ['container_name', 'target', 'NODE_VERSION', 'extends', 'replicas'],
      screenshotPrefix: 'typing-keys-first',
    });
  });
});

/**
 * Types `intended` into the empty `<folder>/compose.yaml` line by line (each line's text, Enter, Tab or
 * Backspace to its indentation) and asserts what the user saw: every problem shown while the keys came
 * names something not written yet (or matches `alsoTrue`), the `offered` keys were in the suggestion
 * list as they were typed, the saved file is `intended`, and no problem is left at the end.
 */
async function typeIntendedFile(folder: string, intended: string, options: { lookAt: Set<string>; offered: string[]; screenshotPrefix: string; alsoTrue?: RegExp }): Promise<void> {
  await openFile(page, `${folder}/compose.yaml`);
  await page.locator('.statusbar-item[id="dockhand.dockhand.dockhand.status"]').waitFor({ state: 'visible', timeout: 90_000 });
  await page.waitForTimeout(1500);
  assert.deepEqual(await problemCounts(page), { errors: 0, warnings: 0 }, 'a new empty file has no problem');

  // The Problems view stays open below the editor, as a user keeps it to watch their file.
  if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 30_000 });
  await page.keyboard.press('Control+1');
  await page.locator('.editor-instance .monaco-editor.focused').waitFor({ timeout: 30_000 });
  // Every problem the view lists at any moment while typing, not only at the glances: a flash lasts a few
  // hundred milliseconds, between two diagnostics runs.
  // With the time each was first seen, to tell a flash from a problem shown at a pause (harness/typingPauses.ts).
  await recordKeyTimes(page);
  await page.locator('.markers-panel').evaluate((panel) => {
    const seen = new Map<string, number>();
    (window as unknown as { dockhandSeenProblems: Map<string, number> }).dockhandSeenProblems = seen;
    // No named function in here: tsx would wrap it in a helper the page does not have.
    new MutationObserver(() => {
      for (const row of panel.querySelectorAll('.marker-message-line')) {
        const code = row.querySelector('.marker-code')?.textContent;
        const problem = `${code} ${row.querySelector('.marker-line')?.textContent ?? ''}`;
        if (code && !seen.has(problem)) seen.set(problem, performance.now());
      }
    }).observe(panel, { subtree: true, childList: true, characterData: true });
  });
  // And every label the suggestion list shows on its own (quick suggestions while a word is typed, the
  // lists a trigger character opens): the keys must be offered as they are typed, without Ctrl+Space.
  await page.evaluate(() => {
    const offered = new Set<string>();
    (window as unknown as { dockhandOffered: Set<string> }).dockhandOffered = offered;
    new MutationObserver(() => {
      for (const label of document.querySelectorAll('.editor-widget.suggest-widget.visible .monaco-list-row .label-name')) {
        if (label.textContent) offered.add(label.textContent);
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
  });

  const lines = intended.split('\n');
  // Where Enter put the cursor after each line, against where the Enter rules say (client/src/enterRules.ts).
  const landed: string[] = [];
  const meant: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const content = line.trimStart();
    const given = await indentTo(page, line.length - content.length);
    if (i > 0) {
      landed.push(`${lines[i - 1]} ⏎ ${given}`);
      meant.push(`${lines[i - 1]} ⏎ ${indentAfterEnter(lines[i - 1]!)}`);
    }
    // The last line is the empty one after the final newline: only its indentation is taken back.
    if (i === lines.length - 1) break;
    await page.keyboard.type(content, { delay: KEY_DELAY_MS });
    // A person glances at the screen before pressing Enter; the list (if any) is whatever opened.
    await page.waitForTimeout(250);
    if (options.lookAt.has(line)) await screenshot(page, `${options.screenshotPrefix}-before-enter-line-${i + 1}`);
    await page.keyboard.press('Enter');
  }
  await screenshot(page, `${options.screenshotPrefix}-done`);
  assert.deepEqual(landed, meant, 'Enter put the cursor where the line above announces the next one goes');
  // Names used before their section is written are undefined until then: those problems are real.
  // Anything else (a list "not empty" under the key just typed, a key "needs a colon") was an error on
  // a line being typed, shown before the user paused: the typing hold (server/src/typingHold.ts) is there for that.
  // A problem first shown after a pause in the keys is the hold's design (the machine stalled the keys
  // past HOLD_MS): said, not failed.
  const seenAt = await page.evaluate(() => [...(window as unknown as { dockhandSeenProblems: Map<string, number> }).dockhandSeenProblems]);
  const keys = await keyTimes(page);
  const seen = seenAt.map(([problem]) => problem);
  const atPauses = seenAt.filter(([, at]) => afterPause(keys, at)).map(([problem]) => problem);
  if (atPauses.length > 0) console.log(`shown after a pause in the keys (longest gaps ${longestGaps(keys).join(', ')} ms): ${atPauses.join(', ')}`);
  const notYetWritten = /^undefined-(service|network|volume|secret|config) /;
  const halfTyped = seen.filter((problem) => !notYetWritten.test(problem) && !options.alsoTrue?.test(problem) && !atPauses.includes(problem));
  assert.deepEqual(halfTyped, [], `problems seen while typing: only names not declared yet (all seen: ${seen.join(', ')}; longest gaps between keys ${longestGaps(keys).join(', ')} ms)`);
  const offered = await page.evaluate(() => [...(window as unknown as { dockhandOffered: Set<string> }).dockhandOffered]);
  for (const key of options.offered) {
    assert.ok(offered.includes(key), `${key} offered while it was typed (offered: ${offered.join(', ')})`);
  }
  await page.keyboard.press('Control+S');
  const file = join(session.server.workspace, folder, 'compose.yaml');
  const deadline = Date.now() + 30_000;
  let saved = readFileSync(file, 'utf8');
  while (saved === '' && Date.now() < deadline) {
    await page.waitForTimeout(250);
    saved = readFileSync(file, 'utf8');
  }
  assert.equal(saved, intended);

  // Diagnostics settle after the pause the typing hold waits for.
  await page.waitForTimeout(2500);
  await screenshot(page, `${options.screenshotPrefix}-final-problems`);
  assert.deepEqual(await problemCounts(page), { errors: 0, warnings: 0 });
}

/**
 * Records every text the status bar's Problems item shows from now on; the function returned reads them.
 * `exceptAtPauses`: less those shown after a pause in the keys (harness/typingPauses.ts), which it says on
 * the console. For a count that may rightly change at a pause (the hold shows what is wrong then), since a
 * loaded machine can stall the keys past the hold; a count that must hold at every moment is read whole.
 */
async function watchProblemsItem(page: Page, { exceptAtPauses = false } = {}): Promise<() => Promise<string[]>> {
  await recordKeyTimes(page);
  const index = await page.locator('.statusbar-item[id="status.problems"]').evaluate((item) => {
    const w = window as unknown as { dockhandWatches?: Array<Array<[string, number]>> };
    const seen: Array<[string, number]> = [];
    (w.dockhandWatches ??= []).push(seen);
    new MutationObserver(() => seen.push([item.textContent ?? '', performance.now()])).observe(item, { subtree: true, childList: true, characterData: true });
    return w.dockhandWatches.length - 1;
  });
  return async () => {
    const seen = await page.evaluate((i) => (window as unknown as { dockhandWatches: Array<Array<[string, number]>> }).dockhandWatches[i]!, index);
    if (!exceptAtPauses) return seen.map(([text]) => text);
    const keys = await keyTimes(page);
    const atPauses = seen.filter(([, at]) => afterPause(keys, at));
    if (atPauses.length > 0) console.log(`shown after a pause in the keys (longest gaps ${longestGaps(keys).join(', ')} ms): ${atPauses.map(([text]) => text).join(' | ')}`);
    return seen.filter(([, at]) => !afterPause(keys, at)).map(([text]) => text);
  };
}

/** Polls `check` until it holds. */
async function until(check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await page.waitForTimeout(200);
  }
}

describe('a name problem while a key is typed', () => {
  it('the undefined depends_on stays counted in the status bar at every keystroke of a key typed in another service, last in it and before its next key', async () => {
    await openFile(page, 'names/compose.yaml');
    await until(async () => (await problemCounts(page)).errors === 1);
    await screenshot(page, 'typing-names-before');
    const problemsItemTexts = await watchProblemsItem(page);

    // Last in db: a new line after `    image: postgres`.
    await goTo(page, 7, 20);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await indentTo(page, 4);
    await page.keyboard.type('restar', { delay: SLOW_KEY_DELAY_MS });
    await page.waitForTimeout(400);
    await screenshot(page, 'typing-names-mid-word-last');
    await page.keyboard.type('t: always', { delay: SLOW_KEY_DELAY_MS });
    // Before db's next key: a new line after `  db:`, above `    image: postgres`.
    await goTo(page, 6, 6);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await indentTo(page, 4);
    await page.keyboard.type('hostnam', { delay: SLOW_KEY_DELAY_MS });
    await page.waitForTimeout(400);
    await screenshot(page, 'typing-names-mid-word-before-key');
    await page.keyboard.type('e: database', { delay: SLOW_KEY_DELAY_MS });
    await page.waitForTimeout(2500);
    await screenshot(page, 'typing-names-after');

    const seen = await problemsItemTexts();
    const errors = seen.map((text) => Number(text.match(/\d+/)?.[0] ?? 0));
    assert.ok(errors.every((n) => n >= 1), `the error count went to 0 while typing (counts seen: ${seen.join(' | ')})`);
    assert.deepEqual(await problemCounts(page), { errors: 1, warnings: 0 }, 'the undefined service, and nothing else, at the end');
  });

  it('stays counted when Enter moves it a line down and a key is typed above its entry, which reads as one key with it until the colon', async () => {
    const before = (await problemCounts(page)).errors;
    await openFile(page, 'moved/compose.yaml');
    await until(async () => (await problemCounts(page)).errors === before + 1);
    const problemsItemTexts = await watchProblemsItem(page);
    // A new line after `    image: nginx` of web, above its `depends_on` and the undefined `cache`.
    await goTo(page, 3, 17);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await indentTo(page, 4);
    // `h`, `ho`... over `    depends_on:` read as one key with it (`h depends_on`), and `- cache` is then no service name.
    await page.keyboard.type('hostname: web', { delay: SLOW_KEY_DELAY_MS });
    await page.keyboard.press('Escape');
    await page.waitForTimeout(2500);
    await screenshot(page, 'typing-names-moved-down');
    const seen = await problemsItemTexts();
    const errors = seen.map((text) => Number(text.match(/\d+/)?.[0] ?? 0));
    assert.ok(errors.every((n) => n >= before + 1), `the error count went down while typing (counts seen: ${seen.join(' | ')}; ${before} in the other files)`);
    assert.deepEqual(await problemCounts(page), { errors: before + 1, warnings: 0 }, 'the undefined service, a line further down');
  });

  it('stays counted while a new top-level key is typed above a section of networks, whose key the word joins until its colon', async () => {
    // The status bar counts every open file: the file of the test before keeps its undefined service.
    const before = (await problemCounts(page)).errors;
    await openFile(page, 'sections/compose.yaml');
    await until(async () => (await problemCounts(page)).errors === before + 1);
    const problemsItemTexts = await watchProblemsItem(page);
    // A new line after `      - back`, at column 0, above `networks:`: `volumes` and `networks:` read as one key until the colon.
    await goTo(page, 7, 13);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await indentTo(page, 0);
    await page.keyboard.type('volum', { delay: SLOW_KEY_DELAY_MS });
    await page.waitForTimeout(400);
    await screenshot(page, 'typing-names-top-level-mid-word');
    await page.keyboard.type('es:', { delay: SLOW_KEY_DELAY_MS });
    await page.keyboard.press('Enter');
    await indentTo(page, 2);
    await page.keyboard.type('data: {}', { delay: SLOW_KEY_DELAY_MS });
    await page.waitForTimeout(2500);
    await screenshot(page, 'typing-names-top-level-after');

    const seen = await problemsItemTexts();
    const errors = seen.map((text) => Number(text.match(/\d+/)?.[0] ?? 0));
    assert.ok(errors.every((n) => n >= before + 1), `the error count went down while typing (counts seen: ${seen.join(' | ')}; ${before} in the other file)`);
    assert.deepEqual(await problemCounts(page), { errors: before + 1, warnings: 0 }, 'the undefined service, and nothing else, at the end');
  });

  it('an alias typed key by key keeps the count until typing pauses; one that names no anchor above it is then an error, whose quick fix names the anchor', async () => {
    const before = (await problemCounts(page)).errors;
    await openFile(page, 'anchors/compose.yaml');
    await until(async () => (await problemCounts(page)).errors === before + 1);
    const problemsItemTexts = await watchProblemsItem(page, { exceptAtPauses: true });
    // Last in db: `logging: *loging`, a letter short of the anchor's name.
    await goTo(page, 9, 20);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await indentTo(page, 4);
    await page.keyboard.type('logging: *', { delay: SLOW_KEY_DELAY_MS });
    // Short: with the screenshot, the keys must go on before the hold's pause.
    await page.waitForTimeout(150);
    await screenshot(page, 'typing-alias-star');
    await page.keyboard.type('loging', { delay: SLOW_KEY_DELAY_MS });
    await page.keyboard.press('Escape');
    const seen = await problemsItemTexts();
    const counts = seen.map((text) => Number(text.match(/\d+/)?.[0] ?? 0));
    assert.ok(counts.every((n) => n === before + 1), `the error count changed while the alias was typed (counts seen: ${seen.join(' | ')}; ${before} in the other files)`);
    // Once typing pauses: the alias names no anchor, an error (Compose refuses the file).
    await until(async () => (await problemCounts(page)).errors === before + 2, 10_000);
    await screenshot(page, 'typing-alias-unknown');
    await chooseQuickFix(page, "Change '*loging' to '*logging'", 'typing-alias-quick-fix');
    await until(async () => (await problemCounts(page)).errors === before + 1, 10_000);
    await screenshot(page, 'typing-alias-fixed');
    assert.deepEqual(await problemCounts(page), { errors: before + 1, warnings: 0 }, 'the undefined service, and nothing else, once the alias names the anchor');
  });

  it('a value typed in a block that services merge flashes nothing where they merge it', async () => {
    const before = (await problemCounts(page)).errors;
    await openFile(page, 'merged/compose.yaml');
    await page.waitForTimeout(1500);
    assert.equal((await problemCounts(page)).errors, before, 'the file starts with no problem');
    const problemsItemTexts = await watchProblemsItem(page, { exceptAtPauses: true });
    // A new line in x-common: `restart: u`, `un`... are no restart policy, each judged at both `<<: *common`.
    await goTo(page, 2, 24);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await indentTo(page, 2);
    await page.keyboard.type('restart: unless-stop', { delay: SLOW_KEY_DELAY_MS });
    await screenshot(page, 'typing-merged-mid-value');
    await page.keyboard.type('ped', { delay: SLOW_KEY_DELAY_MS });
    await page.keyboard.press('Escape');
    await page.waitForTimeout(2000);
    await screenshot(page, 'typing-merged-done');
    const seen = await problemsItemTexts();
    const counts = seen.map((text) => Number(text.match(/\d+/)?.[0] ?? 0));
    assert.ok(counts.every((n) => n === before), `the error count changed while the value was typed (counts seen: ${seen.join(' | ')}; ${before} in the other files)`);
    assert.deepEqual(await problemCounts(page), { errors: before, warnings: 0 });
    // What was typed is in the editor: the line under the cursor reads it (a space is a no-break space there).
    const typed = await page.locator('.view-line').filter({ hasText: /restart:\sunless-stopped/ }).count();
    assert.equal(typed, 1, 'the editor shows the line as typed');
  });
});
