// A helper container with one volume mounted, created and never started: the
// engine's archive API (GET/PUT /containers/{id}/archive) reads and writes the
// volume through it, so no container of the user's runs and nothing executes.
// It is always removed afterwards.
import type Docker from 'dockerode';
import { engineMessage, statusOf } from './engine';

/** Where the volume is mounted inside the helper; a path no image has, so nothing is copied up into the volume. */
export const MOUNT_POINT = '/dockhand-volume';
export const HELPER_LABEL = 'dockhand.helper';
export const DEFAULT_HELPER_IMAGE = 'busybox:latest';

export class HelperImageMissingError extends Error {
  constructor(readonly image: string) {
    super(
      `The helper image "${image}" is not on this Docker engine. Dockhand reads and writes volumes through a container ` +
        `of that image, which it never starts. Get it with \`docker pull ${image}\`, or set dockhand.volumes.helperImage to an image you have.`,
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
  options: { volume: string; image: string; readOnly: boolean },
  work: (container: Docker.Container) => Promise<T>,
): Promise<T> {
  await ensureVolume(docker, options.volume);
  await ensureHelperImage(docker, options.image);
  let container: Docker.Container;
  try {
    const createOptions: Docker.ContainerCreateOptions = {
      Image: options.image,
      // Never run; a command is still required by images without one.
      Cmd: ['true'],
      Entrypoint: [],
      NetworkDisabled: true,
      Labels: { [HELPER_LABEL]: 'volume', 'dockhand.volume': options.volume },
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
    await container.remove({ force: true }).catch(() => undefined);
  }
}
