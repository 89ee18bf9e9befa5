// `host-sysctl`: a kernel setting under `sysctls` that the container cannot
// have. Compose hands the settings over as written; the engine's runtime
// (runc) refuses to start the container unless each one belongs to a
// namespace the container has of its own, an error at `up` (measured on the
// engine here, in test/docker/engine-verdicts.test.ts):
// - `net.*` is the network namespace's: refused with `network_mode: host`
//   ("not allowed in host network namespace");
// - the IPC settings (`kernel.msgmax`, `kernel.msgmnb`, `kernel.msgmni`,
//   `kernel.sem`, `kernel.shmall`, `kernel.shmmax`, `kernel.shmmni`,
//   `kernel.shm_rmid_forced`, `fs.mqueue.*`) the IPC namespace's: refused
//   with `ipc: host` ("not allowed in the hosts ipc namespace");
// - `kernel.domainname` the UTS namespace's: refused with `uts: host` ("not
//   in a separate kernel namespace");
// - `kernel.hostname` conflicts with the container's host name, which the
//   runtime sets itself (`hostname:` sets it);
// - anything else (`vm.max_map_count`, `fs.file-max`, `kernel.pid_max`...)
//   is the host kernel's alone: "is not in a separate kernel namespace".
// Only the keys written in the service itself are read (not a merge or
// `extends`); names with variables are left to run time.
import { isMap, isScalar, isSeq } from 'yaml';
import { removeEntryAt } from '../edits';
import { DiagnosticSeverity } from '../make';
import { nodeRange, scalarText, type Range } from '../../model/nodes';
import { serviceDefinition } from '../../spec/service';
import { isInterpolated } from '../../spec/interpolated';
import { ownPair, ownText, type FormatRule } from './formatRule';

const IPC_SETTINGS: ReadonlySet<string> = new Set(['kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni', 'kernel.sem', 'kernel.shmall', 'kernel.shmmax', 'kernel.shmmni', 'kernel.shm_rmid_forced']);

export const hostSysctl: FormatRule = {
  code: 'host-sysctl',
  severity: DiagnosticSeverity.Error,
  check: {
    applies: (spec) => spec === serviceDefinition,
    map(v, report) {
      if (v.alias) return;
      const sysctls = ownPair(v, 'sysctls')?.value;
      if (!isMap(sysctls) && !isSeq(sysctls)) return;
      const host = {
        network: ownText(v, 'network_mode') === 'host',
        ipc: ownText(v, 'ipc') === 'host',
        uts: ownText(v, 'uts') === 'host',
      };
      for (const { name, range } of settings(sysctls)) {
        if (isInterpolated(name)) continue;
        const why = refusal(name, host);
        if (why) report(range, why);
      }
    },
  },
  // The setting goes (with `sysctls:` when it was the only one): the container cannot start with it.
  fix({ doc, diagnostic }) {
    const written = doc.text.getText(diagnostic.range);
    const edit = removeEntryAt(doc, doc.text.offsetAt(diagnostic.range.start));
    return edit ? [{ title: `Remove ${written} from sysctls`, edits: [edit], preferred: true }] : [];
  },
};

/** Why the runtime refuses `name` in a container with these host namespaces, or undefined when it takes it. */
function refusal(name: string, host: { network: boolean; ipc: boolean; uts: boolean }): string | undefined {
  const shared = (what: string, key: string, said: string) =>
    `${name} belongs to the ${what} namespace, and \`${key}: host\` shares the host's: the engine refuses to start the container ("sysctl ${name} ${said}"). Set it on the host, or give the service a namespace of its own.`;
  if (name.startsWith('net.')) return host.network ? shared('network', 'network_mode', 'not allowed in host network namespace') : undefined;
  if (IPC_SETTINGS.has(name) || name.startsWith('fs.mqueue.')) return host.ipc ? shared('IPC', 'ipc', 'is not allowed in the hosts ipc namespace') : undefined;
  if (name === 'kernel.domainname') return host.uts ? shared('UTS', 'uts', 'is not in a separate kernel namespace') : undefined;
  if (name === 'kernel.hostname') return 'kernel.hostname is the container\'s host name, which the engine sets itself: it refuses to start the container ("conflicts with the OCI hostname field"). Use `hostname:` instead.';
  return `${name} is a setting of the host's kernel, not of a namespace the container has: the engine refuses to start the container ("sysctl ${name} is not in a separate kernel namespace"). Set it on the host (\`sysctl -w ${name}=...\`, /etc/sysctl.d); a container can change only net.*, fs.mqueue.*, the IPC settings (kernel.shm*, kernel.msg*, kernel.sem) and kernel.domainname.`;
}

/** The settings as written, in either form (`name: value`, `- name=value`), where their names are. */
function settings(node: unknown): { name: string; range: Range }[] {
  const found: { name: string; range: Range }[] = [];
  if (isMap(node)) {
    for (const pair of node.items) {
      const name = scalarText(pair.key);
      const range = nodeRange(pair.key);
      if (name && range) found.push({ name: name.trim(), range });
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const text = isScalar(item) ? scalarText(item) : undefined;
      const range = nodeRange(item);
      if (!text || !range) continue;
      const name = text.split('=')[0]!.trim();
      if (!name) continue;
      // A plain `- vm.max_map_count=262144` is marked at its name; a quoted one whole.
      const plain = isScalar(item) && item.type === 'PLAIN' && text.startsWith(name);
      found.push({ name, range: plain ? [range[0], range[0] + name.length] : range });
    }
  }
  return found;
}
