// Hover on a path on the host (spec `hostPath`: an env file, a build context,
// a Dockerfile, a secret's file, an included Compose file...): where it is on
// this machine, read from the folder Compose reads it from, whether it is
// there, and for an env file the names of the variables it sets (not their
// values: an env file often holds secrets, and a hover is easily seen).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isScalar } from 'yaml';
import { resolved } from '../../images/buildFiles';
import { readEnvFile } from '../../model/env';
import type { CursorContext } from '../../model/locate';
import { scalarText } from '../../model/nodes';
import { specAtPath } from '../../spec/index';
import type { FeatureRequest } from '../request';
import { hostPathBase } from '../serviceDockerfile';
import { bullets, code } from './markup';

/** Names of an env file listed at most in a hover. */
const NAMES_SHOWN = 12;

export function hostPathBlocks(req: FeatureRequest, ctx: CursorContext): string[] | undefined {
  const spec = specAtPath(ctx.path);
  if (!spec?.hostPath || ctx.onKey || !isScalar(ctx.scalar) || !req.doc.uri.startsWith('file:')) return undefined;
  const written = scalarText(ctx.scalar);
  if (!written) return undefined;
  const text = resolved(req.project, written);
  const base = hostPathBase(req, ctx.path, spec.fromBuildContext);
  if (text === undefined || base === undefined || /^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return undefined;
  const absolute = path.resolve(base, text);
  const isFolder = folderAt(absolute);
  const envFile = ctx.path.includes('env_file');
  const where = spec.fromBuildContext ? "the build context" : "the project's folder";
  const lines = [
    `On this machine: ${code(absolute)}${absolute !== text ? ` (${code(written)} read from ${where})` : ''}.`,
    isFolder === undefined ? 'It is not there.' : isFolder ? 'It is there: a folder.' : 'It is there: a file.',
  ];
  if (envFile && isFolder === false) {
    const read = readEnvFile(req.workspace.readText(absolute) ?? '');
    const names = [...read.entries.keys()];
    lines.push(names.length === 0
      ? 'It sets no variable.'
      : `It sets ${names.length === 1 ? 'one variable' : `${names.length} variables`}: ${names.slice(0, NAMES_SHOWN).map(code).join(', ')}${names.length > NAMES_SHOWN ? ', …' : ''}.`);
  }
  return [`**${envFile ? 'Env file' : 'Path'}** ${code(written)}`, bullets(lines)];
}

/** true for a folder, false for anything else there, undefined when nothing is. */
function folderAt(file: string): boolean | undefined {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return undefined;
  }
}
