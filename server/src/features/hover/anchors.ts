// Hover on YAML anchors and aliases: an alias (`*common`, often merged with
// `<<: *common`) shows the value it stands for and, in a merge, which of its
// keys the mapping takes; an anchor (`&common`) says how many aliases use it.
// Large Compose files share settings this way, and the shared value is
// usually hundreds of lines away from the service being read.
import { isMap, isNode, type Node } from 'yaml';
import type { Hover } from 'vscode-languageserver';
import type { ComposeDocument } from '../../model/document';
import type { AnchorUse } from '../../model/fileModel';
import { anchoredNode } from '../../diagnostics/specWalk';
import { keyText, locate } from '../../model/locate';
import { entries, type Range } from '../../model/nodes';
import type { FeatureRequest } from '../request';
import { anchorBinding, anchorOccurrences, symbolAt } from '../symbolAt';
import { code, fenced, list, toHover } from './markup';

/** Lines of the anchored value shown; the rest is elided. */
const SHOWN_LINES = 12;
/** Lines of the aliases listed for an anchor. */
const LISTED_USES = 8;

/** The hover for an anchor or alias under the cursor (the `&`/`*` too), or undefined when the cursor is on neither. */
export function anchorHover(req: FeatureRequest): Hover | undefined {
  const use = useAt(req);
  if (!use) return undefined;
  const target = symbolAt(req.file, use.range[0]);
  if (!target || target.type !== 'anchor') return undefined;
  const range: Range = [use.range[0] - 1, use.range[1]];
  const text = req.doc.text;
  if (use.isDefinition) {
    const aliases = anchorOccurrences(req.file.anchors, target).filter((a) => !a.isDefinition);
    const lines = aliases.slice(0, LISTED_USES).map((a) => String(text.positionAt(a.range[0]).line + 1));
    const more = aliases.length > LISTED_USES ? `, and ${aliases.length - LISTED_USES} more` : '';
    const said = aliases.length === 0
      ? `**Anchor** ${code(`&${use.name}`)}: no alias uses it yet (write ${code(`*${use.name}`)} to repeat this value, or ${code(`<<: *${use.name}`)} to merge its keys into a mapping).`
      : `**Anchor** ${code(`&${use.name}`)}: used by ${aliases.length === 1 ? 'one alias' : `${aliases.length.toLocaleString('en')} aliases`}, on line${aliases.length === 1 ? '' : 's'} ${lines.join(', ')}${more}.`;
    return toHover(req, [said], range);
  }
  const binding = anchorBinding(req.file.anchors, use);
  if (!binding) {
    return toHover(req, [`**Alias** ${code(`*${use.name}`)}: no anchor ${code(`&${use.name}`)} comes before it, so Compose refuses the file.`], range);
  }
  const found = anchoredNode(req.doc, binding.name, binding.range[1]);
  const node = isNode(found) ? found : undefined;
  const line = text.positionAt(binding.range[0]).line + 1;
  const blocks = [`**Alias** ${code(`*${use.name}`)}: the value of the anchor ${code(`&${use.name}`)} on line ${line}.`];
  if (node) blocks.push(fenced('yaml', shownText(req.doc, node)));
  const merged = mergeNote(req, use, node);
  if (merged) blocks.push(merged);
  return toHover(req, blocks, range);
}

/** The anchor use whose name, or its `&`/`*`, is under the cursor. */
function useAt(req: FeatureRequest): AnchorUse | undefined {
  const offset = req.offset;
  for (const use of req.file.anchors) if (offset >= use.range[0] - 1 && offset <= use.range[1]) return use;
  return undefined;
}

/** The anchored value as written, its lines de-indented, cut after a dozen. */
function shownText(doc: ComposeDocument, node: Node): string {
  const source = doc.text.getText();
  const start = doc.text.positionAt(node.range![0]);
  const end = doc.text.positionAt(node.range![1]);
  const lines: string[] = [];
  for (let l = start.line; l <= end.line && lines.length <= SHOWN_LINES; l++) {
    const from = l === start.line ? node.range![0] : doc.text.offsetAt({ line: l, character: 0 });
    const to = l === end.line ? node.range![1] : doc.text.offsetAt({ line: l + 1, character: 0 });
    lines.push(source.slice(from, to).replace(/\r?\n$/, ''));
  }
  // The first line starts at the value; the others keep their indentation, less what they share.
  const rest = lines.slice(1).filter((l) => l.trim() !== '');
  const indent = rest.length > 0 ? Math.min(...rest.map((l) => /^ */.exec(l)![0].length)) : 0;
  const shown = [lines[0]!, ...lines.slice(1).map((l) => l.slice(Math.min(indent, /^ */.exec(l)![0].length)))];
  if (shown.length > SHOWN_LINES) return [...shown.slice(0, SHOWN_LINES), '# …'].join('\n');
  return shown.join('\n');
}

/** For `<<: *name`: which of the anchor's keys the mapping takes, and which it sets itself. */
function mergeNote(req: FeatureRequest, use: AnchorUse, node: Node | undefined): string | undefined {
  if (!isMap(node)) return undefined;
  const ctx = locate(req.doc, use.range[0]);
  if (!ctx.pair || keyText(ctx.pair.key) !== '<<' || !ctx.map) return undefined;
  const own = new Set<string>();
  for (const [key] of entries(ctx.map)) if (key !== '<<') own.add(key);
  const keys = [...entries(node)].map(([key]) => key).filter((key) => key !== '<<');
  const taken = keys.filter((k) => !own.has(k));
  const kept = keys.filter((k) => own.has(k));
  const parts = [`Merged here: ${taken.length > 0 ? `this mapping takes ${list(taken)} from it` : 'this mapping sets every key it has itself'}`];
  if (kept.length > 0) parts.push(`its own ${list(kept)} ${kept.length === 1 ? 'wins' : 'win'} over the anchor's`);
  return `${parts.join('; ')}.`;
}
