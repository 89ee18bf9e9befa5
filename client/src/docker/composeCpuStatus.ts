// The CPU requests of a compose file's services that the engine it would run
// on cannot meet: `up` fails to create such a container. `cpus` or
// `deploy.resources.limits.cpus` above the engine's CPU count ("Range of CPUs
// is from 0.01 to 2.00, as there are only 2 CPUs available"), a `cpuset`
// naming a CPU it does not have ("Requested CPUs are not available"; both
// measured on Engine 20.10, test/docker/compose-verdicts.test.ts). Only the
// client knows the engine, so these are its warnings, beside the missing
// external volumes and networks: another engine may have the CPUs. Pure: the
// server's projectInfo cpuRequests and the engine's CPU count in, warnings out.
import type { ServiceCpuRequest } from '../../../common/src/protocol';

export const ENGINE_CPUS_CODE = 'engine-cpus';

export interface CpuWarning {
  readonly range: ServiceCpuRequest['range'];
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

/** The requests an engine with `cpus` CPUs refuses. */
export function cpuWarnings(requests: readonly ServiceCpuRequest[], cpus: number): CpuWarning[] {
  if (!(cpus > 0)) return [];
  const out: CpuWarning[] = [];
  for (const r of requests) {
    if (r.key === 'cpuset') {
      const highest = highestCpu(r.value);
      if (highest === undefined || highest < cpus) continue;
      out.push({ range: r.range, warning: `cpuset ${r.value} of service "${r.service}" names CPU ${highest}, and the Docker engine has ${plural(cpus)} (0-${cpus - 1}): Compose Up fails to create the container ("Requested CPUs are not available"). Name CPUs it has, or leave cpuset out.` });
      continue;
    }
    const asked = Number(r.value);
    if (!Number.isFinite(asked) || asked <= cpus) continue;
    out.push({ range: r.range, warning: `${r.key}: ${r.value} of service "${r.service}" is more than the ${plural(cpus)} the Docker engine has: Compose Up fails to create the container ("Range of CPUs is from 0.01 to ${cpus.toFixed(2)}"). Ask for ${cpus} or fewer, or run it on an engine with more CPUs.` });
  }
  return out;
}
