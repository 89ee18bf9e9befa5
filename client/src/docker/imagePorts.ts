// What the engine's tagged images expose (`Config.ExposedPorts` of
// `docker image inspect`), for the language server's port checks.
// Plain Node (no `vscode`): the docker tier drives exactly this code.
import type Docker from 'dockerode';
import type { EngineImagePorts } from '../../../common/src/protocol';

/** More images than this and the rest are left out: the list is for the port check, not an inventory. */
export const MAX_IMAGES = 2000;
const PARALLEL = 8;

export async function engineImagePorts(docker: Docker): Promise<EngineImagePorts[]> {
  const summaries = await docker.listImages();
  const tagged = summaries
    .map((s) => ({ id: s.Id, names: (s.RepoTags ?? []).filter((t) => t && t !== '<none>:<none>') }))
    .filter((s) => s.names.length > 0)
    .slice(0, MAX_IMAGES);
  const out: EngineImagePorts[] = [];
  for (let i = 0; i < tagged.length; i += PARALLEL) {
    const batch = await Promise.all(
      tagged.slice(i, i + PARALLEL).map(async ({ id, names }) => {
        try {
          const info = await docker.getImage(id).inspect();
          return { names, exposedPorts: Object.keys(info.Config?.ExposedPorts ?? {}) };
        } catch {
          return undefined; // removed between the list and the inspect
        }
      }),
    );
    for (const image of batch) if (image) out.push(image);
  }
  return out;
}

/** Engine events after which the list is stale. */
export function changesImages(event: { type: string; action: string }): boolean {
  return event.type === 'image' && ['pull', 'tag', 'untag', 'delete', 'import', 'load', 'push'].includes(event.action);
}
