// Inlay hints, each kind switchable (`dockhand.inlayHints.*`):
// - after `${VAR}` / `$VAR`: the value Compose substitutes and where it comes
//   from, or `unset` with the default that applies;
// - in a file that a later file of the project overrides: the value that wins
//   and the file it comes from, and the keys a later file `!reset`s or
//   `!override`s;
// - after a top-level network or volume: the name Docker gives it.
// Only the nodes that meet the requested range are visited.
// While a line is being typed, a variable there that resolves to nothing waits
// for the pause (`TypingLine`): each prefix of `${APP_MODE` typed key by key
// is a name nothing sets, and its `unset → ""` would blink on every key, as
// an error on that line would without the typing hold.
import * as path from 'node:path';
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import { InlayHintKind, MarkupKind, type InlayHint } from 'vscode-languageserver';
import { stripMarkdown } from './completion/context';
import type { ComposeDocument } from '../model/document';
import { findVariables, interpolateText, type VariableUse } from '../model/interpolation';
import { keyText } from '../model/locate';
import { outsideBlock } from '../model/blockTrees';
import { entries, getPair, getValue, isExternalValue, rangeInScalar, scalarText, type Range } from '../model/nodes';
import type { ProjectFile } from '../model/project';
import type { FeatureRequest } from './request';
import { shownValue } from './secrets';

export interface InlayHintSettings {
  readonly variables: boolean;
  readonly overrides: boolean;
  readonly resourceNames: boolean;
}

export const DEFAULT_INLAY_HINT_SETTINGS: InlayHintSettings = { variables: true, overrides: true, resourceNames: false };

/** `dockhand.inlayHints.*` as the client sends it; anything missing or mistyped takes the default. */
export function readInlayHintSettings(raw: unknown): InlayHintSettings {
  const given = (raw ?? {}) as Partial<Record<keyof InlayHintSettings, unknown>>;
  const pick = (key: keyof InlayHintSettings) => (typeof given[key] === 'boolean' ? (given[key] as boolean) : DEFAULT_INLAY_HINT_SETTINGS[key]);
  return { variables: pick('variables'), overrides: pick('overrides'), resourceNames: pick('resourceNames') };
}

type HintRequest = Omit<FeatureRequest, 'offset'>;

/** The line the user is typing, before the pause (typingHold.ts); `held` says a hint there was left for after it. */
export interface TypingLine {
  readonly line: number;
  held: boolean;
}

export function inlayHints(req: HintRequest, range: Range, settings: InlayHintSettings, typing?: TypingLine): InlayHint[] {
  const drafts: Draft[] = [];
  const root = req.doc.yaml.contents;
  // In this order on a line: the value that wins says the most.
  if (settings.overrides) overrideHints(req, range, drafts);
  if (settings.variables) variableHints(req, root, range, drafts, typing);
  if (settings.resourceNames) resourceNameHints(req, range, drafts);
  // A node that meets the range may end its hint just outside it.
  const from = req.doc.text.positionAt(range[0]);
  const to = req.doc.text.positionAt(range[1]);
  const inside = (d: Draft) => d.hint.position.line >= from.line && d.hint.position.line <= to.line;
  // A stable sort: hints at the same place keep the order above.
  const sorted = drafts.filter(inside).sort((a, b) => a.hint.position.line - b.hint.position.line || a.hint.position.character - b.hint.position.character);
  const hints = fitLines(sorted);
  // Tooltips are written in Markdown (values as code); clients that render none get the words alone.
  for (const h of hints) {
    const text = String(h.tooltip);
    h.tooltip = req.client.markdown ? { kind: MarkupKind.Markdown, value: text } : stripMarkdown(text);
  }
  return hints;
}

/**
 * VS Code shows at most `editor.inlayHints.maximumLength` characters (43 by
 * default) of all the hints of one line and cuts the rest with an ellipsis,
 * hiding what comes after. Lines over it get the short forms of their hints:
 * the short file name (`override`), the value shortened where it says least
 * (an image's registry and path), the source left for the tooltip.
 */
export const LINE_LABEL_LIMIT = 43;

/** A hint and how to say it in `width` characters or fewer (its tooltip keeps the whole of it). */
interface Draft {
  readonly hint: InlayHint;
  readonly compact?: (width: number) => string;
}

/** Room kept for each later hint of the line while an earlier one is shortened. */
const ROOM_PER_LATER_HINT = 12;

function fitLines(drafts: readonly Draft[]): InlayHint[] {
  for (let start = 0; start < drafts.length; ) {
    let end = start;
    while (end < drafts.length && drafts[end].hint.position.line === drafts[start].hint.position.line) end++;
    const line = drafts.slice(start, end);
    const length = (d: Draft) => String(d.hint.label).length;
    if (line.reduce((sum, d) => sum + length(d), 0) > LINE_LABEL_LIMIT) {
      let left = LINE_LABEL_LIMIT;
      line.forEach((d, i) => {
        const room = (o: Draft) => Math.min(length(o), o.compact?.(ROOM_PER_LATER_HINT).length ?? ROOM_PER_LATER_HINT);
        const later = line.slice(i + 1).reduce((sum, o) => sum + room(o), 0);
        const width = Math.max(ROOM_PER_LATER_HINT, left - later);
        if (length(d) > width && d.compact) d.hint.label = d.compact(width);
        left -= length(d);
      });
    }
    start = end;
  }
  return drafts.map((d) => d.hint);
}

