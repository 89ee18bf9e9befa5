// `dependency-cycle`: services that wait for each other in a circle (through
// depends_on, links, volumes_from, `service:` network/ipc/pid modes, build
// contexts), or a service that depends on itself. Compose cannot order them
// and refuses the project. The graph spans every file of the project.
import type { Diagnostic } from 'vscode-languageserver';
import { diagnostic, DiagnosticSeverity } from '../make';
import { circlesOf, componentsAfterChange, componentsOf, type Circles, type Components } from './cycles';
import { isMap, isSeq } from 'yaml';
import { removeEntryAt } from '../edits';
import { nodeRange, scalarText } from '../../model/nodes';
import type { Fix } from '../fix';
import { referencesOf } from './mergedReferences';
import type { Rule } from './rule';
import type { NameReference } from '../../model/fileModel';
import type { FactIndex } from '../factIndex';
import { serviceRule, type ServiceCheck } from '../serviceChecks';

/** Circles longer than this are named by their size, not spelled out service by service. */
const LONG_CIRCLE = 32;

/** The `depends_on` entry that closes the circle, for the fix that removes it. */
export interface CycleData {
  readonly edge?: { readonly from: string; readonly to: string };
}

/** Removes the `depends_on` entry under the diagnostic: a `- name` line, a `name:` block, or an item of `[a, name]`. */
const removeEdge: Fix<CycleData> = ({ doc, diagnostic, data }) => {
  const edge = data.edge;
  if (!edge || typeof edge.from !== 'string' || typeof edge.to !== 'string') return [];
  const list = doc.yaml.getIn(['services', edge.from, 'depends_on'], true);
  const entry = dependencyEntry(list, doc.text.offsetAt(diagnostic.range.start));
  if (!entry || scalarText(entry.name) !== edge.to) return [];
  const edit = removeEntryAt(doc, entry.range[0]);
  return edit ? [{ title: `Remove the dependency of "${edge.from}" on "${edge.to}" (breaks the circle)`, edits: [edit] }] : [];
};

function dependencyEntry(list: unknown, offset: number): { name: unknown; range: [number, number] } | undefined {
  if (isSeq(list)) {
    for (const item of list.items) {
      const range = nodeRange(item);
      if (range && range[0] <= offset && offset <= range[1]) return { name: item, range: [range[0], range[1]] };
    }
  } else if (isMap(list)) {
    for (const pair of list.items) {
      const key = nodeRange(pair.key);
      if (!key || key[0] > offset || offset > key[1]) continue;
      const value = nodeRange(pair.value);
      return { name: pair.key, range: [key[0], value ? value[1] : key[1]] };
    }
  }
  return undefined;
}

/** One fact key for every edge of the project: the graph is read from its values. */
const EDGES = 'edges';

/**
 * What a service's findings read: its circle (the edges inside its component), not every edge of the project,
 * so an edge that opens or closes no circle (a service being named, a dependency typed) re-checks its own
 * service alone instead of all of them.
 */
const CIRCLE_OF = (name: string): string => `circle:${name}`;

/** The services each service waits for, in load order (the search below finds the same shortest path whatever edit led here). */
function dependencyGraph(index: FactIndex): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const [name, values] of index.namedValues(EDGES)) {
    let set = edges.get(name);
    if (!set) edges.set(name, (set = new Set()));
    for (const edge of values) set.add(edge.slice(name.length + 1));
  }
  return edges;
}

/** The circles of the graph each index made last (components), for the next edit to compare with. */
const lastCircles = new WeakMap<FactIndex, Circles>();

/** The components each index found last, which the next change of the edges starts from. */
const lastComponents = new WeakMap<FactIndex, Components>();

/** The graph's strongly connected components and their sizes, kept until an edge changes (they do not depend on the order). */
function components(index: FactIndex): Components {
  return index.keep('components', [EDGES], () => {
    const graph = dependencyGraph(index);
    const before = lastComponents.get(index);
    const found = (before && componentsAfterChange(before, graph)) ?? componentsOf(graph);
    lastComponents.set(index, found);
    lastCircles.set(index, circlesOf(graph, found.component));
    return found;
  });
}

