// Which image the volume helper (volumeHelper.ts) is made from, chosen among
// the images already on the engine so a first-time user rarely needs a pull.
//
// Two kinds of job:
// - 'archive' (browse, back up, merge restore): the helper container is
//   created and never started; the engine's archive API reads and writes the
//   volume. Nothing from the image runs, so any image can serve. Images that
//   declare a VOLUME are passed over: creating a container of one would make
//   an anonymous volume as a side effect.
// - 'run' (empty a volume before a replacing restore): the helper runs
//   `sh -c 'rm -rf ...'`. It runs with no network, as root, with only the one
//   volume mounted, which the user has just agreed to empty: the worst a
//   strange image could do is fail or leave that volume wrong, and the empty
//   is checked afterwards through the archive API. Still, only images known
//   to carry a POSIX shell and rm (the official busybox, alpine, debian,
//   ubuntu) or the image the user configured are run.
//
// Order: the configured image (dockhand.volumes.helperImage) when present;
// else the smallest of those official images for the engine's platform; else,
// for an 'archive' job, the smallest image without a declared VOLUME. When
// nothing fits the caller asks the user before pulling the configured image.
import type Docker from 'dockerode';
import { statusOf } from './engine';

export type HelperJob = 'archive' | 'run';

export interface HelperChoice {
  image: string;
  /** Why this one, for the user ("the configured image", "already on this engine"...). */
  why: string;
}

/** Official images that have /bin/sh and rm on every tag. */
export const TOOLBOX_REPOSITORIES = ['busybox', 'alpine', 'debian', 'ubuntu'];

/** "docker.io/library/alpine:3.20" -> "alpine"; "ghcr.io/x/alpine:1" -> "ghcr.io/x/alpine". */
export function repositoryOf(tag: string): string {
  const at = tag.indexOf('@');
  const noDigest = at >= 0 ? tag.slice(0, at) : tag;
  const colon = noDigest.lastIndexOf(':');
  const repo = colon > noDigest.lastIndexOf('/') ? noDigest.slice(0, colon) : noDigest;
  return repo.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
}

export interface ImageCandidate {
  tag: string;
  size: number;
  os?: string;
  architecture?: string;
  declaresVolumes: boolean;
}

/**
 * The best local image for a job, or undefined; pure, so the ranking is
 * tested without an engine. `platform` is the engine's own (`docker version`).
 */
export function rankHelperCandidates(candidates: ImageCandidate[], job: HelperJob, platform: { os: string; architecture: string }): ImageCandidate | undefined {
  const native = (c: ImageCandidate) => (c.os ?? platform.os) === platform.os && (c.architecture ?? platform.architecture) === platform.architecture;
  const bySize = (a: ImageCandidate, b: ImageCandidate) => a.size - b.size || a.tag.localeCompare(b.tag);
  const toolbox = candidates.filter((c) => TOOLBOX_REPOSITORIES.includes(repositoryOf(c.tag)) && native(c) && !c.declaresVolumes).sort(bySize);
  if (toolbox[0]) return toolbox[0];
  if (job === 'run') return undefined;
  // Never started: its platform does not matter.
  return candidates.filter((c) => !c.declaresVolumes && !c.tag.startsWith('<none>')).sort(bySize)[0];
}

async function hasImage(docker: Docker, image: string): Promise<boolean> {
  try {
    await docker.getImage(image).inspect();
    return true;
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
}

/** Lists the engine's tagged images with what the ranking needs (one inspect per tagged image). */
async function localCandidates(docker: Docker): Promise<ImageCandidate[]> {
  const images = await docker.listImages();
  const out: ImageCandidate[] = [];
  for (const image of images) {
    const tags = (image.RepoTags ?? []).filter((t) => t && !t.startsWith('<none>'));
    if (tags.length === 0) continue;
    let info: { Os?: string; Architecture?: string; Config?: { Volumes?: Record<string, unknown> | null } } = {};
    try {
      info = (await docker.getImage(image.Id).inspect()) as typeof info;
    } catch {
      continue; // removed meanwhile
    }
    const declaresVolumes = Object.keys(info.Config?.Volumes ?? {}).length > 0;
    for (const tag of tags) out.push({ tag, size: image.Size, os: info.Os, architecture: info.Architecture, declaresVolumes });
  }
  return out;
}

export async function chooseHelperImage(docker: Docker, options: { configured: string; job: HelperJob }): Promise<HelperChoice | undefined> {
  if (options.configured && (await hasImage(docker, options.configured))) {
    return { image: options.configured, why: `${options.configured}, the dockhand.volumes.helperImage setting` };
  }
  const version = await docker.version();
  const best = rankHelperCandidates(await localCandidates(docker), options.job, { os: version.Os, architecture: version.Arch });
  if (!best) return undefined;
  const why =
    options.job === 'archive' && !TOOLBOX_REPOSITORIES.includes(repositoryOf(best.tag))
      ? `${best.tag}, already on this engine (it is never started)`
      : `${best.tag}, already on this engine`;
  return { image: best.tag, why };
}

export interface PullProgress {
  /** 0..1 when the sizes are known. */
  fraction?: number;
  /** The engine's words for the current step, e.g. "Downloading", "Pull complete". */
  status: string;
}

/** Pulls `image`, reporting progress across its layers; rejects with the engine's message. */
export async function pullImage(docker: Docker, image: string, onProgress?: (p: PullProgress) => void, signal?: AbortSignal): Promise<void> {
  const stream = (await docker.pull(image, { abortSignal: signal } as object)) as NodeJS.ReadableStream;
  const layers = new Map<string, { current: number; total: number }>();
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (error: Error | null, output: { error?: string; errorDetail?: { message?: string } }[]) => {
        const failed = error ?? output?.find((o) => o.error || o.errorDetail);
        if (failed) reject(failed instanceof Error ? failed : new Error(failed.errorDetail?.message ?? failed.error));
        else resolve();
      },
      (event: { id?: string; status?: string; progressDetail?: { current?: number; total?: number } }) => {
        if (event.id && event.progressDetail?.total) layers.set(event.id, { current: event.progressDetail.current ?? 0, total: event.progressDetail.total });
        let current = 0;
        let total = 0;
        for (const l of layers.values()) {
          current += l.current;
          total += l.total;
        }
        onProgress?.({ status: event.status ?? '', fraction: total > 0 ? Math.min(1, current / total) : undefined });
      },
    );
  });
}
