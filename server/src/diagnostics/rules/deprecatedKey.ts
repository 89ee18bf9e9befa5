// `deprecated-key`: a key Compose still reads but has replaced. A hint, shown
// struck through: the file works.
//
// Quick fix for the old `external: {name: real}` of a network, volume, config
// or secret: the name moves to the entry's own `name` key and `external`
// becomes `true`, what Compose asks for instead. Not offered where the entry
// already has a `name`, where `external` holds more than the name, or where a
// comment would be lost.
import { isMap } from 'yaml';
import type { TextEdit } from 'vscode-languageserver';
import type { ComposeDocument } from '../../model/document';
import { locate } from '../../model/locate';
import { getPair, getValue, nodeRange } from '../../model/nodes';
import { endOfLine } from '../edits';
import { DiagnosticSeverity } from '../make';
import { pathText } from '../specWalk';
import { keyRange, type FormatRule } from './formatRule';

/** For the fix: the key is the old `external.name`, which can move up to the entry. */
export interface DeprecatedKeyData {
  readonly externalName?: boolean;
}

export const deprecatedKey: FormatRule<DeprecatedKeyData> = {
  code: 'deprecated-key',
  severity: DiagnosticSeverity.Hint,
  check: {
    applies: (spec) => !!spec.deprecated,
    value(v, report) {
      // The top-level `version` has its own rule (and quick fix).
      if (!v.spec.deprecated || (v.path.length === 1 && v.path[0] === 'version') || v.alias) return;
      const externalName = v.path.length === 4 && v.path[2] === 'external' && v.path[3] === 'name';
      report(keyRange(v), `${pathText(v.path)} is deprecated: ${v.spec.deprecated}`, externalName ? { data: { externalName } satisfies DeprecatedKeyData } : undefined);
    },
  },
  fix({ doc, diagnostic, data }) {
    if (data.externalName !== true) return [];
    const edits = nameOutOfExternal(doc, doc.text.offsetAt(diagnostic.range.start));
    return edits ? [{ title: 'Move the name to the entry\'s own `name` and set `external: true`', edits, preferred: true }] : [];
  },
};

/** The edits that turn `external: {name: real}` (at `at`, the `name` key) into `name: real` and `external: true`. */
function nameOutOfExternal(doc: ComposeDocument, at: number): TextEdit[] | undefined {
  const context = locate(doc, at);
  const [section, entryName, external, name] = context.path;
  if (context.path.length !== 4 || external !== 'external' || name !== 'name' || !context.onKey) return undefined;
  const entry = getValue(getValue(doc.yaml.contents, String(section)), String(entryName));
  const pair = getPair(entry, 'external');
  // The entry names itself already, or `external` says more than the name: what to keep is the user's to say.
  if (!isMap(entry) || !isMap(pair?.value) || getPair(entry, 'name') || pair.value.items.length !== 1) return undefined;
  const key = nodeRange(pair.key);
  const value = nodeRange(pair.value);
  const written = nodeRange(getPair(pair.value, 'name')?.value);
  if (!key || !value || !written) return undefined;
  const source = doc.text.getText();
  const colon = /^[ \t]*:/.exec(source.slice(key[1], value[0]));
  // A block mapping ends at its last line's end; a flow one at its brace.
  const end = pair.value.flow ? value[1] : endOfLine(source, value[1]);
  if (!colon || source.slice(key[1], end).includes('#')) return undefined;
  const lineStart = source.lastIndexOf('\n', key[0] - 1) + 1;
  const indent = source.slice(lineStart, key[0]);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const position = (offset: number) => doc.text.positionAt(offset);
  return [
    { range: { start: position(lineStart), end: position(lineStart) }, newText: `${indent}name: ${source.slice(written[0], written[1])}\n` },
    { range: { start: position(key[1]), end: position(end) }, newText: ': true' },
  ];
}
