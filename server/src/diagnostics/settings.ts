// `dockhand.diagnostics.rules`: turn a rule off or change its severity, by code.
export type RuleSeverity = 'off' | 'error' | 'warning' | 'information' | 'hint';

export interface DiagnosticSettings {
  readonly rules: Readonly<Record<string, RuleSeverity>>;
}

export const DEFAULT_DIAGNOSTIC_SETTINGS: DiagnosticSettings = { rules: {} };
