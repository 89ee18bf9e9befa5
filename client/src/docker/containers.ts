// Container actions and logs, on the engine API (the shell: shell.ts).
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { groupProjects, type ProjectView } from './projects';

export async function listProjects(docker: Docker): Promise<ProjectView[]> {
  return groupProjects(await docker.listContainers({ all: true }));
}

export type ContainerAction = 'start' | 'stop' | 'restart' | 'remove';

export async function containerAction(docker: Docker, id: string, action: ContainerAction): Promise<void> {
  const c = docker.getContainer(id);
  if (action === 'start') await c.start();
  else if (action === 'stop') await c.stop();
  else if (action === 'restart') await c.restart();
  // Anonymous volumes stay: they may hold data the user wants; named ones are never touched.
  else await c.remove({ force: true });
}

export async function inspectContainer(docker: Docker, id: string): Promise<Docker.ContainerInspectInfo> {
  return docker.getContainer(id).inspect();
}

/**
 * Follows a container's logs with timestamps; `onText` gets decoded text
 * (stdout and stderr, demultiplexed when the container has no TTY). Returns stop().
 */
export async function followLogs(
  docker: Docker,
  id: string,
  onText: (text: string, stream: 'stdout' | 'stderr') => void,
  options: { tail?: number; follow?: boolean; onEnd?: () => void } = {},
): Promise<() => void> {
  const c = docker.getContainer(id);
  const info = await c.inspect();
  const follow = options.follow ?? true;
  const raw = (await c.logs({
    follow: follow as true,
    stdout: true,
    stderr: true,
    timestamps: true,
    tail: options.tail ?? 500,
  })) as unknown as NodeJS.ReadableStream & { destroy?: () => void };
  // Without follow dockerode hands back a Buffer rather than a stream.
  if (Buffer.isBuffer(raw)) {
    const text = info.Config.Tty ? raw.toString('utf8') : demuxBuffer(raw);
    onText(text, 'stdout');
    options.onEnd?.();
    return () => undefined;
  }
  if (info.Config.Tty) {
    raw.on('data', (d: Buffer) => onText(d.toString('utf8'), 'stdout'));
  } else {
    const out = new PassThrough();
    const err = new PassThrough();
    out.on('data', (d: Buffer) => onText(d.toString('utf8'), 'stdout'));
    err.on('data', (d: Buffer) => onText(d.toString('utf8'), 'stderr'));
    docker.modem.demuxStream(raw, out, err);
  }
  raw.on('end', () => options.onEnd?.());
  return () => raw.destroy?.();
}

/** Decodes the engine's multiplexed log format (8-byte frame headers) held in one buffer. */
export function demuxBuffer(buffer: Buffer): string {
  let text = '';
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    text += buffer.subarray(offset + 8, offset + 8 + size).toString('utf8');
    offset += 8 + size;
  }
  return text;
}

/** Host URL for a published port: 0.0.0.0 and :: mean "this machine". */
export function browserUrl(port: { hostIp?: string; hostPort?: number }, scheme = 'http'): string | undefined {
  if (!port.hostPort) return undefined;
  const host = !port.hostIp || port.hostIp === '0.0.0.0' || port.hostIp === '::' ? 'localhost' : port.hostIp.includes(':') ? `[${port.hostIp}]` : port.hostIp;
  return `${scheme}://${host}:${port.hostPort}`;
}
