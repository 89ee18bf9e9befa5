// The host ports a service publishes, from the short (`127.0.0.1:8080:80/tcp`)
// and long (`published`, `target`, `host_ip`, `protocol`) forms. Interpolated
// entries are left out: their value is unknown until Compose runs.
import { isMap, isScalar, type Node } from 'yaml';
import type { ComposeDocument } from '../../model/document';
import { getValue, nodeRange, scalarText, seqItems, type Range } from '../../model/nodes';
import { isInterpolated, parsePortMapping, type PortRange } from '../../spec/index';
import { resolve } from '../specWalk';
import type { ServicePart } from './projectServices';

export interface PortBinding {
  readonly service: string;
  readonly hostIp?: string;
  readonly hostPorts?: PortRange;
  readonly containerPorts: PortRange;
  readonly protocol: string;
  readonly doc: ComposeDocument;
  readonly range: Range;
  readonly text: string;
}

function range(text: string): PortRange | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2] ?? m[1])];
}

export function portBindings(part: ServicePart): PortBinding[] {
  const result: PortBinding[] = [];
  for (const raw of seqItems(getValue(part.body, 'ports'))) {
    const item = resolve(part.doc, raw) as Node | undefined;
    const at = nodeRange(raw);
    if (!at) continue;
    if (isScalar(item)) {
      const text = scalarText(item);
      if (!text || isInterpolated(text)) continue;
      const mapping = parsePortMapping(text);
      if (!mapping) continue;
      result.push({ service: part.name, ...mapping, doc: part.doc, range: at, text });
    } else if (isMap(item)) {
      const values = ['published', 'target', 'host_ip', 'protocol'].map((k) => scalarText(getValue(item, k)));
      if (values.some((v) => v !== undefined && isInterpolated(v))) continue;
      const [published, target, hostIp, protocol] = values;
      const containerPorts = target ? range(target) : undefined;
      if (!containerPorts) continue;
      result.push({
        service: part.name,
        hostIp: hostIp || undefined,
        hostPorts: published ? range(published) : undefined,
        containerPorts,
        protocol: (protocol ?? 'tcp').toLowerCase(),
        doc: part.doc,
        range: at,
        text: `${published ?? ''}:${target}`,
      });
    }
  }
  return result;
}
