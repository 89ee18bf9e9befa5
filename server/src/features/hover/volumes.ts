// Storage in words: a service's mount (named volume, bind mount, anonymous
// volume, tmpfs) and the top-level volumes, configs and secrets.
import * as os from 'node:os';
import * as path from 'node:path';
import { isMap, type Node } from 'yaml';
import { KIND_OF_SECTION } from '../../model/fileModel';
import { interpolateText } from '../../model/interpolation';
import { getValue, scalarText } from '../../model/nodes';
import type { ComposeProject } from '../../model/project';
import { uriToPath, type Workspace } from '../../model/workspace';
import { isHostPath, isInterpolated, parseVolumeShort } from '../../spec/index';
import { bullets, code, list } from './markup';
import { resourceFacts } from './facts';
import { referencesThroughMerges } from '../../diagnostics/rules/mergedReferences';

interface Mount {
  readonly type: string;
  readonly source?: string;
  readonly target?: string;
  readonly readOnly: boolean;
  readonly long: boolean;
  readonly createHostPath?: boolean;
}

function mountOf(project: ComposeProject, item: Node | null | undefined): Mount | string {
  const sub = (raw: string | undefined) => (raw !== undefined && isInterpolated(raw) ? interpolateText(raw, project.lookup).text : raw);
  if (isMap(item)) {
    const source = sub(scalarText(getValue(item, 'source')));
    const type = scalarText(getValue(item, 'type')) ?? (source === undefined ? 'volume' : isHostPath(source) ? 'bind' : 'volume');
    const readOnly = scalarText(getValue(item, 'read_only')) === 'true';
    const create = scalarText(getValue(getValue(item, 'bind'), 'create_host_path'));
    return { type, source, target: sub(scalarText(getValue(item, 'target'))), readOnly, long: true, createHostPath: create === undefined ? undefined : create === 'true' };
  }
  const text = sub(scalarText(item)) ?? '';
  const short = parseVolumeShort(text);
  if (!short) return `${code(text)} is not a mount: write \`SOURCE:TARGET[:MODE]\`, e.g. \`./data:/data:ro\` or \`dbdata:/var/lib/data\`.`;
  const readOnly = (short.mode ?? '').split(',').includes('ro');
  return { type: short.source === undefined ? 'volume' : short.isBind ? 'bind' : 'volume', source: short.source, target: short.target, readOnly, long: false };
}

/** Blocks for one entry of a service's `volumes`. */
export function mountBlocks(project: ComposeProject, workspace: Workspace, fileUri: string, service: string, item: Node | null | undefined): string[] {
  const mount = mountOf(project, item);
  if (typeof mount === 'string') return ['**Mount**', mount];
  const access = mount.readOnly ? 'read-only: the container cannot change the files' : 'read-write';
  const at = mount.target ? ` at ${code(mount.target)} in ${code(service)}` : '';
  if (mount.type === 'bind' && mount.source !== undefined) {
    const resolved = resolveHostPath(mount.source, path.dirname(uriToPath(fileUri)));
    const exists = workspace.exists(resolved);
    const missing = mount.long && mount.createHostPath !== true
      ? 'It does not exist: with the long syntax Compose refuses to start unless `bind: {create_host_path: true}`.'
      : 'It does not exist yet: Docker creates it as an empty folder (owned by root) on `up`.';
    return [
      `**Bind mount** ${code(mount.source)}${at}`,
      bullets([
        `Host path: ${code(resolved)}${mount.source !== resolved ? ` (${code(mount.source)} resolved against the Compose file's folder)` : ''}.`,
        exists ? 'The path exists on this machine.' : missing,
        `Mounted ${access}; changes on either side show on the other at once.`,
      ]),
    ];
  }
  if (mount.type === 'volume' && mount.source) {
    const facts = resourceFacts(project, 'volumes', mount.source);
    return [
      `**Named volume** ${code(mount.source)}${at}`,
      bullets([
        facts.defined
          ? `Full name: ${code(facts.fullName)}${facts.external ? ', external: created outside this project, Compose never creates or removes it' : ''}.`
          : `${code(mount.source)} is not declared under the top-level \`volumes:\`: Compose refuses to start until it is.`,
        facts.external ? undefined : 'Managed by Docker: the data survives `docker compose down`; `docker compose down -v` deletes it.',
        `Mounted ${access}.`,
      ]),
    ];
  }
  if (mount.type === 'volume') {
    return [
      `**Anonymous volume**${at}`,
      bullets([
        'Docker creates a volume with a random name; Compose reuses it when it recreates the container, and `docker compose down -v` deletes it.',
        `Mounted ${access}.`,
      ]),
    ];
  }
  if (mount.type === 'tmpfs') return [`**tmpfs mount**${at}`, 'In memory: empty at each start, gone when the container stops.'];
  return [`**${mount.type} mount**${at}`, `Source: ${mount.source ? code(mount.source) : 'none'}; mounted ${access}.`];
}

export function resolveHostPath(source: string, base: string): string {
  if (source === '~' || source.startsWith('~/')) return path.join(os.homedir(), source.slice(1));
  return path.resolve(base, source);
}

/** A top-level volume, config or secret. */
export function resourceBlocks(project: ComposeProject, section: 'volumes' | 'configs' | 'secrets', key: string): string[] {
  const facts = resourceFacts(project, section, key);
  const kind = KIND_OF_SECTION[section];
  const users = new Set(project.references(kind, key).map((r) => r.fromService));
  // Also the services a `<<` merge brings it to (`<<: *common` with `volumes: [data:/data]` in x-common).
  for (const r of referencesThroughMerges(project.files.map((f) => f.model))) if (r.kind === kind && r.name === key) users.add(r.fromService);
  const title = `**${kind[0].toUpperCase()}${kind.slice(1)}** ${code(key)}`;
  const lines: (string | undefined)[] = [
    `Full name: ${code(facts.fullName)}${facts.external ? ' (external: created outside this project; Compose never creates or removes it)' : ''}.`,
  ];
  if (section === 'volumes') {
    if (!facts.external) lines.push('Managed by Docker: its data survives `docker compose down`; `docker compose down -v` deletes it.');
    lines.push(`Driver: ${code(facts.driver ?? 'local')}${facts.driver ? '' : ' (the default)'}.`);
  } else {
    lines.push(kind === 'secret' ? 'Mounted read-only at `/run/secrets/<name>` in the services that list it.' : 'Mounted as a file in the services that list it (at `/<name>` unless `target` says otherwise).');
  }
  lines.push(users.size > 0 ? `Used by: ${list([...users])}.` : 'No service uses it.');
  return [title, bullets(lines)];
}
