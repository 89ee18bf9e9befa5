// The first keystrokes after a large file opens ran ~1.5x slower than the
// ones after them (1,000 services: the first two edits 38-45 ms against
// 22-32), because V8 had not yet compiled the code an edit runs: opening a
// file checks it from scratch, and an edit runs other code (the block
// splice, the indexes' updates, the settling after a run). So once the first
// file's diagnostics are out and the server has had nothing to do for a
// moment, it opens a small Compose file of its own in a service of its own,
// types a few keys into it as an editor sends them, and throws both away.
// The editor's documents and their findings are not touched; the caches kept
// per distinct text (formats.ts's verdicts) may keep a few of its values.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { editWindow } from './model/editWindow';
import { LanguageService } from './service';

/**
 * Services in the practice file. Twelve warm the code as well as forty did (the first two edits of the 1,000-service
 * file 23-31 ms either way) and leave less behind: what the practice service holds is garbage once it closes.
 */
const SERVICES = 12;
/**
 * The largest open text (in characters) the warm-up runs for. On 5,000 services (3.4 MB) an edit takes ~100 ms,
 * mostly work that grows with the file (its text copied, its findings sent), and the warm-up gained nothing
 * beyond the spread of three edits while the code it had compiled early raised the bench's peak by ~5 MB
 * (six runs each, 4 Dec 2026); on 1,000 services (0.7 MB) it took the first edits from 38-45 to 22-32 ms.
 */
export const WARM_UP_UP_TO_CHARS = 2_000_000;

/** Whether a warm-up is worth its memory while texts of these lengths are open (see WARM_UP_UP_TO_CHARS). */
export function worthWarmingUp(openLengths: Iterable<number>): boolean {
  for (const length of openLengths) if (length > WARM_UP_UP_TO_CHARS) return false;
  return true;
}

/** Where no file is: the practice file's project asks the disk only about paths that do not exist. */
export const PRACTICE_URI = 'file:///nonexistent-dockhand-practice/compose.yaml';

/** A Compose file with the keys the rules read most: ports, networks, depends_on, binds, environment, healthchecks. */
export function practiceText(services = SERVICES): string {
  const lines = ['name: practice', 'services:'];
  for (let i = 0; i < services; i++) {
    const name = `svc-${i}`;
    lines.push(
      `  ${name}:`,
      `    image: registry.example.com/team/app-${i % 7}:1.${i % 5}`,
      `    container_name: practice-${i}`,
      '    restart: unless-stopped',
      '    ports:',
      `      - "${8000 + i}:80"`,
      `      - "127.0.0.1:${9000 + i}:9000/udp"`,
      '    environment:',
      `      LOG_LEVEL: info`,
      `      UPSTREAM: http://svc-${(i + 1) % services}:80`,
      '    volumes:',
      `      - ./config/app-${i}.yml:/etc/app.yml:ro`,
      `      - data-${i % 3}:/var/lib/app`,
      '    networks:',
      `      - net-${i % 2}`,
    );
    if (i > 0) lines.push('    depends_on:', `      svc-${i - 1}:`, '        condition: service_healthy');
    lines.push(
      '    healthcheck:',
      '      test: ["CMD", "curl", "-f", "http://localhost/"]',
      '      interval: 30s',
      '      retries: 3',
      '    deploy:',
      '      resources:',
      '        limits:',
      '          memory: 256M',
    );
  }
  lines.push('networks:', '  net-0:', '  net-1:', 'volumes:', '  data-0:', '  data-1:', '  data-2:', '');
  return lines.join('\n');
}

/**
 * Opens the practice file in a service of its own, checks it, asks a completion and a hover, then edits it
 * as typing does (a port's digit changed twice, a new key begun on a new line and taken back), each version
 * checked and settled as the server does after an edit; then closes it. In steps: the caller yields to the
 * event loop between them and stops calling when real work arrives.
 */
export function* warmUpEditPath(service = new LanguageService({})): Generator<void, void> {
  let document = TextDocument.create(PRACTICE_URI, 'dockercompose', 1, practiceText());
  const edit = (start: number, end: number, text: string) => {
    const changes = [{ range: { start: document.positionAt(start), end: document.positionAt(end) }, text }];
    const window = editWindow(document, changes);
    document = TextDocument.update(document, changes, document.version + 1);
    service.documentChanged(document, window);
  };
  try {
    service.documentChanged(document);
    yield* runOnce(service);
    const source = document.getText();
    const port = source.indexOf(`"${8000 + SERVICES / 2}:80"`) + 4;
    const lineEnd = source.indexOf('\n', source.indexOf('restart:', port));
    service.hover(PRACTICE_URI, document.positionAt(port));
    service.completion(PRACTICE_URI, document.positionAt(lineEnd));
    yield;
    for (const digit of ['1', '0']) {
      edit(port, port + 1, digit);
      yield* runOnce(service);
    }
    // A new key typed in a service: the block grows a line, then takes it back.
    edit(lineEnd, lineEnd, '\n    h');
    service.completion(PRACTICE_URI, document.positionAt(lineEnd + 6));
    yield* runOnce(service);
    edit(lineEnd + 6, lineEnd + 6, 'o');
    service.completion(PRACTICE_URI, document.positionAt(lineEnd + 7));
    yield* runOnce(service);
    edit(lineEnd, lineEnd + 7, '');
    yield* runOnce(service);
  } finally {
    service.documentClosed(PRACTICE_URI);
  }
}

function* runOnce(service: LanguageService): Generator<void, void> {
  yield* service.diagnosticsInSteps(PRACTICE_URI);
  yield;
  yield* service.settleInSteps(PRACTICE_URI);
}
