// Values of variables whose names look secret stay out of completion details
// and hovers (screen sharing, screenshots) unless the user asks to see them.
import { DEFAULT_VARIABLE_SETTINGS, type FeatureRequest } from './request';

const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|KEY|CREDENTIAL|PRIVATE/i;

export function looksSecret(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** The value as it may be shown for `name`: masked when the name looks secret and the setting hides such values. */
export function shownValue(req: Pick<FeatureRequest, 'variables'>, name: string, value: string): string {
  const settings = req.variables ?? DEFAULT_VARIABLE_SETTINGS;
  if (settings.showSecretValues || value === '' || !looksSecret(name)) return value;
  return '••••••';
}
