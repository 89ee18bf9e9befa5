// Completion of a path on the host (spec `hostPath`: an env file, a build
// context, a Dockerfile, a secret's file, an included Compose file...): the
// entries of the folder typed so far, read from the folder Compose reads
// the path from (the project's, or the build context for `dockerfile`).
// Each item replaces the last segment only, so the editor filters by it;
// a folder is written with its `/` and asks for the list again, to go on
// into it. A path may name a file not made yet: the typed text comes first
// (context.ts `withTypedFirst`), so Enter keeps it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompletionItem } from 'vscode-languageserver';
import type { Range } from '../../model/nodes';
import type { KeySpec } from '../../spec/index';
import { hostPathBase } from '../serviceDockerfile';
import { CompletionItemKind, item, matches, withTypedFirst, type CompletionContext } from './context';

/** Entries listed at most: a folder of thousands (a build's output) is not worth a list. */
const MAX_ENTRIES = 500;

/** Folders never offered: version control's own. */
const SKIPPED = new Set(['.git', '.hg', '.svn']);

/**
 * `typed` is the path typed before the cursor and `within` the range of the whole path (the value's by default;
 * the source part of a short-syntax mount, `./data:/data`).
 */
export function hostPathItems(c: CompletionContext, spec: Pick<KeySpec, 'hostPath' | 'fromBuildContext'>, typed = c.prefix, within: Range = c.replace): CompletionItem[] {
  const kind = spec.hostPath;
  // An unsaved document has no folder; a path written with variables or `~` is not this folder's.
  if (!kind || !c.req.doc.uri.startsWith('file:') || /[$~\\]/.test(typed)) return [];
  const base = hostPathBase(c.req, c.ctx.path, spec.fromBuildContext);
  if (base === undefined) return [];
  const slash = typed.lastIndexOf('/');
  const folderTyped = typed.slice(0, slash + 1);
  const segment = typed.slice(slash + 1);
  const folder = path.resolve(base, folderTyped === '' ? '.' : folderTyped);
  const entries = listing(folder);
  // A name typed in full (`context: ./api`) closes the list, so the Enter after it ends the line (a `/` goes on into a folder).
  if (!entries || entries.some((entry) => entry.name === segment)) return [];
  // The segment being typed, to the next `/` or the value's end: what an item replaces.
  const after = c.source.slice(c.req.offset, within[1]);
  const segmentEnd = c.req.offset + (after.includes('/') ? after.indexOf('/') : after.length);
  const range = c.lead ? undefined : ([within[0] + slash + 1, segmentEnd] as const);
  const items: CompletionItem[] = [];
  for (const entry of entries) {
    if (kind === 'folder' && !entry.folder) continue;
    if (!matches(segment, entry.name)) continue;
    const text = entry.folder ? `${entry.name}/` : entry.name;
    const made = item(c, {
      label: text,
      kind: entry.folder ? CompletionItemKind.Folder : CompletionItemKind.File,
      text,
      filterText: entry.name,
      // Folders first where a file is asked for too: most paths go through one.
      sortText: `${entry.folder && kind !== 'folder' ? 0 : 1}${entry.name}`,
      ...(range ? { range: [range[0], range[1]] as [number, number] } : {}),
    });
    if (entry.folder) made.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
    items.push(made);
  }
  return withTypedFirst(c, items, segment, range ? [range[0], range[1]] : undefined);
}

interface Entry {
  readonly name: string;
  readonly folder: boolean;
}

/** The folder's entries, sorted; undefined when it is no readable folder. A link is listed as what it points at. */
function listing(folder: string): Entry[] | undefined {
  let dirents: fs.Dirent[];
  try {
    dirents = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return undefined;
  }
  const entries: Entry[] = [];
  for (const dirent of dirents.slice(0, MAX_ENTRIES)) {
    if (SKIPPED.has(dirent.name)) continue;
    let isFolder = dirent.isDirectory();
    if (dirent.isSymbolicLink()) {
      try {
        isFolder = fs.statSync(path.join(folder, dirent.name)).isDirectory();
      } catch {
        continue;
      }
    }
    entries.push({ name: dirent.name, folder: isFolder });
  }
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
