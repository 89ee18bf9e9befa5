// `missing-bind-source`: a bind mount whose source is a path of the project
// that does not exist. In the long syntax (`type: bind`) Compose loads the
// file, and the engine refuses to start the container ("bind source path
// does not exist"): unlike the short syntax, it does not create the source
// unless `bind.create_host_path` is true. The short syntax (`./data:/data`)
// makes the missing source an empty folder, owned by the engine's user: what
// is wanted for a folder, and the classic surprise for a file
// (`./nginx.conf:/etc/nginx/nginx.conf` mounts a folder over the image's file,
// and the container does not start: "not a directory"). So a short source is
// judged only when its name reads as a file's (`name.ext`). Warnings: the path
// may yet be made before `up` (a build step, a script). Absolute paths and
// `~` are the engine host's, which may not be this machine: not judged. An
// entry written with variables (`${CONF:-./nginx.conf}:/etc/nginx/nginx.conf`)
// is read with the project's environment, .env and defaults first, as Compose
// reads it; one with a variable nothing sets is not judged.
import * as path from 'node:path';
import { isMap, isScalar, type Scalar } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import { castBoolean } from '../../model/composeScalars';
import { getValue, nodeRange, rangeInScalar, scalarText, seqItems } from '../../model/nodes';
import { perDefinition } from '../../model/definitionMemo';
import { isProjectPath, parseVolumeShort } from '../../spec/mountPaths';
import { isInterpolated } from '../../spec/interpolated';
import { knownText } from '../../model/interpolation';
import { diagnostic, DiagnosticSeverity } from '../make';
import type { Rule } from './rule';
import type { ComposeDocument } from '../../model/document';
import { bodyAsComposed, broughtByMerge } from './projectServices';

interface BindSource {
  readonly text: string;
  readonly node: unknown;
  /** Written in the short syntax, where the engine makes a missing source a folder. */
  readonly short: boolean;
  /** The source's absolute path, kept with the project folder it was resolved in: every run asks after it again. */
  absolute?: { readonly from: string; readonly path: string };
  /** Written with variables: the entry's text (short syntax) or its source (long), read again on every run with the project's. */
  readonly withVariables?: string;
}

/** The bind's source as an absolute path: Compose reads relative paths from the project's folder, whichever file writes them. */
function absoluteSource(bind: BindSource, directory: string): string {
  if (bind.absolute?.from !== directory) bind.absolute = { from: directory, path: path.resolve(directory, bind.text) };
  return bind.absolute.path;
}

/**
 * Whether a path's last name reads as a file's: `nginx.conf`, `init.sql`, not `data`, `conf.d` (the
 * usual folder of included files), `.cache` (a hidden name, file or folder alike), `node-1.2` or `app.conf/`.
 */
function namesAFile(text: string): boolean {
  if (/[/\\]$/.test(text)) return false;
  const name = text.split(/[/\\]/).pop() ?? '';
  const ext = /^[^.].*\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1];
  return ext !== undefined && ext !== 'd' && /[A-Za-z]/.test(ext);
}

/** A service's bind mounts with a relative source the engine will not make (long syntax) or will make a folder (short syntax, a file's name): looked up once per definition (the files are looked for on every run). */
const relativeBinds = perDefinition((written: unknown, doc: ComposeDocument): readonly BindSource[] => {
  // Also the volumes a `<<` merge brings.
  const body = bodyAsComposed(doc, written);
  if (!body || typeof body !== 'object') return [];
  const binds: BindSource[] = [];
  for (const item of seqItems(getValue(body, 'volumes'))) {
    if (isScalar(item)) {
      const written = scalarText(item) ?? '';
      if (isInterpolated(written)) {
        binds.push({ text: written, node: item, short: true, absolute: undefined, withVariables: written });
        continue;
      }
      const short = parseVolumeShort(written);
      if (short?.isBind && short.source && isProjectPath(short.source) && namesAFile(short.source)) binds.push({ text: short.source, node: item, short: true, absolute: undefined });
      continue;
    }
    if (!isMap(item) || scalarText(getValue(item, 'type')) !== 'bind') continue;
    const node = getValue(item, 'source');
    const text = scalarText(node);
    if (text && isInterpolated(text)) {
      if (castBoolean(scalarText(getValue(getValue(item, 'bind'), 'create_host_path')) ?? '') !== true) binds.push({ text, node, short: false, absolute: undefined, withVariables: text });
      continue;
    }
    if (!text || !isProjectPath(text)) continue;
    if (castBoolean(scalarText(getValue(getValue(item, 'bind'), 'create_host_path')) ?? '') === true) continue;
    binds.push({ text, node, short: false, absolute: undefined });
  }
  return binds;
});

export const bindSources: Rule = {
  codes: ['missing-bind-source'],
  run({ doc, file, project, workspace }) {
    const out: Diagnostic[] = [];
    // An unsaved document has no folder: relative paths in it mean nothing yet.
    if (!doc.uri.startsWith('file:')) return out;
    for (const def of file.definitions) {
      if (def.kind !== 'service') continue;
      for (const written of relativeBinds(def, doc)) {
        const bind = written.withVariables === undefined ? written : readWithVariables(written, project.lookup);
        if (!bind || workspace.exists(absoluteSource(bind, project.directory))) continue;
        // Written with variables: the text as written, and the path Compose reads from it.
        const shown = written.withVariables === undefined ? bind.text : `${bind.text} (from ${written.withVariables})`;
        if (bind.short) {
          // The source is the text before the first colon (a Windows drive's `C:` is absolute: not here).
          const range = written.withVariables === undefined && !broughtByMerge(bind.node) ? rangeInScalar(bind.node as Scalar, doc.text.getText(), 0, bind.text.length) : nodeRange(bind.node);
          if (!range) continue;
          out.push(diagnostic(doc, range, DiagnosticSeverity.Warning, 'missing-bind-source',
            `${shown} does not exist: at \`up\` the engine makes it an empty folder and mounts that, and where the image has a file at the target the container does not start ("not a directory"). Create the file first.`));
          continue;
        }
        const range = nodeRange(bind.node);
        if (!range) continue;
        out.push(diagnostic(doc, range, DiagnosticSeverity.Warning, 'missing-bind-source',
          `${shown} does not exist: a bind mount in the long syntax does not create its source, and the engine refuses to start the container ("bind source path does not exist"). Create it, set bind.create_host_path: true, or use the short syntax (${bind.text}:TARGET), which creates a folder.`));
      }
    }
    return out;
  },
};

/**
 * A bind written with variables as Compose reads it with the project's: the source of the entry the variables
 * give, judged as one written so would be; undefined where a variable nothing sets has no default, or the
 * source is none this rule judges.
 */
function readWithVariables(bind: BindSource, lookup: (name: string) => string | undefined): BindSource | undefined {
  const text = knownText(bind.withVariables!, lookup);
  if (text === undefined) return undefined;
  if (!bind.short) return text && isProjectPath(text) ? { text, node: bind.node, short: false } : undefined;
  const short = parseVolumeShort(text);
  return short?.isBind && short.source && isProjectPath(short.source) && namesAFile(short.source) ? { text: short.source, node: bind.node, short: true } : undefined;
}
