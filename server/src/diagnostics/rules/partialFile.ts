// Whether a file may be only part of a project. Compose loads
// `compose.yaml`/`docker-compose.yml` (and their overrides) by default; a file
// with another name is usually given with `-f`, often beside others we cannot
// see (`-f base.yml -f this.yml`). A name such a file uses may be defined in
// one of those, so for it an undefined name is a warning, not an error.
import { isComposeFileName } from '../../../../common/src/composeFiles';
import { uriToPath } from '../../model/workspace';
import type { RuleRequest } from './rule';

export function mayBePartial({ doc, project }: RuleRequest): boolean {
  if (isComposeFileName(uriToPath(doc.uri))) return false;
  // Part of a project we resolved (overrides, COMPOSE_FILE): we see the whole of it.
  return project.mergedFiles.length <= 1;
}

export const PARTIAL_NOTE = ' (A warning only: this file is not named like a Compose file, so it may be combined with others, through -f, that define it.)';