/** `text` in at most `width` characters: an image or path keeps its last parts (name and tag) or else its end, other text its start. */
export function elide(text: string, width: number): string {
  if (text.length <= width) return text;
  if (width <= 1) return '…';
  if (!text.includes('/')) return `${text.slice(0, width - 1)}…`;
  for (let slash = text.indexOf('/'); slash >= 0; slash = text.indexOf('/', slash + 1)) {
    if (text.length - slash + 1 <= width) return `…${text.slice(slash)}`;
  }
  return `…${text.slice(text.length - (width - 1))}`;
}

/** A Compose file as a hint names it when room is short: `compose.override.yaml` → `override`, `docker-compose.prod.yml` → `prod`. */
export function shortFileName(file: string): string {
  const name = path.basename(file).replace(/\.ya?ml$/i, '');
  return name.replace(/^(docker-)?compose\./i, '') || name;
}

const meets = (node: unknown, [from, to]: Range) => {
  const r = (node as Node | null)?.range;
  return !!r && r[0] <= to && r[2] >= from;
};

function hint(doc: ComposeDocument, offset: number, label: string, tooltip: string, compact?: (width: number) => string, kind?: InlayHintKind): Draft {
  return { hint: { position: doc.text.positionAt(offset), label, tooltip, kind, paddingLeft: true }, compact };
}

// ---- variables ---------------------------------------------------------------

function variableHints(req: HintRequest, node: unknown, range: Range, out: Draft[], typing: TypingLine | undefined): void {
  if (isMap(node)) {
    // A section's entry whose lines are out of the range is passed without reading its tree (model/blockTrees.ts).
    for (const pair of node.items) if (!outsideBlock(pair, range[0], range[1]) && meets(pair.value, range)) variableHints(req, pair.value, range, out, typing);
  } else if (isSeq(node)) {
    for (const item of node.items) if (meets(item, range)) variableHints(req, item, range, out, typing);
  } else if (isScalar(node) && typeof node.value === 'string' && node.value.includes('$')) {
    const source = req.doc.text.getText();
    const text = node.value;
    let outerEnd = -1;
    for (const use of findVariables(text)) {
      // Variables inside another one's default are part of that one's answer.
      if (use.start < outerEnd || !use.name) continue;
      outerEnd = use.end;
      const [start, end] = rangeInScalar(node as Scalar, source, use.start, use.end - use.start);
      if (end < range[0] || start > range[1]) continue;
      const { label, tooltip, short, unset } = describeVariable(req, use, text.slice(use.start, use.end));
      const draft = hint(req.doc, end, label, tooltip, short);
      if (unset && typing && draft.hint.position.line === typing.line) typing.held = true;
      else out.push(draft);
    }
  }
}

/** `short`: the label in `width` characters, the value alone (`= 1.25.3`); where it comes from stays in the tooltip. */
function describeVariable(req: HintRequest, use: VariableUse, written: string): { label: string; tooltip: string; short?: (width: number) => string; unset?: boolean } {
  const project = req.project;
  const variable = project.variable(use.name);
  const from = variable?.source === '.env' ? (variable.file ? path.basename(variable.file) : '.env') : 'environment';
  const result = interpolateText(written, project.lookup);
  const shown = (value: string) => (value === '' ? '""' : value);
  if (result.errors.length > 0) return { label: '! unset: Compose stops', tooltip: `${use.name} is required: ${result.errors.join('; ')}`, unset: true };
  if (!variable) {
    const usesDefault = use.operator === ':-' || use.operator === '-';
    const short = (width: number) => `unset → ${elide(shown(result.text), width - 8)}`;
    return usesDefault
      ? { label: `unset → ${shown(result.text)} (default)`, tooltip: `${use.name} is unset (not in the environment nor .env): the default \`${shown(result.text)}\` applies.`, short, unset: true }
      : { label: `unset → ${shown(result.text)}`, tooltip: `${use.name} is unset (not in the environment nor .env).`, short, unset: true };
  }
  const where = variable.source === '.env' && variable.line !== undefined ? `${from}, line ${variable.line + 1}` : from;
  const masked = shownValue(req, use.name, variable.value);
  const valued = (value: string) => (width: number) => `= ${elide(value, width - 2)}`;
  if (masked !== variable.value) {
    return { label: `= ${masked} (${from})`, tooltip: `${use.name} comes from ${where}; its value is hidden because the name looks secret (\`dockhand.variables.showSecretValues\` shows it).`, short: valued(masked) };
  }
  if (result.text !== variable.value) {
    return {
      label: `= ${shown(result.text)} (${use.name} ${variable.value === '' ? 'empty' : `= ${variable.value}`}, ${from})`,
      tooltip: `\`${written}\` is \`${shown(result.text)}\`: ${use.name} ${variable.value === '' ? 'is empty' : `is \`${variable.value}\``}, from ${where}.`,
      short: valued(shown(result.text)),
    };
  }
  return { label: `= ${shown(result.text)} (${from})`, tooltip: `${use.name} is \`${shown(result.text)}\`, from ${where}.`, short: valued(shown(result.text)) };
}

