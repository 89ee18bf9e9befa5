// `invalid-value` (one more case): a service whose `platform` is not among
// the `build.platforms` it builds for. Compose refuses the project
// ("service.build.platforms MUST include service.platform").
import { isMap, isScalar, isSeq } from 'yaml';
import { DiagnosticSeverity } from '../make';
import { nodeRange, scalarText } from '../../model/nodes';
import { isInterpolated } from '../../spec/interpolated';
import { resolve } from '../specWalk';
import { valueRange, type FormatRule } from './formatRule';

export const platformBuilt: FormatRule = {
  code: 'invalid-value',
  severity: DiagnosticSeverity.Error,
  check: {
    // A service's mapping (the only spec with `platform` among its keys).
    applies: (spec) => !!spec.properties && Object.prototype.hasOwnProperty.call(spec.properties, 'platform'),
    map(v, report) {
      if (v.path.length !== 2 || v.path[0] !== 'services') return;
      const valueOf = (key: string) => resolve(v.doc, v.own.find(([k]) => k === key)?.[1].value ?? v.merged.get(key));
      const platform = valueOf('platform');
      const text = isScalar(platform) ? scalarText(platform) : undefined;
      // Most services set no platform: nothing to compare.
      if (!text) return;
      const build = valueOf('build');
      const platforms = isMap(build) ? resolve(v.doc, build.get('platforms', true)) : undefined;
      if (isInterpolated(text) || !isSeq(platforms) || platforms.items.length === 0) return;
      const listed = platforms.items.map((item) => scalarText(resolve(v.doc, item)));
      if (listed.some((p) => p === undefined || p === text || isInterpolated(p))) return;
      // On the platform value when it is written in this mapping; else (merged, aliased) on the service.
      const written = v.own.some(([k]) => k === 'platform') && !v.alias ? nodeRange(platform) : undefined;
      report(written ?? valueRange(v),
        `Service platform '${text}' is not one of its build.platforms (${listed.join(', ')}): Compose refuses to build an image for a platform the service cannot run. Add it to build.platforms or change platform.`);
    },
  },
};
