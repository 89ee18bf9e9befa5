// `extends-cycle`: services that extend each other in a circle, also through
// other files ("Circular reference"). `extends-file-not-found`: `extends.file`
// names a file that does not exist. `undefined-service` (extends form): the
// service to extend is not in the named file. Compose refuses all three.
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import type { FileModel } from '../../model/fileModel';
import { pathToUri, uriToPath } from '../../model/workspace';
import { diagnostic, DiagnosticSeverity } from '../make';
import type { Rule, RuleRequest } from './rule';

const MAX_CHAIN = 32;

/**
 * A reference for one of Compose's resource loaders: OCI artifacts
 * (`oci://...`) and Git (`git@...`, `https://...`, `git://`, `ssh://`,
 * `github.com/...`): nothing we can read here, so nothing we judge. Any other
 * text is a path for Compose, even with a `scheme:` look (`remote:x.yaml` is
 * looked for as a file and is missing), and so it is for us.
 */
export function isRemote(file: string): boolean {
  return /^(oci|https?|git|ssh):\/\//i.test(file) || file.startsWith('git@') || file.startsWith('github.com/');
}

/** Each file's `extends` by service, built once per file model: a chain step is then a lookup, not a scan of every reference. */
const extendsIndex = new WeakMap<FileModel, Map<string, { name: string; file?: string }>>();

export function extendsOf(model: FileModel, service: string): { name: string; file?: string } | undefined {
  let index = extendsIndex.get(model);
  if (!index) {
    index = new Map();
    for (const r of model.references) if (r.via === 'extends' && !index.has(r.fromService)) index.set(r.fromService, { name: r.name, file: r.file });
    extendsIndex.set(model, index);
  }
  return index.get(service);
}

function label(req: RuleRequest, file: string, service: string): string {
  return `${service} (${path.basename(file)})`;
}

export const extendsRules: Rule = {
  codes: ['extends-cycle', 'extends-file-not-found', 'undefined-service'],
  run(req) {
    const { doc, file, workspace } = req;
    const out: Diagnostic[] = [];
    // An unsaved document has no folder: its `extends.file` paths mean nothing yet.
    const saved = doc.uri.startsWith('file:');
    const here = uriToPath(doc.uri);
    for (const ref of file.references) {
      if (ref.via !== 'extends') continue;
      if (ref.file !== undefined) {
        if (!saved || ref.file.includes('${') || isRemote(ref.file)) continue;
        const targetPath = path.resolve(path.dirname(here), ref.file);
        const target = workspace.fileModel(pathToUri(targetPath));
        if (!target) {
          out.push(diagnostic(doc, ref.range, DiagnosticSeverity.Error, 'extends-file-not-found',
            `Service "${ref.fromService}" extends "${ref.name}" from ${ref.file}, but that file does not exist (or cannot be read). Fix the path in extends.file.`));
          continue;
        }
        if (!target.definitions.some((d) => d.kind === 'service' && d.name === ref.name)) {
          out.push(diagnostic(doc, ref.range, DiagnosticSeverity.Error, 'undefined-service',
            `Cannot extend service "${ref.name}": ${ref.file} has no such service.`));
          continue;
        }
      }
      // Follow the chain of extends from this service; coming back to it is a cycle.
      const start = `${here}\0${ref.fromService}`;
      const chain = [label(req, here, ref.fromService)];
      let atFile = here;
      let atModel: FileModel | undefined = file;
      let next: { name: string; file?: string } | undefined = { name: ref.name, file: ref.file };
      const seen = new Set([start]);
      for (let i = 0; next && i < MAX_CHAIN; i++) {
        if (next.file !== undefined) {
          if (next.file.includes('${') || isRemote(next.file)) break;
          atFile = path.resolve(path.dirname(atFile), next.file);
          atModel = workspace.fileModel(pathToUri(atFile));
        }
        if (!atModel) break;
        const key = `${atFile}\0${next.name}`;
        chain.push(label(req, atFile, next.name));
        if (key === start) {
          out.push(diagnostic(doc, ref.range, DiagnosticSeverity.Error, 'extends-cycle',
            `Circular reference: ${chain.join(' extends ')}. Compose cannot resolve services that extend each other.`));
          break;
        }
        if (seen.has(key)) break; // a cycle further on, reported where it starts
        seen.add(key);
        next = extendsOf(atModel, next.name);
      }
    }
    return out;
  },
};
