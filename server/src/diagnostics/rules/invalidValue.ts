// `invalid-value`: a word outside the fixed set a key takes (`restart: sometimes`).
// Where the set is open (drivers, runtimes: a plugin may add one), a warning
// for a word a typo away from one of it (`driver: jsonfile`): the engine
// refuses a driver nothing provides when it creates the container.
// On a key only Swarm reads (`deploy.mode`, a port's `mode`) it is a warning:
// `docker compose` loads the file regardless; `docker stack deploy`
// refuses it. So is a word `docker compose` takes where the set is Swarm's
// (`composeAlsoTakes`: `deploy.restart_policy.condition: always`).
import { isScalar } from 'yaml';
import { DiagnosticSeverity } from '../make';
import { scalarText } from '../../model/nodes';
import { isInterpolated } from '../../spec/interpolated';
import { closest } from '../suggest';
import { pathText } from '../specWalk';
import { valuesFix, type ValuesData } from '../fix';
import type { KeySpec } from '../../spec/types';
import { quoteList, throughAlias, valueRange, valuesData, type FormatRule } from './formatRule';

export const invalidValue: FormatRule<ValuesData> = {
  fix: valuesFix,
  code: 'invalid-value',
  severity: DiagnosticSeverity.Error,
  check: {
    applies: (spec) => !!spec.values && (!spec.openValues || spec.typoWarned !== undefined),
    accepted(v, report) {
      const { spec, node } = v;
      if (!spec.values || !isScalar(node)) return;
      const text = scalarText(node);
      if (text === undefined || isInterpolated(text)) return;
      if (spec.values.some((allowed) => String(allowed) === text) || (text === '' && spec.emptyIsNone)) return;
      if (spec.openValues) {
        // Open: a plugin or the daemon's set-up may add others, so only a word close to a known one is warned of.
        const suggestion = typoOf(spec, text);
        if (suggestion === undefined) return;
        const range = valueRange(v);
        const others = spec.typoOthers?.replaceAll('{word}', text) ?? 'Another may come from a plugin or the daemon\'s set-up; the engine refuses one that nothing provides when it creates the container.';
        report(range, `'${text}' is not ${spec.typoWarned}: did you mean '${suggestion}'? ${others}${throughAlias(v)}`, {
          data: valuesData(v, range, text, suggestion, spec.values.map(String)),
          severity: DiagnosticSeverity.Warning,
        });
        return;
      }
      const suggestion = closest(text, spec.values.map(String));
      const hint = suggestion ? ` Did you mean '${suggestion}'?` : '';
      const range = valueRange(v);
      if (spec.composeAlsoTakes?.includes(text)) {
        report(range, `'${text}' is not a value Swarm takes for ${pathText(v.path)} (${quoteList(spec.values)}): \`docker compose\` takes it, and \`docker stack deploy\` refuses it.${hint}${throughAlias(v)}`, {
          data: valuesData(v, range, text, suggestion, spec.values.map(String)),
          severity: DiagnosticSeverity.Warning,
        });
        return;
      }
      const swarm = spec.swarmOnly ? ' `docker compose` loads the file regardless; `docker stack deploy` refuses this value.' : '';
      report(range, `'${text}' is not a valid value for ${pathText(v.path)}: use ${quoteList(spec.values)}.${hint}${swarm}${throughAlias(v)}`, {
        data: valuesData(v, range, text, suggestion, spec.values.map(String)),
        ...(spec.swarmOnly ? { severity: DiagnosticSeverity.Warning } : {}),
      });
    },
  },
};

/**
 * The known value `text` is warned of as a typo of (`runtime: nvidai`, `driver: jsonfile`), for a spec with open
 * values that warns of typos; undefined otherwise. The client's engine checks ask it (features/projectInfo.ts), so
 * a value this rule warns of is not also reported as something the engine lacks.
 */
export function typoOf(spec: KeySpec | undefined, text: string): string | undefined {
  if (!spec?.values || !spec.openValues || spec.typoWarned === undefined) return undefined;
  if (spec.values.some((allowed) => String(allowed) === text)) return undefined;
  return closest(text, spec.values.map(String));
}