/** The services whose circle an edit of the edges changed: joined, left, or its edges changed. */
function changedCircles(index: FactIndex, dirty: ReadonlySet<string> | undefined): string[] {
  if (dirty && !dirty.has(EDGES)) return [];
  const before = lastCircles.get(index);
  components(index);
  const after = lastCircles.get(index);
  if (!dirty || before === after) return [];
  const changed: string[] = [];
  after?.forEach((edges, name) => {
    if (before?.get(name) !== edges) changed.push(CIRCLE_OF(name));
  });
  before?.forEach((_, name) => {
    if (!after?.has(name)) changed.push(CIRCLE_OF(name));
  });
  return changed;
}

/** A path from `from` back to `to`, over the graph in load order (built once per run, only when a circle is to be spelled out). */
function pathBetween(index: FactIndex, from: string, to: string): string[] | undefined {
  const edges = index.perRun('graph', () => dependencyGraph(index));
  // Breadth first, so it is a shortest one.
  const previous = new Map<string, string>();
  const queue = [from];
  const seen = new Set([from]);
  // A read index rather than queue.shift(), which moves every element (quadratic on a long queue).
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    if (node === to) {
      const result = [to];
      let at = to;
      while (at !== from) {
        at = previous.get(at)!;
        result.unshift(at);
      }
      return result;
    }
    for (const next of edges.get(node) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      previous.set(next, node);
      queue.push(next);
    }
  }
  return undefined;
}

const isEdge = (ref: NameReference) => ref.kind === 'service' && ref.via !== 'extends';

const cycleCheck: ServiceCheck = {
  id: 'dependency-cycle',
  facts(part, add, model) {
    // Both ends in the value: a renamed service keeps its edges' targets but not their source.
    for (const ref of referencesOf(model, part.def)) if (isEdge(ref)) add(EDGES, `${part.name}\0${ref.name}`);
  },
  changedDerivedKeys: changedCircles,
  check({ doc, file }, index, def, read) {
    read(CIRCLE_OF(def.name));
    const out: Diagnostic[] = [];
    const refs = referencesOf(file, def).filter(isEdge);
    if (refs.length === 0) return out;
    const { component, sizes } = components(index);
    for (const ref of refs) {
      // Only an edge inside one component (or onto itself) closes a circle: the search below runs for those alone.
      if (ref.name !== ref.fromService && component.get(ref.name) !== component.get(ref.fromService)) continue;
      let cycle: string[] | undefined;
      const size = sizes.get(component.get(ref.fromService)!) ?? 1;
      if (ref.name !== ref.fromService && size > LONG_CIRCLE) {
        // A search per edge in a circle of thousands is quadratic, and a path of thousands of names reads as noise.
        out.push(diagnostic(doc, ref.range, DiagnosticSeverity.Error, 'dependency-cycle',
          `dependency cycle detected: ${ref.fromService} -> ${ref.name} -> ... -> ${ref.fromService} (${size} services wait for each other in a circle; Compose cannot decide which to start first).`));
        continue;
      }
      if (ref.name === ref.fromService) cycle = [ref.fromService, ref.fromService];
      else {
        const back = pathBetween(index, ref.name, ref.fromService);
        if (back) cycle = [ref.fromService, ...back];
      }
      if (!cycle) continue;
      const what = cycle.length === 2 && cycle[0] === cycle[1] ? `service "${ref.fromService}" depends on itself` : 'services wait for each other in a circle';
      out.push(diagnostic<CycleData>(doc, ref.range, DiagnosticSeverity.Error, 'dependency-cycle',
        `dependency cycle detected: ${cycle.join(' -> ')} (${what}; Compose cannot decide which to start first).`,
        ref.via === 'depends_on' ? { data: { edge: { from: ref.fromService, to: ref.name } } } : {}));
    }
    return out;
  },
};

export const dependencyCycles: Rule<CycleData> = serviceRule(cycleCheck, { codes: ['dependency-cycle'], fix: removeEdge });
