// Streams one container's stats from the engine (the stats API pushes a sample
// about every second) and reports a point at most every `intervalMs`. The
// caller stops it when the view is hidden; nothing polls.
import type Docker from 'dockerode';
import { readJsonLines } from './jsonLines';
import { limitsFromHostConfig, statsPoint, type Limits, type RawStats, type StatsPoint } from './stats';

export interface StatsWatch {
  stop(): void;
}

export interface StatsWatchOptions {
  intervalMs?: number;
  onPoint(point: StatsPoint, limits: Limits): void;
  /** The stream ended (container stopped or removed) or failed. */
  onEnd?(error?: unknown): void;
}

export async function watchContainerStats(docker: Docker, id: string, options: StatsWatchOptions): Promise<StatsWatch> {
  const container = docker.getContainer(id);
  const info = await container.inspect();
  const limits = limitsFromHostConfig(info.HostConfig as { Memory?: number; NanoCpus?: number });
  const stream = (await container.stats({ stream: true })) as unknown as NodeJS.ReadableStream & { destroy(): void };
  const interval = options.intervalMs ?? 2000;
  let previous: RawStats | undefined;
  let lastReport = 0;
  let stopped = false;
  let ended = false;
  readJsonLines(stream, (value) => {
    if (stopped || ended) return;
    const sample = value as RawStats;
    // A stopped container keeps the stream open with empty samples dated year 1.
    if (!sample.read || sample.read.startsWith('0001-')) {
      end();
      stream.destroy();
      return;
    }
    const point = statsPoint(previous, sample, limits);
    previous = sample;
    const now = Date.now();
    if (now - lastReport >= interval - 100) {
      lastReport = now;
      options.onPoint(point, limits);
    }
  });
  const end = (error?: unknown) => {
    if (ended || stopped) return;
    ended = true;
    options.onEnd?.(error);
  };
  stream.on('end', () => end());
  stream.on('error', (e) => end(e));
  return {
    stop() {
      stopped = true;
      stream.destroy();
    },
  };
}

/** One point for a running container: two samples of the stream, then stop. */
export async function sampleStats(docker: Docker, id: string, timeoutMs = 10_000): Promise<{ point: StatsPoint; limits: Limits }> {
  return new Promise((resolve, reject) => {
    let samples = 0;
    let watch: StatsWatch | undefined;
    const timer = setTimeout(() => {
      watch?.stop();
      reject(new Error(`No stats for container ${id.slice(0, 12)} within ${timeoutMs} ms: is it running?`));
    }, timeoutMs);
    watchContainerStats(docker, id, {
      intervalMs: 0,
      onPoint(point, limits) {
        // The first point has no previous sample, so no CPU %: wait for the second.
        if (++samples < 2) return;
        clearTimeout(timer);
        watch?.stop();
        resolve({ point, limits });
      },
      onEnd(error) {
        clearTimeout(timer);
        reject(error ?? new Error(`The stats stream of ${id.slice(0, 12)} ended: the container is not running.`));
      },
    }).then(
      (w) => {
        watch = w;
        if (samples >= 2) w.stop();
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
