// Image references as Docker reads them: `[REGISTRY[:PORT]/]PATH[:TAG][@DIGEST]`.
// The first path component is a registry only when it looks like a host (a
// dot, a port, or `localhost`); otherwise the image is on Docker Hub, and a
// single-component path is one of its official images (`library/`).

export const DOCKER_HUB = 'docker.io';

/** Docker Hub's other names. */
const HUB_ALIASES = new Set([DOCKER_HUB, 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

export interface ImageReference {
  /** The registry host (and port); `docker.io` for Docker Hub. */
  readonly registry: string;
  /** The repository path, `library/nginx` for an official Hub image. */
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/** The parts of a reference, or undefined when it is not one (empty, upper case, spaces...). */
export function parseImageReference(text: string): ImageReference | undefined {
  let rest = text.trim();
  if (!rest || /\s/.test(rest)) return undefined;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    // ALGORITHM:HEX, the hex at least 32 digits (sha256:…), as the engine reads a digest.
    if (!/^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!/^[\w][\w.-]{0,127}$/.test(tag)) return undefined;
  }
  const parts = rest.split('/');
  let registry = DOCKER_HUB;
  if (parts.length > 1 && (parts[0]!.includes('.') || parts[0]!.includes(':') || parts[0] === 'localhost')) {
    registry = parts.shift()!.toLowerCase();
    if (HUB_ALIASES.has(registry)) registry = DOCKER_HUB;
  }
  if (parts.length === 0 || !parts.every((p) => COMPONENT.test(p))) return undefined;
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift('library');
  return { registry, path: parts.join('/'), tag, digest };
}

/** The short name Docker shows: `nginx:1.25` for `docker.io/library/nginx:1.25`. */
export function familiarName(ref: ImageReference): string {
  const path = ref.registry === DOCKER_HUB ? ref.path.replace(/^library\//, '') : `${ref.registry}/${ref.path}`;
  return path + (ref.tag ? `:${ref.tag}` : '') + (ref.digest ? `@${ref.digest}` : '');
}
