// `invalid-log-option`: a logging option the engine's `json-file` or `local`
// driver refuses when it creates the container ("unknown log opt", "invalid
// size", "max-file cannot be less than 1"...). Compose passes options on
// without reading them, so the file loads and `up` fails. An error where the
// file names the driver; a warning where it names none, since the options then
// go to the daemon's default driver, which is `json-file` unless the daemon is
// set up otherwise. Other drivers' options are theirs and not judged.
import { isMap, isScalar } from 'yaml';
import { castBoolean } from '../../model/composeScalars';
import { nodeRange, scalarText } from '../../model/nodes';
import { logging } from '../../spec/service-lifecycle';
import { bytesOf } from '../../spec/engineValues';
import { isInterpolated } from '../../spec/interpolated';
import { replaceFix, type ReplaceData } from '../fix';
import { DiagnosticSeverity } from '../make';
import { closest } from '../suggest';
import { resolve, type MapVisit, type Report } from '../specWalk';
import { lookupKey, quoteList, throughAlias, valuesData, type FormatRule } from './formatRule';

/** Options every driver takes: the engine reads them itself, before the driver sees the rest. */
const ANY_DRIVER = ['mode', 'max-buffer-size'];

/** The options each driver we judge knows (the engine's own lists). */
const DRIVER_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  'json-file': ['max-size', 'max-file', 'compress', 'labels', 'labels-regex', 'env', 'env-regex', 'tag', ...ANY_DRIVER],
  local: ['max-size', 'max-file', 'compress', ...ANY_DRIVER],
};

/** Why the engine refuses `value` for option `name`, and what to write instead; undefined when it takes it. */
function valueProblem(name: string, value: string): { why: string; instead: string } | undefined {
  switch (name) {
    case 'max-size':
      return bytesOf(value) === undefined ? { why: `'${value}' is not a size`, instead: 'Write one like 10m or 1g' } : undefined;
    case 'max-file':
      if (!/^[+-]?\d+$/.test(value)) return { why: `'${value}' is not a whole number`, instead: 'Write how many files to keep, like 3' };
      return Number(value) < 1 ? { why: `max-file ${value} is less than 1`, instead: 'Write how many files to keep, like 3' } : undefined;
    case 'compress':
      return castBoolean(value) === undefined ? { why: `'${value}' is not true or false`, instead: 'Write true or false' } : undefined;
    default:
      return undefined;
  }
}

/** The text an option's value reaches the driver with; undefined when it is not known here (interpolated, not a scalar). */
function optionText(node: unknown): string | undefined {
  const text = isScalar(node) ? scalarText(node) : undefined;
  return text === undefined || isInterpolated(text) ? undefined : text;
}

function checkOptions(v: MapVisit, report: Report): void {
  const driverKey = lookupKey(v, 'driver');
  const driverText = optionText(driverKey.value);
  const driver = driverText ?? (driverKey.present ? undefined : 'json-file');
  const known = driver === undefined ? undefined : DRIVER_OPTIONS[driver];
  const found = lookupKey(v, 'options');
  const options = resolve(v.doc, found.value);
  if (!known || !found.own || !isMap(options)) return;
  const named = driverText !== undefined;
  const severity = named ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
  const whose = named ? `the ${driver} log driver` : `the daemon's default log driver (json-file, unless the daemon is set up otherwise)`;
  const note = named ? '' : ' (A warning only: no driver is named, so the daemon\'s default takes these options.)';
  const values = new Map<string, string>();
  for (const pair of options.items) {
    const name = scalarText(pair.key);
    const keyAt = v.alias ? v.range : nodeRange(pair.key) ?? v.range;
    if (name === undefined || isInterpolated(name)) continue;
    if (!known.includes(name)) {
      const suggestion = closest(name, known);
      const hint = suggestion ? ` Did you mean '${suggestion}'?` : ` It takes ${quoteList(known)}.`;
      report(keyAt, `'${name}' is not an option of ${whose}: the engine refuses the container ("unknown log opt").${hint}${note}${throughAlias(v)}`, {
        severity,
        data: suggestion && !v.alias ? valuesData(v, keyAt, name, suggestion, undefined) : undefined,
      });
      continue;
    }
    const value = optionText(resolve(v.doc, pair.value));
    if (value === undefined) continue;
    values.set(name, value);
    const problem = valueProblem(name, value);
    if (problem) report(v.alias ? v.range : nodeRange(pair.value) ?? keyAt, `${problem.why}: ${whose} refuses the container ("failed to initialize logging driver"). ${problem.instead}.${note}${throughAlias(v)}`, { severity });
  }
  // json-file compresses rotated files only: with nothing to rotate it refuses the container.
  if (driver === 'json-file' && castBoolean(values.get('compress') ?? '') === true) {
    const files = Number(values.get('max-file') ?? '1');
    if (files < 2 || !values.has('max-size')) {
      const at = options.items.find((p) => scalarText(p.key) === 'compress');
      report(v.alias ? v.range : nodeRange(at?.key) ?? v.range, `compress: true needs max-size and a max-file of 2 or more (the files it compresses are the rotated ones): ${whose} refuses the container otherwise. Set both, or remove compress.${note}${throughAlias(v)}`, { severity });
    }
  }
}

export const logOptions: FormatRule<ReplaceData> = {
  code: 'invalid-log-option',
  severity: DiagnosticSeverity.Error,
  fix: replaceFix,
  check: {
    applies: (spec) => spec === logging,
    map: checkOptions,
  },
};
