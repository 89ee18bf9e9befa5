// Quick fixes for the diagnostics that have one obvious fix: the key the user
// probably meant, declaring a missing network/volume/secret/config at the top
// level, removing the obsolete `version`, giving an unset variable a default.
import { isMap, isScalar, type YAMLMap } from 'yaml';
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import type { ComposeDocument } from '../model/document';
import { getPair, nodeRange } from '../model/nodes';
import type { FeatureRequest } from './request';

type Req = Omit<FeatureRequest, 'offset'>;

const SECTION: Record<string, string> = { network: 'networks', volume: 'volumes', secret: 'secrets', config: 'configs' };

export function codeActions(req: Req, _range: Range, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'dockhand') continue;
    const replace = replaceFix(req, d);
    if (replace) actions.push(replace);
    const action = fixFor(req, d);
    if (action) actions.push(action);
  }
  return actions;
}

/** "Did you mean": the text under the diagnostic swapped for the likely one, if it is still there. */
function replaceFix(req: Req, d: Diagnostic): CodeAction | undefined {
  const replace = (d.data as { replace?: { from?: unknown; to?: unknown } } | undefined)?.replace;
  if (!replace || typeof replace.from !== 'string' || typeof replace.to !== 'string') return undefined;
  if (req.doc.text.getText(d.range) !== replace.from) return undefined;
  return {
    title: `Change '${replace.from}' to '${replace.to}'`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: true,
    edit: { changes: { [req.doc.uri]: [{ range: d.range, newText: replace.to }] } },
  };
}

function fixFor(req: Req, d: Diagnostic): CodeAction | undefined {
  const { doc } = req;
  const data = (d.data ?? {}) as { suggestion?: string; declare?: { kind: string; name: string }; variable?: string };
  const code = String(d.code ?? '');
  const quickFix = (title: string, edits: TextEdit[], preferred = false): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: preferred || undefined,
    edit: { changes: { [doc.uri]: edits } },
  });

  if (code === 'unknown-key' && data.suggestion) {
    return quickFix(`Change to '${data.suggestion}'`, [{ range: d.range, newText: data.suggestion }], true);
  }
  if (code === 'obsolete-version') {
    const edit = removeTopLevelKey(doc, 'version');
    return edit ? quickFix('Remove the obsolete `version` line', [edit], true) : undefined;
  }
  if (code === 'unset-variable') {
    const text = doc.text.getText(d.range);
    const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(text) ?? /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(text);
    if (!m) return undefined;
    return quickFix(`Give \${${m[1]}} a default (\${${m[1]}:-})`, [{ range: d.range, newText: `\${${m[1]}:-}` }]);
  }
  const kind = /^undefined-(network|volume|secret|config)$/.exec(code)?.[1];
  if (kind) {
    const name = data.declare?.name ?? doc.text.getText(d.range);
    if (!/^[A-Za-z0-9._-]+$/.test(name)) return undefined;
    const edit = declare(doc, SECTION[kind]!, name, kind);
    return edit ? quickFix(`Declare ${kind} '${name}' under top-level \`${SECTION[kind]}:\``, [edit], true) : undefined;
  }
  return undefined;
}

/** The whole lines a top-level pair takes, removed. */
function removeTopLevelKey(doc: ComposeDocument, key: string): TextEdit | undefined {
  const pair = getPair(doc.yaml.contents, key);
  const start = nodeRange(pair?.key)?.[0];
  if (!pair || start === undefined) return undefined;
  const end = nodeRange(pair.value)?.[1] ?? nodeRange(pair.key)![1];
  const from = doc.text.positionAt(start);
  const to = doc.text.positionAt(end);
  const lastLine = to.character === 0 && to.line > from.line ? to.line : to.line + 1;
  return { range: { start: { line: from.line, character: 0 }, end: { line: lastLine, character: 0 } }, newText: '' };
}

/** The value a new definition gets: empty for networks and volumes; secrets and configs need a source. */
function body(kind: string, name: string, indent: string): string {
  if (kind === 'secret' || kind === 'config') return `\n${indent}${indent}file: ./${name}.txt`;
  return ' {}';
}

/** The indentation step the file uses (that of its first nested key), two spaces by default. */
function indentUnit(doc: ComposeDocument): string {
  const root = doc.yaml.contents;
  if (isMap(root)) {
    for (const pair of root.items) {
      const value = pair.value;
      if (isMap(value) && !value.flow && value.items.length > 0) {
        const at = nodeRange(value.items[0]!.key)?.[0];
        if (at !== undefined) {
          const column = doc.text.positionAt(at).character;
          if (column > 0) return ' '.repeat(column);
        }
      }
    }
  }
  return '  ';
}

function declare(doc: ComposeDocument, section: string, name: string, kind: string): TextEdit | undefined {
  const root = doc.yaml.contents;
  if (root !== null && !isMap(root)) return undefined;
  const indent = indentUnit(doc);
  const source = doc.text.getText();
  const entry = `${name}:${body(kind, name, indent)}`;
  const pair = getPair(root, section);
  const at = (offset: number) => doc.text.positionAt(offset);

  if (!pair) {
    // No section yet: add it at the end of the file.
    const end = source.length;
    const lead = end === 0 || source.endsWith('\n') ? '' : '\n';
    const pos = at(end);
    return { range: { start: pos, end: pos }, newText: `${lead}${section}:\n${indent}${entry}\n` };
  }
  const value = pair.value;
  if (value === null || (isScalar(value) && (value.value === null || value.value === undefined))) {
    // `networks:` with nothing under it.
    const keyEnd = nodeRange(pair.key)![1];
    const lineEnd = endOfLine(source, keyEnd);
    const pos = at(lineEnd);
    return { range: { start: pos, end: pos }, newText: `\n${indent}${entry}` };
  }
  if (!isMap(value)) return undefined;
  if (value.flow) {
    // `networks: {}` or `networks: {a: {}}`: add inside the braces, flow style.
    const close = source.lastIndexOf('}', nodeRange(value)![1]);
    if (close < 0) return undefined;
    const pos = at(close);
    const flowEntry = `${name}: ${kind === 'secret' || kind === 'config' ? `{file: ./${name}.txt}` : '{}'}`;
    return { range: { start: pos, end: pos }, newText: value.items.length > 0 ? `, ${flowEntry}` : flowEntry };
  }
  const last = lastContentOffset(value);
  const column = value.items.length > 0 ? at(nodeRange(value.items[0]!.key)![0]).character : indent.length;
  const pos = at(endOfLine(source, last));
  return { range: { start: pos, end: pos }, newText: `\n${' '.repeat(column)}${entry}` };
}

function lastContentOffset(map: YAMLMap): number {
  const lastPair = map.items[map.items.length - 1]!;
  return (nodeRange(lastPair.value) ?? nodeRange(lastPair.key))![1];
}

function endOfLine(source: string, offset: number): number {
  // A node's range may end at the start of the next line: step back onto its own line.
  let at = offset;
  while (at > 0 && (source[at - 1] === '\n' || source[at - 1] === '\r')) at--;
  const newline = source.indexOf('\n', at);
  const end = newline < 0 ? source.length : newline;
  return end > 0 && source[end - 1] === '\r' ? end - 1 : end;
}
