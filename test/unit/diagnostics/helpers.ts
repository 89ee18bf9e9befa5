// Runs the diagnostics on in-memory files: documents open in the workspace at
// paths of a folder that does not exist, so nothing touches the disk.
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver';
import { LanguageService } from '../../../server/src/service';
import { pathToUri } from '../../../server/src/model/workspace';
import type { DiagnosticSettings } from '../../../server/src/diagnostics/settings';

export const DIR = path.join(path.sep, 'nonexistent-dockhand-unit', 'app');

export interface Options {
  /** The file's name in DIR (compose.yaml by default). */
  readonly name?: string;
  /** Other files of the folder (relative path -> text), e.g. '.env'. */
  readonly files?: Record<string, string>;
  readonly env?: Record<string, string>;
  readonly settings?: DiagnosticSettings;
}

export function setup(text: string, options: Options = {}): { service: LanguageService; uri: string } {
  const service = new LanguageService(options.env ?? {});
  if (options.settings) service.configureDiagnostics(options.settings);
  for (const [name, content] of Object.entries(options.files ?? {})) {
    service.documentChanged(TextDocument.create(pathToUri(path.join(DIR, name)), 'dockercompose', 1, content));
  }
  const uri = pathToUri(path.join(DIR, options.name ?? 'compose.yaml'));
  service.documentChanged(TextDocument.create(uri, 'dockercompose', 1, text));
  return { service, uri };
}

export function diagnose(text: string, options: Options = {}): Diagnostic[] {
  const { service, uri } = setup(text, options);
  return service.diagnostics(uri);
}

export function codes(list: readonly Diagnostic[]): string[] {
  return list.map((d) => String(d.code));
}

/** The diagnostics of one code. */
export function only(list: readonly Diagnostic[], code: string): Diagnostic[] {
  return list.filter((d) => d.code === code);
}

export function lines(...text: string[]): string {
  return text.join('\n') + '\n';
}
