// `invalid-format`: a volume's `name:` that the engine's `local` driver
// refuses when `up` creates the volume. Compose passes the name as written;
// the driver's rule is spec/engineValues.ts's `localVolumeNameProblem`,
// which projectInfo shares so the volume CodeLens says the same. Only where
// the local driver makes it: a plugin driver has rules of its own, and an
// external volume is looked up, never made (the client warns when the engine
// lacks it).
import { isScalar } from 'yaml';
import { isExternalValue, nodeRange, scalarText } from '../../model/nodes';
import { volumeDefinition } from '../../spec/volumes';
import { isInterpolated } from '../../spec/interpolated';
import { localVolumeNameProblem } from '../../spec/engineValues';
import { DiagnosticSeverity } from '../make';
import { lookupKey, type FormatRule } from './formatRule';

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
