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

/** Circles longer than this are named by their size, not spelled out service by service (as dependency cycles are). */
const LONG_CIRCLE = 32;

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

/** A service in a chain of extends: its file (a path) and name. */
interface ChainLink {
  readonly file: string;
  readonly name: string;
}

/**
 * The circles of `extends` one run finds, across files. Each service extends at most one other, so
 * following the chain from a service either ends, or comes back to a service seen on the way (a circle),
 * or reaches one an earlier chain already settled. Each service is walked once per run, so a circle
 * of thousands costs no more than a chain of thousands (a bounded walk per service missed longer circles).
 */
class ExtendsCircles {
  /** Per `file\0name`: the circle it is on and its place there, or null when its chain never comes back. */
  private readonly settled = new Map<string, { members: readonly ChainLink[]; at: number } | null>();

  constructor(private readonly workspace: RuleRequest['workspace']) {}

  circleOf(file: string, model: FileModel, name: string): { members: readonly ChainLink[]; at: number } | null {
    const chain: ChainLink[] = [];
    const onChain = new Map<string, number>();
    let at: ChainLink | undefined = { file, name };
    let atModel: FileModel | undefined = model;
    while (at && atModel) {
      const key = `${at.file}\0${at.name}`;
      if (this.settled.has(key)) break;
      const seen = onChain.get(key);
      if (seen !== undefined) {
        const members = chain.slice(seen);
        members.forEach((m, i) => this.settled.set(`${m.file}\0${m.name}`, { members, at: i }));
        break;
      }
      onChain.set(key, chain.length);
      chain.push(at);
      const next = extendsOf(atModel, at.name);
      if (!next) break;
      let nextFile: string = at.file;
      if (next.file !== undefined) {
        // A path with a variable, or a remote one, is nothing we can follow.
        if (next.file.includes('${') || isRemote(next.file)) break;
        nextFile = path.resolve(path.dirname(at.file), next.file);
        atModel = this.workspace.fileModel(pathToUri(nextFile));
      }
      at = { file: nextFile, name: next.name };
    }
    for (const link of chain) {
      const key = `${link.file}\0${link.name}`;
      if (!this.settled.has(key)) this.settled.set(key, null);
    }
    return this.settled.get(`${file}\0${name}`) ?? null;
  }
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
    const circles = new ExtendsCircles(workspace);
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
      // Where the chain of extends from this service leads: back to it is a circle, however long.
      const circle = circles.circleOf(here, file, ref.fromService);
      if (!circle) continue;
      const { members, at } = circle;
      const named = (m: ChainLink) => label(req, m.file, m.name);
      const self = named(members[at]!);
      // A circle of thousands is named by its size: its path would read as noise, and spelling it for each service is quadratic.
      const spelled = members.length <= LONG_CIRCLE
        ? [...members.slice(at), ...members.slice(0, at)].map(named).concat(self).join(' extends ')
        : `${self} extends ${named(members[(at + 1) % members.length]!)} extends ... extends ${self} (${members.length} services extend each other in a circle)`;
      out.push(diagnostic(doc, ref.range, DiagnosticSeverity.Error, 'extends-cycle',
        `Circular reference: ${spelled}. Compose cannot resolve services that extend each other.`));
    }
    return out;
  },
};