// ---- values a later file replaces ----------------------------------------------

function overrideHints(req: HintRequest, range: Range, out: Draft[]): void {
  const merged = req.project.mergedFiles;
  const at = merged.findIndex((f) => f.uri === req.doc.uri);
  if (at < 0 || at === merged.length - 1) return;
  const later = merged.slice(at + 1);
  walkOverrides(req, req.doc.yaml.contents, later.map((f) => ({ file: f, node: f.model.doc.yaml.contents as unknown })), range, out);
}

interface Counterpart {
  readonly file: ProjectFile;
  readonly node: unknown;
}

function walkOverrides(req: HintRequest, node: unknown, counterparts: readonly Counterpart[], range: Range, out: Draft[]): void {
  if (!isMap(node)) return;
  for (const pair of node.items as Pair<unknown, unknown>[]) {
    if (outsideBlock(pair, range[0], range[1]) || (!meets(pair.key, range) && !meets(pair.value, range))) continue;
    const key = keyText(pair.key);
    if (key === '<<') continue;
    const next: Counterpart[] = [];
    let last: { file: ProjectFile; value: unknown; tag?: string } | undefined;
    for (const c of counterparts) {
      const other = getPair(c.node, key);
      if (!other) continue;
      const value = other.value as Node | null;
      const tag = (value as Node | null)?.tag ?? (isScalar(other.key) ? other.key.tag : undefined);
      if (tag === '!reset' || tag === '!override') last = { file: c.file, value, tag };
      else if (isScalar(value) && !isMap(pair.value) && !isSeq(pair.value)) last = { file: c.file, value };
      else if (isMap(value)) {
        if (last?.tag) last = undefined; // a later file sets the key again after the reset
        next.push({ file: c.file, node: value });
      }
    }
    const keyEnd = (pair.key as Node | null)?.range?.[1];
    // After a scalar value; after `key:` when the value is a block of lines.
    const valueEnd = isScalar(pair.value) ? pair.value.range?.[1] : keyEnd !== undefined ? keyEnd + 1 : undefined;
    const file = last ? req.project.relative(last.file.path) : '';
    const short = last ? shortFileName(last.file.path) : '';
    if (last?.tag === '!reset' && keyEnd !== undefined) {
      out.push(hint(req.doc, valueEnd ?? keyEnd, `reset by ${file}`, `${file} removes \`${key}\` with !reset: Compose ignores this value.`, (width) => `reset by ${elide(short, width - 9)}`));
    } else if (last?.tag === '!override' && keyEnd !== undefined) {
      out.push(hint(req.doc, valueEnd ?? keyEnd, `→ replaced by ${file}`, `${file} replaces \`${key}\` as a whole (!override) instead of merging it.`, (width) => `→ replaced by ${elide(short, width - 14)}`));
    } else if (last && isScalar(pair.value) && valueEnd !== undefined) {
      const mine = scalarText(pair.value);
      const theirs = scalarText(last.value) ?? 'null';
      if (mine !== theirs) {
        // Short: the value that wins, then the file, both shortened as needed (`→ …/app:2.0 (override)`).
        const compact = (width: number) => `→ ${elide(theirs, Math.max(8, width - short.length - 5))} (${elide(short, width - 5 - Math.min(theirs.length, 8))})`;
        out.push(hint(req.doc, valueEnd, `→ ${theirs} (${file})`, `${file} sets \`${key}\` to \`${theirs}\`; that value wins.`, compact));
      }
    }
    if (isMap(pair.value) && next.length > 0 && last?.tag === undefined) walkOverrides(req, pair.value, next, range, out);
  }
}

// ---- Docker names of networks and volumes ----------------------------------------

function resourceNameHints(req: HintRequest, range: Range, out: Draft[]): void {
  for (const section of ['networks', 'volumes']) {
    for (const [name, pair] of entries(getValue(req.doc.yaml.contents, section))) {
      const keyRange = (pair.key as Node | null)?.range;
      if (!keyRange || keyRange[1] < range[0] || keyRange[0] > range[1] || name.startsWith('x-')) continue;
      const explicit = scalarText(getValue(pair.value, 'name'));
      const external = isExternalValue(getValue(pair.value, 'external'));
      const dockerName = external ? explicit ?? name : req.project.resourceName(name, explicit);
      if (dockerName === name) continue;
      out.push(hint(req.doc, keyRange[1] + 1, dockerName, `Docker names this ${section.slice(0, -1)} \`${dockerName}\`${external ? ' (external: created outside Compose)' : ''}.`, (width) => elide(dockerName, width), InlayHintKind.Type));
    }
  }
}
