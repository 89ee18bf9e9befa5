// What a service's image listens on: from its Dockerfile when it has `build`
// (see dockerfile.ts), else from the engine, whose images the client reports
// (`dockhand/imagePorts`: the server itself never talks to Docker).
import { isMap, isSeq, type Node } from 'yaml';
import { getValue, scalarText } from '../model/nodes';
import type { ComposeProject } from '../model/project';
import { perDefinition } from '../model/definitionMemo';
import type { Workspace } from '../model/workspace';
import type { EngineImagePorts } from '../../../common/src/protocol';
import { familiarName, parseImageReference } from '../spec/imageReference';
import { boundedMemo } from '../spec/boundedMemo';
import { buildBase, buildFiles, resolved } from './buildFiles';
import { dockerfileExposure, parsePort, showPort, type ExposedPort } from './dockerfile';

export { showPort, type ExposedPort } from './dockerfile';

export interface ServiceExposure {
  readonly ports: readonly ExposedPort[];
  /** Everything the image exposes is known (no unresolved EXPOSE, no base image we know nothing about). */
  readonly complete: boolean;
  /** Where it was read, for messages: "`nginx:1.25`" or "the Dockerfile `app/Dockerfile` (stage `prod`)". */
  readonly source: string;
}

/** The images on the engine, by normalised reference (`docker.io/library/nginx:1.25`). */
export class ImagePorts {
  private byReference = new Map<string, ExposedPort[]>();
  private localNames: readonly string[] = [];

  /** The client's latest list: it replaces the previous one. */
  setEngineImages(images: readonly EngineImagePorts[]): void {
    const next = new Map<string, ExposedPort[]>();
    const names = new Set<string>();
    for (const image of images) {
      for (const name of image.names) {
        // As a user writes it (`nginx:1.25`, not `docker.io/library/nginx:1.25`); a digest is no name to type.
        const ref = parseImageReference(name);
        if (ref && !ref.digest) names.add(familiarName(ref));
      }
      const ports = image.exposedPorts.map(parsePort).filter((p): p is ExposedPort => !!p);
      for (const name of image.names) {
        const key = referenceKey(name);
        if (key) next.set(key, ports);
      }
    }
    this.byReference = next;
    this.localNames = [...names].sort();
  }

  /** The engine's images as `repository:tag`, as the client reported them (for completion); empty when we were not told. */
  names(): readonly string[] {
    return this.localNames;
  }

  /** What the engine's image of that name exposes; undefined when the engine has no such image (or we were not told). */
  engine(image: string): ExposedPort[] | undefined {
    // Nothing reported (no engine, an untrusted workspace, the CLI): no need to read the reference at all.
    if (this.byReference.size === 0) return undefined;
    const key = referenceKey(image);
    return key ? this.byReference.get(key) : undefined;
  }

  /** What the image of `service` exposes, or undefined when nothing is known. */
  forService(project: ComposeProject, workspace: Workspace, service: string): ServiceExposure | undefined {
    let build: Node | null | undefined;
    let base = project.directory;
    let image: string | undefined;
    for (const def of project.definitions('service', service)) {
      const { build: b, image: i } = imageKeys(def);
      if (b !== undefined && b !== null) {
        build = b;
        base = buildBase(project, def.uri);
      }
      if (i !== undefined) image = i;
    }
    const imageName = image === undefined ? undefined : resolved(project, image);
    if (build) return this.fromBuild(project, workspace, build, base);
    if (!imageName) return undefined;
    const ports = this.engine(imageName);
    const ref = ports && parseImageReference(imageName);
    return ports && ref ? { ports, complete: true, source: `\`${familiarName(ref)}\`` } : undefined;
  }

  private fromBuild(project: ComposeProject, workspace: Workspace, build: Node, base: string): ServiceExposure | undefined {
    const files = buildFiles(project, build, base);
    if (!files) return undefined;
    const { dockerfile, inline } = files;
    const text = inline ?? (dockerfile === undefined ? undefined : workspace.readText(dockerfile));
    if (text === undefined) return undefined;
    const targetText = isMap(build) ? scalarText(getValue(build, 'target')) : undefined;
    const target = targetText === undefined ? undefined : resolved(project, targetText);
    const exposure = dockerfileExposure(text, target, buildArgs(project, isMap(build) ? getValue(build, 'args') : undefined));
    if (!exposure) return undefined;
    let ports = exposure.ports;
    let complete = !exposure.unresolved;
    if (exposure.baseImage) {
      const inherited = this.engine(exposure.baseImage);
      if (inherited) ports = [...inherited, ...ports];
      else complete = false;
    }
    const where = dockerfile === undefined ? 'the inline Dockerfile' : `the Dockerfile \`${project.relative(dockerfile)}\``;
    return { ports, complete, source: where + (exposure.stage && target ? ` (stage \`${exposure.stage}\`)` : '') };
  }
}

/** A service's `build` and `image`, looked up once per definition (a run asks for every service). */
const imageKeys = perDefinition((body: unknown): { build: Node | null | undefined; image: string | undefined } =>
  !body || typeof body !== 'object' ? { build: undefined, image: undefined } : { build: getValue(body, 'build') as Node | null | undefined, image: scalarText(getValue(body, 'image')) });

/** Does `ports` hold `port`/`protocol`? */
export function exposes(ports: readonly ExposedPort[], port: number, protocol: string): boolean {
  return ports.some((p) => p.protocol === protocol && port >= p.from && port <= p.to);
}

export function describePorts(ports: readonly ExposedPort[]): string {
  return ports.map(showPort).join(', ');
}

/** Normalised references by name as written: the same few images recur in thousands of services, checked on every edit. */
const referenceKey = boundedMemo(10_000, (name: string): string | undefined => {
  const ref = parseImageReference(name);
  return ref ? `${ref.registry}/${ref.path}:${ref.tag ?? 'latest'}` : undefined;
});

/** Compose's `build.args`, as a map or a list of `NAME=value`. */
function buildArgs(project: ComposeProject, node: unknown): Map<string, string> {
  const args = new Map<string, string>();
  if (isMap(node)) {
    for (const pair of node.items) {
      const name = scalarText(pair.key);
      const value = scalarText(pair.value);
      if (name && value !== undefined) {
        const v = resolved(project, value);
        if (v !== undefined) args.set(name, v);
      }
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const text = scalarText(item);
      const eq = text?.indexOf('=') ?? -1;
      if (!text || eq <= 0) continue;
      const v = resolved(project, text.slice(eq + 1));
      if (v !== undefined) args.set(text.slice(0, eq), v);
    }
  }
  return args;
}
