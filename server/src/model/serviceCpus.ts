// The CPU requests a service body writes (`cpus`, `deploy.resources.limits.cpus`,
// `cpuset`), read once when its block is read (a service definition keeps
// them: fileModel.ts). The client compares them with the engine's CPUs after
// every edit (projectInfo's `cpuRequests`), and a block keeps its tree only
// while something reads it (blockTrees.ts), so reading every body for that
// would read every block again.
import { isMap } from 'yaml';
import { getValue, scalarText } from './nodes';

export interface ServiceCpuAsk {
  readonly key: 'cpus' | 'deploy.resources.limits.cpus' | 'cpuset';
  /** The value as written, variables not substituted. */
  readonly text: string;
  /** The value's node, for its range: it moves with its block. */
  readonly node: unknown;
}

/** Undefined when the body asks for none (most services). */
export function serviceCpuAsksOf(body: unknown): readonly ServiceCpuAsk[] | undefined {
  if (!isMap(body)) return undefined;
  let asks: ServiceCpuAsk[] | undefined;
  const add = (key: ServiceCpuAsk['key'], node: unknown) => {
    const text = scalarText(node);
    if (text !== undefined) (asks ??= []).push({ key, text, node });
  };
  add('cpus', getValue(body, 'cpus'));
  add('deploy.resources.limits.cpus', getValue(getValue(getValue(getValue(body, 'deploy'), 'resources'), 'limits'), 'cpus'));
  add('cpuset', getValue(body, 'cpuset'));
  return asks;
}
