// A stage or ARG of the service's Dockerfile named in the Compose file
// (features/serviceDockerfile.ts): the line that declares it, and what it
// means for this build.
import type { ComposeProject } from '../../model/project';
import type { DockerfileNameAt } from '../serviceDockerfile';
import { code, fenced } from './markup';

export function dockerfileBlocks(project: ComposeProject, found: DockerfileNameAt): string[] {
  const where = found.dockerfile.path ? `${code(project.relative(found.dockerfile.path))}, line ${found.line + 1}` : `the inline Dockerfile, line ${found.line + 1}`;
  const line = found.dockerfile.text.split(/\r?\n/)[found.line] ?? '';
  if (found.kind === 'stage') {
    return [`**Stage** ${code(found.name)} of ${where}: the build stops after it, and the image is this stage's.`, fenced('dockerfile', line)];
  }
  const arg = found.dockerfile.names.args.find((a) => a.name === found.name);
  const otherwise = arg?.value === undefined ? 'without it the ARG is empty' : `without it the ARG is ${code(arg.value === '' ? '""' : arg.value)}`;
  return [`**ARG** ${code(found.name)} of ${where}: this value is passed to the build (${otherwise}).`, fenced('dockerfile', line)];
}
