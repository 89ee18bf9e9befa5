// `dockhand.diagnostics.rules`: turn a rule off or change its severity, by code.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';

export type RuleSeverity = 'off' | 'error' | 'warning' | 'information' | 'hint';

export interface DiagnosticSettings {
  readonly rules: Readonly<Record<string, RuleSeverity>>;
}

export const DEFAULT_DIAGNOSTIC_SETTINGS: DiagnosticSettings = { rules: {} };

const SEVERITY: Record<Exclude<RuleSeverity, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Drops the rules set to "off" and gives the others the severity the user chose. Unknown values are ignored. */
export function applySettings(list: Diagnostic[], settings: DiagnosticSettings): Diagnostic[] {
  const rules = settings?.rules ?? {};
  if (Object.keys(rules).length === 0) return list;
  const result: Diagnostic[] = [];
  for (const d of list) {
    const choice = typeof d.code === 'string' ? rules[d.code] : undefined;
    if (choice === 'off') continue;
    const severity = choice ? SEVERITY[choice as Exclude<RuleSeverity, 'off'>] : undefined;
    result.push(severity ? { ...d, severity } : d);
  }
  return result;
}
