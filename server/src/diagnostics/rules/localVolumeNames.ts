// `invalid-format`: a volume's `name:` that the engine's `local` driver
// refuses when `up` creates the volume. Compose passes the name as written;
// the driver takes only letters, digits, `_`, `.` and `-`, starting with a
// letter or digit, at least two characters ("includes invalid characters for
// a local volume name", "volume name is too short"; measured on the engine
// here, test/docker/compose-verdicts.test.ts). Only where the local driver
// makes it: a plugin driver has rules of its own, and an external volume is
// looked up, never made (the client warns when the engine lacks it).
import { isScalar } from 'yaml';
import { isExternalValue, nodeRange, scalarText } from '../../model/nodes';
import { volumeDefinition } from '../../spec/volumes';
import { isInterpolated } from '../../spec/interpolated';
import { DiagnosticSeverity } from '../make';
import { lookupKey, type FormatRule } from './formatRule';

/** The local driver's rule for a volume name (the engine's own pattern). */
const LOCAL_VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** Why the local driver refuses `name`, in the engine's words; undefined when it takes it. */
export function localVolumeNameProblem(name: string): string | undefined {
  if (LOCAL_VOLUME_NAME.test(name)) return undefined;
  if (name.length < 2 && /^[a-zA-Z0-9]?$/.test(name)) return 'is too short: the local driver wants at least two characters ("volume name is too short")';
  return 'holds characters the local driver refuses: letters, digits, _ . and - only, starting with a letter or digit ("includes invalid characters for a local volume name")';
}

export const localVolumeNames: FormatRule = {
  code: 'invalid-format',
  severity: DiagnosticSeverity.Error,
  check: {
    applies: (spec) => spec === volumeDefinition,
    map(v, report) {
      if (v.alias || isExternalValue(lookupKey(v, 'external').value)) return;
      const driver = lookupKey(v, 'driver');
      if (driver.present && scalarText(driver.value) !== 'local') return;
      const pair = v.own.find(([key]) => key === 'name')?.[1];
      if (!pair || !isScalar(pair.value) || typeof pair.value.value !== 'string') return;
      const name = pair.value.value;
      if (isInterpolated(name) || name === '') return; // the interpolated and empty values have rules of their own
      const problem = localVolumeNameProblem(name);
      const range = nodeRange(pair.value);
      if (problem && range) report(range, `'${name}' ${problem}, so \`up\` cannot create the volume. Name it like \`app-data\`.`);
    },
  },
};
