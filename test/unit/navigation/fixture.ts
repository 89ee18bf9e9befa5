// Small Compose projects in a temp folder, with a Workspace over them, and
// requests placed by a piece of text rather than by hand-counted offsets.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { FeatureRequest } from '../../../server/src/features/request';
import { Workspace, pathToUri, uriToPath } from '../../../server/src/model/workspace';

export class Fixture {
  readonly dir: string;
  readonly workspace: Workspace;

  constructor(files: Record<string, string>, environment: Record<string, string> = {}) {
    this.dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-nav-')));
    for (const [name, text] of Object.entries(files)) this.write(name, text);
    this.workspace = new Workspace(environment);
  }

  write(name: string, text: string): void {
    const file = path.join(this.dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }

  path(name: string): string {
    return path.join(this.dir, name);
  }

  uri(name: string): string {
    return pathToUri(this.path(name));
  }

  text(name: string): string {
    return this.workspace.readText(this.path(name)) ?? fs.readFileSync(this.path(name), 'utf8');
  }

  /** Opens a file in the "editor" (its text wins over the disk). */
  open(name: string, text?: string): void {
    this.workspace.setDocument(TextDocument.create(this.uri(name), 'dockercompose', 1, text ?? fs.readFileSync(this.path(name), 'utf8')));
  }

  /** The offset of the `nth` occurrence of `needle` in a file, plus `delta`. */
  offset(name: string, needle: string, nth = 0, delta = 0): number {
    const text = this.text(name);
    let at = -1;
    for (let i = 0; i <= nth; i++) {
      at = text.indexOf(needle, at + 1);
      if (at < 0) throw new Error(`"${needle}" #${nth} not in ${name}`);
    }
    return at + delta;
  }

  request(name: string, needle = '', nth = 0, delta = 0): FeatureRequest {
    const uri = this.uri(name);
    const doc = this.workspace.document(uri);
    const file = this.workspace.fileModel(uri);
    if (!doc || !file) throw new Error(`cannot read ${name}`);
    const offset = needle ? this.offset(name, needle, nth, delta) : 0;
    return {
      doc,
      file,
      project: this.workspace.project(uri),
      workspace: this.workspace,
      client: { snippets: true, markdown: true, workspaceFolders: [pathToUri(this.dir)] },
      offset,
    };
  }

  /** `file:line:text` for each location: what a person would check by eye. */
  describe(locations: readonly Location[]): string[] {
    return locations.map((l) => {
      const name = path.relative(this.dir, uriToPath(l.uri));
      const text = TextDocument.create(l.uri, 'x', 0, this.text(name));
      return `${name}:${l.range.start.line}:${text.getText(l.range)}`;
    });
  }

  /** The files' texts after a WorkspaceEdit. */
  apply(edit: WorkspaceEdit): Record<string, string> {
    const result: Record<string, string> = {};
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
      const name = path.relative(this.dir, uriToPath(uri));
      result[name] = TextDocument.applyEdits(TextDocument.create(uri, 'x', 0, this.text(name)), edits as TextEdit[]);
    }
    return result;
  }

  rangeText(name: string, range: Range): string {
    return TextDocument.create('file:///x', 'x', 0, this.text(name)).getText(range);
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A fixture for one inline compose.yaml. */
export function inline(text: string): Fixture {
  return new Fixture({ 'compose.yaml': text });
}
