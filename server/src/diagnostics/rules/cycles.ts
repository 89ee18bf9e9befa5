// The dependency graph's circles. Strongly connected components (Tarjan,
// iteratively, so a long chain of services cannot overflow the stack): the
// services that wait on each other in a circle are exactly those in one
// component of two or more. After an edit they are carried over from the
// last ones when no circle can have opened or closed, and each circle is
// told by the edges inside it, which is what its services' findings read.
export function stronglyConnected(edges: ReadonlyMap<string, ReadonlySet<string>>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  let counter = 0;
  let components = 0;
  const nodes = new Set<string>([...edges.keys(), ...[...edges.values()].flatMap((s) => [...s])]);
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: string; next: Iterator<string> }[] = [];
    const enter = (node: string) => {
      index.set(node, counter);
      low.set(node, counter++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: (edges.get(node) ?? new Set<string>()).values() });
    };
    enter(root);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const step = top.next.next();
      if (!step.done) {
        const to = step.value;
        if (!index.has(to)) enter(to);
        else if (onStack.has(to)) low.set(top.node, Math.min(low.get(top.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]!.node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) === index.get(top.node)) {
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.set(member, components);
        } while (member !== top.node);
        components++;
      }
    }
  }
  return component;
}

/** Each service in a circle, with its circle's edges as one text; none for a graph without circles. */
export type Circles = ReadonlyMap<string, string>;

/** The graph's strongly connected components, by id, and the graph they were found in. */
export interface Components {
  readonly graph: ReadonlyMap<string, ReadonlySet<string>>;
  readonly component: ReadonlyMap<string, number>;
  readonly sizes: ReadonlyMap<number, number>;
  /** The id a new node's component gets. */
  readonly nextId: number;
}

/** The components found from scratch. */
export function componentsOf(graph: ReadonlyMap<string, ReadonlySet<string>>): Components {
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
export function componentsAfterChange(before: Components, graph: ReadonlyMap<string, ReadonlySet<string>>): Components | undefined {
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
export function circlesOf(graph: ReadonlyMap<string, ReadonlySet<string>>, component: ReadonlyMap<string, number>): Circles {
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
