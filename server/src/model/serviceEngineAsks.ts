// What a service body asks of the engine that only the engine can say it has:
// CPUs (`cpus`, `deploy.resources.limits.cpus`, `cpuset`), a runtime and a
// logging driver. Read once when its block is read (a service definition
// keeps them: fileModel.ts). The client compares them with the engine after
// every edit (projectInfo's `engineRequests`), and a block keeps its tree only
// while something reads it (blockTrees.ts), so reading every body for that
// would read every block again.
import { isMap } from 'yaml';
import type { EngineRequest } from '../../../common/src/protocol';
import { getValue, scalarText } from './nodes';

export interface ServiceEngineAsk {
  readonly key: EngineRequest['key'];
  /** The value as written, variables not substituted. */
  readonly text: string;
  /** The value's node, for its range: it moves with its block. */
  readonly node: unknown;
}

/** Undefined when the body asks for none of these (most services). */
export function serviceEngineAsksOf(body: unknown): readonly ServiceEngineAsk[] | undefined {
  if (!isMap(body)) return undefined;
  let asks: ServiceEngineAsk[] | undefined;
  const add = (key: ServiceEngineAsk['key'], node: unknown) => {
    const text = scalarText(node);
    if (text !== undefined) (asks ??= []).push({ key, text, node });
  };
  add('cpus', getValue(body, 'cpus'));
  add('deploy.resources.limits.cpus', getValue(getValue(getValue(getValue(body, 'deploy'), 'resources'), 'limits'), 'cpus'));
  add('cpuset', getValue(body, 'cpuset'));
  add('runtime', getValue(body, 'runtime'));
  add('logging.driver', getValue(getValue(body, 'logging'), 'driver'));
  return asks;
}
