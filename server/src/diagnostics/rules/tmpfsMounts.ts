// `tmpfs-conflict`: a path of a service's `tmpfs` that one of its `volumes`
// mounts too. Compose loads either. What the engine does depends on how
// Compose hands the other mount over (measured on the engine here, in
// test/docker/engine-verdicts.test.ts):
// - a short-syntax bind (`./data:/data`) goes as a bind, which the engine
//   compares with the tmpfs paths as written: the same path is refused at
//   `up` ("Duplicate mount point: /data"), an error;
// - a named or anonymous volume, a long-syntax mount, or a bind whose target
//   is written another way (`/data/`): the container starts with both, and
//   the tmpfs covers the other. The service reads and writes memory, lost
//   when the container stops, where the file says a volume keeps it: a
//   warning, since Compose and the engine take it.
// Only the keys written in the service itself are compared; one brought in by
// a merge, `extends` or another file is not.
import { isMap, isScalar, isSeq } from 'yaml';
import { DiagnosticSeverity } from '../make';
import { getValue, nodeRange, scalarText } from '../../model/nodes';
import { serviceDefinition } from '../../spec/service';
import { isInterpolated } from '../../spec/interpolated';
import { containerFolder, parseVolumeShort, tmpfsPath } from '../../spec/mountPaths';
import { ownPair, type FormatRule } from './formatRule';

export const tmpfsConflict: FormatRule = {
  code: 'tmpfs-conflict',
  severity: DiagnosticSeverity.Error,
  check: {
    applies: (spec) => spec === serviceDefinition,
    map(v, report) {
      if (v.alias) return;
      const tmpfs = ownPair(v, 'tmpfs')?.value;
      const volumes = ownPair(v, 'volumes')?.value;
      if (tmpfs === undefined || !isSeq(volumes)) return;
      const paths = isSeq(tmpfs) ? tmpfs.items : [tmpfs];
      const mounts = volumes.items.map(mountOf);
      for (const item of paths) {
        const text = isScalar(item) ? scalarText(item) : undefined;
        const written = text === undefined ? undefined : tmpfsPath(text);
        if (!written || isInterpolated(written) || !written.startsWith('/')) continue;
        const index = mounts.findIndex((m) => m !== undefined && m.target === containerFolder(written));
        if (index < 0) continue;
        const mount = mounts[index]!;
        const range = nodeRange(item) ?? v.range;
        if (mount.bind && mount.written === written) {
          report(range, `${written} is a tmpfs and the bind mount of ${mount.what} (volumes item ${index}): the engine refuses to create the container ("Duplicate mount point: ${written}"). Remove one of them, or give the tmpfs a path of its own.`);
        } else {
          report(range, `The tmpfs at ${written} covers ${mount.what} (volumes item ${index}): the container starts with both, and the service reads and writes the tmpfs, which is lost when the container stops. Remove one of them, or give the tmpfs a path of its own.`, {
            severity: DiagnosticSeverity.Warning,
          });
        }
      }
    },
  },
};

interface Mount {
  /** The target cleaned: the folder it mounts on. */
  readonly target: string;
  /** The target as the engine compares it with tmpfs paths (a short-syntax bind's, cleaned by the engine's parser). */
  readonly written: string;
  /** A short-syntax bind: Compose hands it over as a bind, which the engine checks against the tmpfs paths. */
  readonly bind: boolean;
  /** How the message names it. */
  readonly what: string;
}

function mountOf(item: unknown): Mount | undefined {
  if (isScalar(item)) {
    const short = parseVolumeShort(scalarText(item) ?? '');
    if (!short || isInterpolated(short.target) || !short.target.startsWith('/')) return undefined;
    const target = containerFolder(short.target);
    const what = short.source === undefined ? 'an anonymous volume' : short.isBind ? short.source : `the volume '${short.source}'`;
    return { target, written: target, bind: short.isBind, what };
  }
  if (!isMap(item)) return undefined;
  const target = scalarText(getValue(item, 'target'));
  if (!target || isInterpolated(target) || !target.startsWith('/')) return undefined;
  const type = scalarText(getValue(item, 'type')) ?? 'volume';
  const source = scalarText(getValue(item, 'source'));
  const what = type === 'bind' && source ? source : type === 'volume' ? (source ? `the volume '${source}'` : 'an anonymous volume') : `a ${type} mount`;
  return { target: containerFolder(target), written: target, bind: false, what };
}
