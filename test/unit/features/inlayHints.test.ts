// How inlay hints fit VS Code's room on a line (editor.inlayHints.maximumLength,
// 43 characters by default for all the hints of one line: it cuts the rest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InlayHint } from 'vscode-languageserver';
import { elide, LINE_LABEL_LIMIT, shortFileName } from '../../../server/src/features/inlayHints';
import { fixture } from '../../support/fixture';

const label = (h: InlayHint) => String(h.label);
const tooltip = (h: InlayHint) => (typeof h.tooltip === 'string' ? h.tooltip : h.tooltip?.value);

function hintsByLine(fx: ReturnType<typeof fixture>, file: string): Map<number, InlayHint[]> {
  fx.open(file);
  const hints = fx.service.inlayHints(fx.uri(file), { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } });
  const lines = new Map<number, InlayHint[]>();
  for (const h of hints) lines.set(h.position.line, [...(lines.get(h.position.line) ?? []), h]);
  return lines;
}

test('a long value that wins is said in the room VS Code gives a line: its name and tag, then the file; the tooltip has it whole', (t) => {
  const fx = fixture(t, `#- compose.yaml
services:
  api:
    image: app:\${APP_TAG:-1.0}
  worker:
    image: registry.example.com/team/platform/worker:1.0
    restart: always
  db:
    image: postgres:16

#- compose.override.yaml
services:
  api:
    image: registry.example.com/team/platform/api-gateway:2.0.17-alpine
  worker:
    image: registry.example.com/team/platform/worker:2.0
    restart: "no"
  db:
    image: postgres:17

#- .env
APP_TAG=2.1.0
`);
  const lines = hintsByLine(fx, 'compose.yaml');
  for (const [line, hints] of lines) {
    assert.ok(hints.map(label).join('').length <= LINE_LABEL_LIMIT, `line ${line}: ${hints.map(label).join(' | ')}`);
  }
  // Two hints on the api line: what wins first, the variable's value after it.
  assert.deepEqual(lines.get(2)!.map(label), ['→ …-gateway:2.0.17-alpine (override)', '= 2.1.0']);
  assert.equal(tooltip(lines.get(2)![0]!), 'compose.override.yaml sets `image` to `registry.example.com/team/platform/api-gateway:2.0.17-alpine`; that value wins.');
  assert.match(tooltip(lines.get(2)![1]!) ?? '', /^APP_TAG is `2\.1\.0`, from \.env, line 1\.$/);
  // Alone on its line, a long one keeps as much of its path as fits.
  assert.deepEqual(lines.get(4)!.map(label), ['→ …/team/platform/worker:2.0 (override)']);
  // What fits stays as it is, with the file's whole name.
  assert.deepEqual(lines.get(5)!.map(label), ['→ no (compose.override.yaml)']);
  assert.deepEqual(lines.get(7)!.map(label), ['→ postgres:17 (compose.override.yaml)']);
});

test('short forms: an image keeps its last parts, other text its start; Compose file names lose what every one has', () => {
  assert.equal(elide('registry.example.com/team/app:2.0', 12), '…/app:2.0');
  assert.equal(elide('registry.example.com/team/app:2.0', 16), '…/team/app:2.0');
  assert.equal(elide('echo a long command line', 10), 'echo a lo…');
  assert.equal(elide('short', 10), 'short');
  assert.equal(shortFileName('/p/compose.override.yaml'), 'override');
  assert.equal(shortFileName('/p/docker-compose.prod.yml'), 'prod');
  assert.equal(shortFileName('/p/stack/other.yaml'), 'other');
  assert.equal(shortFileName('/p/compose.yaml'), 'compose');
  assert.equal(elide('registry.example.com/team/a-very-long-image-name:2.0', 20), '…long-image-name:2.0');
});

test('tooltips are Markdown for a client that renders it, the same words without the markup for one that does not', (t) => {
  const files = `#- compose.yaml
services:
  web:
    image: nginx:1.25

#- compose.override.yaml
services:
  web:
    image: nginx:1.27
`;
  const tip = (markdown: boolean) => hintsByLine(fixture(t, files, { client: { markdown } }), 'compose.yaml').get(2)![0]!.tooltip;
  assert.deepEqual(tip(true), { kind: 'markdown', value: 'compose.override.yaml sets `image` to `nginx:1.27`; that value wins.' });
  assert.equal(tip(false), 'compose.override.yaml sets image to nginx:1.27; that value wins.');
});

test('on the line being typed, a variable nothing sets waits for the pause; one that resolves, and other lines, do not', (t) => {
  const fx = fixture(t, `#- compose.yaml
services:
  web:
    image: nginx
    environment:
      MODE: \${APP_MODE}
      LEVEL: \${AP}
      NEW: \${NOT_SET}
      PORT: \${APP_PORT:?needed}

#- .env
APP_MODE=prod
APP_PORT=8080
`);
  fx.open('compose.yaml');
  const all = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };
  const labelsOn = (line: number, typing?: { line: number; held: boolean }) =>
    fx.service.inlayHints(fx.uri('compose.yaml'), all, typing).filter((h) => h.position.line === line).map(label);
  // At rest every line has its hint.
  assert.deepEqual(labelsOn(5), ['unset → ""']);
  assert.deepEqual(labelsOn(4), ['= prod (.env)']);
  // `${AP` half typed on line 5: its hint waits, and the caller is told so (to ask the editor again at the pause).
  const typing = { line: 5, held: false };
  assert.deepEqual(labelsOn(5, typing), []);
  assert.equal(typing.held, true);
  // The unset variable of another line shows: it was not just typed.
  assert.deepEqual(labelsOn(6, { line: 5, held: false }), ['unset → ""']);
  // A name that resolves shows at once on the typed line: it tells the user the name is right.
  const onResolved = { line: 4, held: false };
  assert.deepEqual(labelsOn(4, onResolved), ['= prod (.env)']);
  assert.equal(onResolved.held, false);
});
