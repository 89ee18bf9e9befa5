// `dependency-cycle`: services that wait for each other in a circle (through
// depends_on, links, volumes_from, `service:` network/ipc/pid modes, build
// contexts), or a service that depends on itself. Compose cannot order them
// and refuses the project. The graph spans every file of the project.
import type { Diagnostic } from 'vscode-languageserver';
import { diagnostic, DiagnosticSeverity } from '../make';
import { stronglyConnected } from './cycles';
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

/** Each service in a circle, with its circle's edges as one text; none for a graph without circles. */
type Circles = ReadonlyMap<string, string>;

/** The circles of the graph each index made last (components), for the next edit to compare with. */
const lastCircles = new WeakMap<FactIndex, Circles>();

/** The graph's strongly connected components, by id, and the graph they were found in. */
interface Components {
  readonly graph: ReadonlyMap<string, ReadonlySet<string>>;
  readonly component: ReadonlyMap<string, number>;
  readonly sizes: ReadonlyMap<number, number>;
  /** The id a new node's component gets. */
  readonly nextId: number;
}

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

function componentsOf(graph: ReadonlyMap<string, ReadonlySet<string>>): Components {
  const component = stronglyConnected(graph);
  const sizes = new Map<number, number>();
  for (const id of component.values()) sizes.set(id, (sizes.get(id) ?? 0) + 1);
  return { graph, component, sizes, nextId: sizes.size };
}

/** More edges added than this, and the components are found again rather than each edge searched from. */
const ADDED_EDGES_SEARCHED = 16;

/**
 * The components after the edges changed, from those before, when no circle opened or closed; undefined when
 * one may have (they are then found again). An edge between two components is on no circle, so removing it
 * changes none; an added edge closes one only if its target reaches its source. Typing a service's name or a
 * dependency adds and removes edges of that kind: the search is then from one service, not over all of them.
 */
function componentsAfterChange(before: Components, graph: ReadonlyMap<string, ReadonlySet<string>>): Components | undefined {
  for (const [from, targets] of before.graph) {
    const now = graph.get(from);
    for (const to of targets) if (!now?.has(to) && before.component.get(from) === before.component.get(to)) return undefined;
  }
  let component: Map<string, number> | undefined;
  let sizes: Map<number, number> | undefined;
  let nextId = before.nextId;
  let added = 0;
  for (const [from, targets] of graph) {
    const had = before.graph.get(from);
    for (const to of targets) {
      if (had?.has(to)) continue;
      if (from === to || ++added > ADDED_EDGES_SEARCHED) return undefined;
      const a = before.component.get(from);
      if (a !== undefined && a === before.component.get(to)) continue;
      if (reaches(graph, to, from)) return undefined;
      component ??= new Map(before.component);
      sizes ??= new Map(before.sizes);
      for (const node of [from, to]) {
        if (component.has(node)) continue;
        component.set(node, nextId);
        sizes.set(nextId++, 1);
      }
    }
  }
  return { graph, component: component ?? before.component, sizes: sizes ?? before.sizes, nextId };
}

/** Whether a path leads from `from` to `to`. */
function reaches(graph: ReadonlyMap<string, ReadonlySet<string>>, from: string, to: string): boolean {
  const seen = new Set([from]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    for (const next of graph.get(queue[head]!) ?? []) {
      if (next === to) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return false;
}

/**
 * The services of every circle (a component of several, or an edge onto itself), each with the edges inside its
 * component in load order. A service's findings follow from its own edges into its component and from these
 * alone: a path between two services of a component never leaves it, so edges elsewhere change nothing there.
 */
function circlesOf(graph: ReadonlyMap<string, ReadonlySet<string>>, component: ReadonlyMap<string, number>): Circles {
  const inside = new Map<number, string[]>();
  for (const [from, targets] of graph) {
    const id = component.get(from)!;
    for (const to of targets) {
      if (component.get(to) !== id) continue;
      let list = inside.get(id);
      if (!list) inside.set(id, (list = []));
      list.push(`${from}\0${to}`);
    }
  }
  const texts = new Map<number, string>();
  for (const [id, edges] of inside) texts.set(id, edges.join('\n'));
  const circles = new Map<string, string>();
  for (const [name, id] of component) {
    const text = texts.get(id);
    if (text !== undefined) circles.set(name, text);
  }
  return circles;
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
