// What a compose file's services ask of the engine that the engine they would
// run on does not have: `up` fails to create such a container (each measured
// on Engine 20.10, test/docker/engine-verdicts.test.ts):
// - `cpus` or `deploy.resources.limits.cpus` above its CPU count ("Range of
//   CPUs is from 0.01 to 2.00, as there are only 2 CPUs available"), a
//   `cpuset` naming a CPU it lacks ("Requested CPUs are not available");
// - a `runtime` it is not set up with ("Unknown runtime specified nvidia");
// - a logging driver it neither ships nor has as a plugin ("error looking up
//   logging plugin loki: plugin "loki" not found").
// Only the client knows the engine, so these are its warnings, beside the
// missing external volumes and networks: another engine may have them. Volume
// and network drivers are left alone: a plugin of the older kind is found only
// when used, and the engine does not list it before. Pure: the server's
// projectInfo engineRequests and what the engine says of itself in, warnings out.
import type { EngineRequest } from '../../../common/src/protocol';

export const CPUS_UNAVAILABLE_CODE = 'cpus-unavailable';
export const RUNTIME_MISSING_CODE = 'runtime-missing';
export const LOG_DRIVER_MISSING_CODE = 'log-driver-missing';

/** What the engine says of itself (`docker info`). */
export interface EngineFacts {
  readonly cpus: number;
  /** The runtimes it is set up with (`runc`, `io.containerd.runc.v2`, `nvidia`...). */
  readonly runtimes: ReadonlySet<string>;
  /** The logging drivers it ships and the logging plugins it has (`json-file`, `local`, `loki:latest`...). */
  readonly logDrivers: ReadonlySet<string>;
}

export interface EngineWarning {
  readonly code: string;
  readonly range: EngineRequest['range'];
  readonly warning: string;
}

/** The highest CPU number a cpuset names (`0-3,5` → 5); undefined when it is no cpuset (a format rule of the server's says so). */
export function highestCpu(cpuset: string): number | undefined {
  let highest = -1;
  for (const part of cpuset.split(',')) {
    const m = /^\s*(\d+)(?:-(\d+))?\s*$/.exec(part);
    if (!m) return undefined;
    highest = Math.max(highest, Number(m[2] ?? m[1]));
  }
  return highest < 0 ? undefined : highest;
}

const plural = (n: number) => `${n} CPU${n === 1 ? '' : 's'}`;

/** A plugin is named with its tag or without it (`loki` is `loki:latest`). */
function hasPlugin(names: ReadonlySet<string>, name: string): boolean {
  return names.has(name) || names.has(`${name}:latest`) || (name.endsWith(':latest') && names.has(name.slice(0, -':latest'.length)));
}

/** The requests the engine described by `facts` cannot meet. */
export function engineWarnings(requests: readonly EngineRequest[], facts: EngineFacts): EngineWarning[] {
  const out: EngineWarning[] = [];
  const { cpus } = facts;
  for (const r of requests) {
    const where = `of service "${r.service}"`;
    switch (r.key) {
      case 'cpuset': {
        const highest = highestCpu(r.value);
        if (!(cpus > 0) || highest === undefined || highest < cpus) continue;
        out.push({ code: CPUS_UNAVAILABLE_CODE, range: r.range, warning: `cpuset ${r.value} ${where} names CPU ${highest}, and the Docker engine has ${plural(cpus)} (0-${cpus - 1}): Compose Up fails to create the container ("Requested CPUs are not available"). Name CPUs it has, or leave cpuset out.` });
        continue;
      }
      case 'cpus':
      case 'deploy.resources.limits.cpus': {
        const asked = Number(r.value);
        if (!(cpus > 0) || !Number.isFinite(asked) || asked <= cpus) continue;
        out.push({ code: CPUS_UNAVAILABLE_CODE, range: r.range, warning: `${r.key}: ${r.value} ${where} is more than the ${plural(cpus)} the Docker engine has: Compose Up fails to create the container ("Range of CPUs is from 0.01 to ${cpus.toFixed(2)}"). Ask for ${cpus} or fewer, or run it on an engine with more CPUs.` });
        continue;
      }
      case 'runtime':
        if (facts.runtimes.size === 0 || facts.runtimes.has(r.value)) continue;
        out.push({ code: RUNTIME_MISSING_CODE, range: r.range, warning: `The Docker engine is not set up with the runtime "${r.value}" ${where}: Compose Up fails to create the container ("Unknown runtime specified ${r.value}"). It has ${[...facts.runtimes].sort().join(', ')}; runtimes are set up in the engine's daemon.json (nvidia by the NVIDIA Container Toolkit).` });
        continue;
      case 'logging.driver':
        // `none` keeps no logs: the engine takes it, and does not list it.
        if (facts.logDrivers.size === 0 || r.value === 'none' || hasPlugin(facts.logDrivers, r.value)) continue;
        out.push({ code: LOG_DRIVER_MISSING_CODE, range: r.range, warning: `The Docker engine has no logging driver "${r.value}" ${where}: Compose Up fails to create the container ("plugin "${r.value}" not found"). Install the plugin (docker plugin install ... --alias ${r.value}), or use one it ships, such as json-file or local.` });
        continue;
    }
  }
  return out;
}
