// A helper container with one volume mounted, created and never started: the
// engine's archive API (GET/PUT /containers/{id}/archive) reads and writes the
// volume through it, so no container of the user's runs and nothing executes.
// It is always removed afterwards. The one exception is emptyVolume(), which
// runs `rm` in it (the user has confirmed a replacing restore). Which image it
// is made from: helperImage.ts.
//
// A job cut off with its process (VS Code closed during a backup) leaves its
// helper behind, and the helper keeps the volume in use: `docker volume rm`
// and Dockhand's own Remove Volume are then refused. Each helper says which
// process made it, and where that pid means it (machine and pid namespace);
// the next volume job removes the ones whose process is gone
// (removeAbandonedHelpers).
import type Docker from 'dockerode';
import { pidScope, processRuns } from '../../../common/src/processes';
import { demuxBuffer } from './containers';
import { engineMessage, statusOf } from './engine';

/** Where the volume is mounted inside the helper; a path no image has, so nothing is copied up into the volume. */
export const MOUNT_POINT = '/dockhand-volume';
export const HELPER_LABEL = 'dockhand.helper';
/** Who made a helper: `<pid scope>:<pid>` of the extension host (common/src/processes.ts). */
export const OWNER_LABEL = 'dockhand.owner';
export const DEFAULT_HELPER_IMAGE = 'busybox:latest';

export class HelperImageMissingError extends Error {
  constructor(readonly image: string) {
    super(
      `The helper image "${image}" is not on this Docker engine. Dockhand reads and writes volumes through a container ` +
        `of that image. Get it with \`docker pull ${image}\`, or set dockhand.volumes.helperImage to an image you have.`,
    );
    this.name = 'HelperImageMissingError';
  }
}

export class VolumeNotFoundError extends Error {
  constructor(readonly volume: string) {
    super(`There is no volume "${volume}" on this Docker engine.`);
    this.name = 'VolumeNotFoundError';
  }
}

export async function ensureHelperImage(docker: Docker, image: string): Promise<void> {
  try {
    await docker.getImage(image).inspect();
  } catch (error) {
    if (statusOf(error) === 404) throw new HelperImageMissingError(image);
    throw error;
  }
}

export async function ensureVolume(docker: Docker, volume: string): Promise<void> {
  try {
    await docker.getVolume(volume).inspect();
  } catch (error) {
    if (statusOf(error) === 404) throw new VolumeNotFoundError(volume);
    throw error;
  }
}

/**
 * Runs `work` with a created (not started) container of `image` that mounts
 * `volume` at MOUNT_POINT, and removes the container however `work` ends.
 */
export async function withVolumeHelper<T>(
  docker: Docker,
  options: { volume: string; image: string; readOnly: boolean; run?: boolean },
  work: (container: Docker.Container) => Promise<T>,
): Promise<T> {
  await ensureVolume(docker, options.volume);
  await ensureHelperImage(docker, options.image);
  // Best effort: a helper left behind is only in the way, and a failure here must not stop this job.
  await removeAbandonedHelpers(docker).catch(() => 0);
  let container: Docker.Container;
  try {
    const createOptions: Docker.ContainerCreateOptions = {
      Image: options.image,
      // Archive jobs never run it (a command is still required by images without one).
      // A run job deletes the volume's content, dot files included; the root stays.
      ...(options.run
        ? { Entrypoint: ['/bin/sh', '-c'], Cmd: [`rm -rf -- ${MOUNT_POINT}/* ${MOUNT_POINT}/.[!.]* ${MOUNT_POINT}/..?*`], User: '0:0', WorkingDir: '/' }
        : { Cmd: ['true'], Entrypoint: [] }),
      NetworkDisabled: true,
      Labels: { [HELPER_LABEL]: 'volume', 'dockhand.volume': options.volume, [OWNER_LABEL]: `${pidScope()}:${process.pid}` },
      HostConfig: {
        Mounts: [
          { Type: 'volume', Source: options.volume, Target: MOUNT_POINT, ReadOnly: options.readOnly, VolumeOptions: { NoCopy: true } as never },
        ],
      },
    };
    container = (await docker.createContainer(createOptions)) as unknown as Docker.Container;
  } catch (error) {
    throw new Error(`Could not create a helper container for volume "${options.volume}": ${engineMessage(error)}`);
  }
  try {
    return await work(container);
  } finally {
    // v: also any anonymous volume the image declared; the named volume is never removed this way.
    await container.remove({ force: true, v: true }).catch(() => undefined);
  }
}

/**
 * Removes the helpers whose job was cut off: made where this process's pids mean processes (this machine, this pid
 * namespace) by a process that no longer runs. A helper of a live process (another window's job) is left alone,
 * and so is one made elsewhere (another machine, WSL beside Windows, another container), whose processes cannot be
 * seen from here. Only containers of ours, never a volume. Resolves to how many were removed.
 */
export async function removeAbandonedHelpers(docker: Docker): Promise<number> {
  let removed = 0;
  for (const helper of await docker.listContainers({ all: true, filters: { label: [HELPER_LABEL] } })) {
    if (!abandoned(helper.Labels?.[OWNER_LABEL])) continue;
    await docker.getContainer(helper.Id).remove({ force: true, v: true }).then(() => removed++, () => undefined);
  }
  return removed;
}

/** Whether an owner label (`<pid scope>:<pid>`) names a process of this pid scope that no longer runs. */
export function abandoned(owner: string | undefined, scope = pidScope(), alive: (pid: number) => boolean = processRuns): boolean {
  const at = owner?.lastIndexOf(':') ?? -1;
  if (!owner || at <= 0 || owner.slice(0, at) !== scope) return false;
  const pid = Number(owner.slice(at + 1));
  return Number.isInteger(pid) && pid > 0 && !alive(pid);
}

/**
 * Deletes everything in the volume (its root stays), by running `rm` in the
 * helper: no network, as root (files of any owner), only this volume mounted.
 * Rejects with what the helper printed when it fails.
 */
export async function emptyVolume(docker: Docker, volume: string, image: string): Promise<void> {
  await withVolumeHelper(docker, { volume, image, readOnly: false, run: true }, async (container) => {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    if (StatusCode !== 0) {
      const logs = (await container.logs({ stdout: true, stderr: true }).catch(() => Buffer.alloc(0))) as unknown as Buffer;
      const text = demuxBuffer(logs).trim();
      throw new Error(`Could not empty volume "${volume}" with the helper image ${image} (exit ${StatusCode})${text ? `: ${text.slice(0, 500)}` : ''}.`);
    }
  });
}
