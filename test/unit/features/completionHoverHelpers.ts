// Shared by the completion and hover unit tests: a project in a temporary
// folder, the in-process LanguageService, and a document with `$0` as the
// cursor (the marker of test/support/fixture.ts; `|` would be a YAML block scalar).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CompletionItem, Hover, MarkupContent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToUri } from '../../../server/src/model/workspace';
import { LanguageService, type ClientSettings } from '../../../server/src/service';

const CURSOR = '$0';

export interface Fixture {
  readonly dir: string;
  readonly service: LanguageService;
  /** Opens `compose.yaml` (or `file`) with `text` where `$0` marks the cursor; returns the cursor position. */
  open(text: string, file?: string): { uri: string; doc: TextDocument; offset: number };
  completion(text: string, file?: string): CompletionItem[];
  hover(text: string, file?: string): Hover | null;
  /** The hover's text (Markdown or plain). */
  hoverText(text: string, file?: string): string;
  cleanup(): void;
}

export function fixture(files: Record<string, string> = {}, options: { env?: Record<string, string>; client?: Partial<ClientSettings>; folder?: string } = {}): Fixture {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-features-'));
  const dir = path.join(root, options.folder ?? 'myapp');
  fs.mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const service = new LanguageService(options.env ?? {});
  service.configureClient({ snippets: true, markdown: true, workspaceFolders: [dir], ...options.client });
  let version = 0;
  const open = (textWithCursor: string, file = 'compose.yaml') => {
    const offset = textWithCursor.indexOf(CURSOR);
    if (offset < 0) throw new Error('the text has no $0 cursor');
    if (textWithCursor.indexOf(CURSOR, offset + 1) >= 0) throw new Error('the text has more than one $0 cursor');
    const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + CURSOR.length);
    const full = path.join(dir, file);
    if (!fs.existsSync(full)) fs.writeFileSync(full, text);
    const uri = pathToUri(full);
    const doc = TextDocument.create(uri, 'dockercompose', ++version, text);
    service.documentChanged(doc);
    return { uri, doc, offset };
  };
  return {
    dir,
    service,
    open,
    completion(text, file) {
      const { uri, doc, offset } = open(text, file);
      return service.completion(uri, doc.positionAt(offset)).items;
    },
    hover(text, file) {
      const { uri, doc, offset } = open(text, file);
      return service.hover(uri, doc.positionAt(offset));
    },
    hoverText(text, file) {
      const hover = this.hover(text, file);
      return hover ? (hover.contents as MarkupContent).value : '';
    },
    cleanup() {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

export function labels(items: readonly CompletionItem[]): string[] {
  return items.map((i) => i.label);
}

export function insertText(items: readonly CompletionItem[], label: string): string | undefined {
  const item = items.find((i) => i.label === label);
  return item?.textEdit && 'newText' in item.textEdit ? item.textEdit.newText : item?.insertText;
}
