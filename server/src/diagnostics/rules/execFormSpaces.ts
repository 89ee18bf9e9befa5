// `exec-form-spaces`: the program of an exec-form command written as one item
// with spaces in it, `command: ["npm start"]`. The exec form hands each item
// over as it is, with no shell to split it, so the runtime looks for a
// program named `npm start` and the container does not start ("exec: "npm
// start": executable file not found in $PATH"; measured on the engine here,
// test/docker/engine-verdicts.test.ts); in `healthcheck.test` after `CMD`
// every check fails and the service never becomes healthy. A warning: an
// image could hold a program of that name. Judged where the item is the
// program: the first of `entrypoint`, the first of `command` when the service
// sets no entrypoint of its own (otherwise it is the entrypoint's argument,
// which may hold spaces, `sh -c` and its script), not one that starts with
// `-` (an option to the image's entrypoint), and the one after `CMD`. The
// quick fix writes each word as its own item, when the words hold nothing a
// shell would read otherwise (quotes, `$`, `&&`, globs); the message then
// says to write the command as one string, which Compose runs through a shell.
import { isScalar, isSeq, type Scalar, type YAMLSeq } from 'yaml';
import type { TextEdit } from 'vscode-languageserver';
import { composeReading } from '../../model/composeScalars';
import { textBetween } from '../../model/chunkedDocument';
import { nodeRange } from '../../model/nodes';
import { serviceDefinition } from '../../spec/service';
import type { Fix } from '../fix';
import { DiagnosticSeverity, quoted } from '../make';
import { lookupKey, type FormatRule } from './formatRule';
import type { MapVisit, Report } from '../specWalk';

/** What a shell would read otherwise than as words split at spaces. */
const SHELL_SYNTAX = /["'\\$`|&;<>(){}*?[\]~#!=]/;

export interface ExecFormData {
  /** The item as written, and the items the fix writes in its place. */
  readonly split?: { readonly from: string; readonly to: string };
}

/** The item's words as items of its list, in the item's own quoting (a plain word YAML would read as no text is quoted). */
function splitItems(doc: MapVisit['doc'], seq: YAMLSeq, item: Scalar, words: readonly string[]): string | undefined {
  const range = nodeRange(item);
  if (!range) return undefined;
  const quote = item.type === 'QUOTE_DOUBLE' ? '"' : item.type === 'QUOTE_SINGLE' ? "'" : '';
  const written = words.map((w) => (quote === '' && composeReading(w) !== undefined ? `"${w}"` : `${quote}${w}${quote}`));
  if (seq.flow) return written.join(', ');
  // A block list: the item's line is `- item` after its indentation; the new items go on lines of their own under it.
  const text = doc.text;
  const lineStart = text.offsetAt({ line: text.positionAt(range[0]).line, character: 0 });
  const before = textBetween(text, lineStart, range[0]);
  const dash = /^( *)- +$/.exec(before);
  if (!dash) return undefined;
  return written.join(`\n${dash[1]}- `);
}

/** Reports the item at `index` of the list `value` when it is one program name holding spaces. */
function checkProgram(v: MapVisit, report: Report, value: unknown, index: number, what: string, outcome: string): void {
  if (!isSeq(value)) return;
  const item = value.items[index];
  if (!isScalar(item) || typeof item.value !== 'string') return;
  const program = item.value.trim();
  // A Windows path (`C:\Program Files\app.exe`) may hold spaces.
  if (!/\s/.test(program) || program.startsWith('-') || /^[A-Za-z]:\\/.test(program)) return;
  const range = nodeRange(item);
  if (!range) return;
  const words = program.split(/\s+/);
  const plainWords = !SHELL_SYNTAX.test(program);
  const to = plainWords ? splitItems(v.doc, value, item, words) : undefined;
  const example = plainWords ? `(${words.map((w) => `"${w}"`).join(', ')})` : '';
  report(range,
    `${quoted(program)} is run as one program name, spaces included: the exec form hands each item over as it is, with no shell to split it, so ${outcome} ("executable file not found"). Write each word as its own item ${example}, or ${what}.`.replace(' ,', ','),
    to ? { data: { split: { from: textBetween(v.doc.text, range[0], range[1]), to } } } : {});
}

export const execFormSpaces: FormatRule<ExecFormData> = {
  code: 'exec-form-spaces',
  severity: DiagnosticSeverity.Warning,
  fix: (req) => splitFix(req),
  check: {
    applies: (spec) => spec === serviceDefinition,
    map(v, report) {
      if (v.alias) return;
      const entrypoint = lookupKey(v, 'entrypoint');
      if (entrypoint.own) checkProgram(v, report, entrypoint.value, 0, 'the whole command as one string, which Compose runs through a shell', 'the container does not start');
      const command = lookupKey(v, 'command');
      const ownEntrypoint = entrypoint.present && !(isSeq(entrypoint.value) && entrypoint.value.items.length === 0) && !(isScalar(entrypoint.value) && (entrypoint.value.value === '' || entrypoint.value.value === null));
      if (command.own && !ownEntrypoint) checkProgram(v, report, command.value, 0, 'the whole command as one string, which Compose runs through a shell', 'the container does not start');
      const test = lookupKey(v, 'healthcheck.test');
      if (test.own && isSeq(test.value) && isScalar(test.value.items[0]) && test.value.items[0].value === 'CMD') {
        checkProgram(v, report, test.value, 1, 'use CMD-SHELL with the whole command as one item', 'every check fails and the service never becomes healthy');
      }
    },
  },
};

/** Writes the words as items, if the item still reads as the rule saw it. */
const splitFix: Fix<ExecFormData> = ({ doc, diagnostic, data }) => {
  const split = data.split;
  if (!split || typeof split.from !== 'string' || typeof split.to !== 'string') return [];
  if (doc.text.getText(diagnostic.range) !== split.from) return [];
  const edit: TextEdit = { range: diagnostic.range, newText: split.to };
  return [{ title: 'Write each word as its own item', edits: [edit], preferred: true }];
};
