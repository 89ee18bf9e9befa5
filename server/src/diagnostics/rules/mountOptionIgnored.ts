// `mount-option-ignored`: a long-syntax mount with the options of another
// type (`bind:` on a `type: volume` mount). Compose loads the file, passes on
// only the options of the mount's own type, and says so at `up` ("mount of
// type `volume` should not define `bind` option"), so a warning where it is
// written. The options of each type are the spec's `onlyWhen` (a mount's
// `type` decides); Compose warns for the three types it has options for.
// One exception Compose makes, which this block alone cannot see: a `type:
// volume` mount of a volume whose `driver_opts` say `o: bind` does use the
// `bind:` options (Compose warns all the same), so the message names it.
import { removeEntryAt } from '../edits';
import { DiagnosticSeverity } from '../make';
import { nodeRange } from '../../model/nodes';
import { isInterpolated } from '../../spec/interpolated';
import { lookupKey, type FormatRule } from './formatRule';

/** The mount types Compose sorts options for (a `switch` on the type in its code): others get none of them, silently. */
const SORTED_TYPES: ReadonlySet<string> = new Set(['bind', 'volume', 'tmpfs']);

export const mountOptionIgnored: FormatRule = {
  code: 'mount-option-ignored',
  severity: DiagnosticSeverity.Warning,
  check: {
    applies: (spec) => !!spec.onlyWhen?.some((when) => SORTED_TYPES.has(when.value)),
    map(v, report) {
      for (const when of v.spec.onlyWhen ?? []) {
        if (!SORTED_TYPES.has(when.value)) continue;
        const on = lookupKey(v, when.key);
        const type = on.present && on.value && typeof on.value === 'object' && 'value' in on.value ? String((on.value as { value: unknown }).value) : undefined;
        if (type === undefined || type === when.value || !SORTED_TYPES.has(type) || isInterpolated(type)) continue;
        for (const option of when.keys) {
          const pair = v.own.find(([key]) => key === option)?.[1];
          if (!pair) continue; // from a merge: reported where it is written
          const unless = type === 'volume' && option === 'bind' ? ' (unless its volume is a local bind, `driver_opts: {o: bind}`)' : '';
          report(v.alias ? v.range : nodeRange(pair.key) ?? v.range, `\`${option}:\` options are for \`type: ${when.value}\` mounts: Compose ignores them on this \`type: ${type}\` mount${unless} and warns at \`up\`.`);
        }
      }
    },
  },
  // Not preferred: with a local-bind volume (`driver_opts: {o: bind}`) Compose does use `bind:` options.
  fix({ doc, diagnostic }) {
    const option = doc.text.getText(diagnostic.range);
    if (!SORTED_TYPES.has(option)) return []; // reported at an alias: the options are written elsewhere
    const edit = removeEntryAt(doc, doc.text.offsetAt(diagnostic.range.start));
    return edit ? [{ title: `Remove the \`${option}:\` options Compose ignores here`, edits: [edit] }] : [];
  },
};
