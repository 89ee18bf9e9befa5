// What the service checks read from a service body (its port bindings, the
// addresses in its environment, its networks), kept per body node while a
// run needs it again: the checks of an open ask for each several times (its
// facts, its own check, the checks of the services that name it), and the
// settling after it (serviceChecks.ts) asks for all of them once more. Once a
// document's checks are settled, an edit re-checks only the services it
// concerns, so what thousands of unchanged bodies gave is dropped then
// (~5 MB at 5,000 services) and made again only for a body that is asked for.
export class BodyCache<V> {
  private entries = new WeakMap<object, V>();

  get(body: object): V | undefined {
    return this.entries.get(body);
  }

  set(body: object, value: V): void {
    this.entries.set(body, value);
  }

  /** @internal */ forget(): void {
    this.entries = new WeakMap();
  }
}

const caches: BodyCache<unknown>[] = [];

/** A cache that `forgetBodyCaches` empties. */
export function bodyCache<V>(): BodyCache<V> {
  const cache = new BodyCache<V>();
  caches.push(cache as BodyCache<unknown>);
  return cache;
}

/** Drops every body cache's entries (after the service checks of a document are settled). */
export function forgetBodyCaches(): void {
  for (const cache of caches) cache.forget();
}
