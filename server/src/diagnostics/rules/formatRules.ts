// Runs every format rule in one walk of the document alongside the spec.
import type { Diagnostic } from 'vscode-languageserver';
import type { ComposeDocument } from '../../model/document';
import { composeSpec } from '../../spec/index';
import { diagnostic } from '../make';
import { walkSpec, type Report } from '../specWalk';
import { booleanWords, castString } from './castValues';
import { decimalMode } from './decimalMode';
import { deprecatedKey } from './deprecatedKey';
import { duplicateItem } from './duplicateItem';
import { emptyValues } from './emptyValues';
import { exclusiveKeys } from './exclusiveKeys';
import type { FormatRule } from './formatRule';
import { invalidFormat } from './invalidFormat';
import { invalidName } from './invalidName';
import { invalidValue } from './invalidValue';
import { outsideSubnet } from './ipamRanges';
import { logOptions } from './logOptions';
import { missingRequiredKey } from './missingRequiredKey';
import { macAddressConflict } from './macAddressConflict';
import { hostSysctl } from './sysctls';
import { networkModeConflicts } from './networkModeConflicts';
import { restartIgnored } from './restartIgnored';
import { mountOptionIgnored } from './mountOptionIgnored';
import { numberRange } from './numberRange';
import { platformBuilt } from './platformBuilt';
import { reformattedValue } from './reformattedValue';
import { conflictingLimits, unknownUlimit } from './resourceLimits';
import { tmpfsConflict } from './tmpfsMounts';
import { localVolumeNames } from './localVolumeNames';
import { execFormSpaces } from './execFormSpaces';
import type { Rule } from './rule';
import { unknownKey } from './unknownKey';
import { wrongType } from './wrongType';

export const FORMAT_RULES: readonly FormatRule[] = [unknownKey, invalidName, wrongType, invalidValue, invalidFormat, numberRange, exclusiveKeys, missingRequiredKey, duplicateItem, deprecatedKey, platformBuilt, castString, booleanWords, decimalMode, emptyValues, reformattedValue, conflictingLimits, unknownUlimit, outsideSubnet, logOptions, tmpfsConflict, mountOptionIgnored, macAddressConflict, hostSysctl, networkModeConflicts, restartIgnored, localVolumeNames, execFormSpaces];

/** One list for every walk: the walk keeps, per spec, which of these checks may speak there. */
const FORMAT_CHECKS = FORMAT_RULES.map((rule) => rule.check);

/** The document the walk under way reads and the list its findings go to (set by `run`, put back after it). */
let walking: { readonly doc: ComposeDocument; readonly out: Diagnostic[] } | undefined;

/** One report per rule, made once: the walk of every block (thousands on open) uses the same ones. */
const FORMAT_REPORTS: readonly Report[] = FORMAT_RULES.map((rule): Report => (range, message, extra) => {
  const { doc, out } = walking!;
  const d = diagnostic(doc, range, extra?.severity ?? rule.severity, extra?.code ?? rule.code, message, { data: extra?.data });
  if (rule.code === 'deprecated-key') d.tags = [2];
  out.push(d);
});

export const formatRules: Rule = {
  // emptyValues' findings carry the `undefined-*` codes, which undefinedReferences.ts owns (and whose name verdicts
  // index.ts holds back past a syntax error), and `invalid-format`, which invalidFormat claims: it claims none.
  codes: FORMAT_RULES.filter((r) => r !== emptyValues).map((r) => r.code),
  run({ doc }) {
    const out: Diagnostic[] = [];
    const outer = walking;
    walking = { doc, out };
    try {
      walkSpec(doc, composeSpec, FORMAT_CHECKS, FORMAT_REPORTS);
    } finally {
      walking = outer;
    }
    return out;
  },
};
