// An env file in Compose's dotenv dialect: the project's `.env` and a
// service's `env_file`. `KEY=value`, `KEY: value`, `export KEY=value`,
// quotes (a double-quoted value may span lines, and escapes `\n`, `\"`, `\$`),
// `#` comments, and `${OTHER}` expanded from the environment and the keys
// above it, except in single quotes. One reader gives both what the file sets
// and the first line Compose refuses: the two must not disagree on where a
// name or a value ends.
import { findVariables, interpolateText, isInvalidUse, type RequiredUnset } from './interpolation';

export interface EnvEntry {
  readonly value: string;
  /** 0-based line in the .env file, for navigation and hover. */
  readonly line: number;
}

/** A line of an env file that Compose refuses to read, and why, in its words. */
export interface EnvFileProblem {
  /** 0-based line, and its length: where to point in the file. */
  readonly line: number;
  readonly length: number;
  readonly reason: string;
  /** What to write instead, in a sentence. */
  readonly fix: string;
}

/** A line that requires a variable with no value (`${TAG:?set TAG}`): Compose refuses the project unless it is set when Compose runs. */
export interface EnvRequiredUnset extends RequiredUnset {
  /** 0-based line, and its length. */
  readonly line: number;
  readonly length: number;
}

export interface EnvFileRead {
  /** What the file sets, up to the first line Compose refuses. */
  readonly entries: Map<string, EnvEntry>;
  /** That line: Compose then refuses the whole project ("failed to read ..."). */
  readonly problem?: EnvFileProblem;
  /** The variables its lines require that `outer` and the lines above do not set. */
  readonly requiredUnset: readonly EnvRequiredUnset[];
}

type Lookup = (name: string) => string | undefined;

const NONE: readonly RequiredUnset[] = [];

const NAME_FIX = 'a name of letters, digits, _ . -, then =, then the value';

/**
 * Reads `text` as Compose's dotenv reader does. A variable's name ends at `=` or `:` (or the line's end)
 * and takes letters and digits of any script and `_ . - [ ]`; spaces after it are trimmed, spaces inside
 * it are refused; a quoted value must close, on a later line if need be; a `${...}` in a value that is
 * not single-quoted must be a template Compose reads (`${1X}`, `${A!}`, `${A` are refused, even in a
 * default that is not taken). `outer`: what Compose looks variables up in besides the file's own keys
 * above (the environment; for a service's env file, the project's `.env` too), which wins over them.
 * `asProjectEnv`: the project's `.env`, where Compose also refuses a line with no name.
 */
export function readEnvFile(text: string, outer: Lookup = () => undefined, asProjectEnv = false): EnvFileRead {
  const entries = new Map<string, EnvEntry>();
  const requiredUnset: EnvRequiredUnset[] = [];
  const lines = text.split(/\r?\n/);
  const refused = (line: number, reason: string, fix: string): EnvFileRead => ({ entries, problem: { line, length: lines[line]!.length, reason, fix }, requiredUnset });
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const exported = /^export\s+/.exec(line);
    if (exported) line = line.slice(exported[0].length);
    let sep = -1;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (c === '=' || c === ':') {
        sep = i;
        break;
      }
      if (!/[\s_.\-[\]\p{L}\p{N}]/u.test(c)) return refused(index, `unexpected character "${c}" in variable name`, NAME_FIX);
    }
    const key = (sep < 0 ? line : line.slice(0, sep)).trimEnd();
    if (/\s/.test(key)) return refused(index, 'key cannot contain a space', NAME_FIX);
    // Compose's own words for it: it reads the project's `.env`, then fails to set the variable. A service's
    // env file with such a line loads.
    if (key === '' && asProjectEnv) return refused(index, 'no variable name before the "=" ("setenv: invalid argument")', NAME_FIX);
    const start = index;
    let raw = sep < 0 ? '' : line.slice(sep + 1).trimStart();
    let value = '';
    let template: string | undefined;
    if (raw.startsWith('"') || raw.startsWith("'")) {
      const quote = raw[0] as '"' | "'";
      let closing = closingQuote(raw, quote, 1);
      while (closing < 0 && index + 1 < lines.length) {
        raw += '\n' + lines[++index];
        closing = closingQuote(raw, quote, 1);
      }
      if (closing < 0) return refused(start, 'unterminated quoted value', 'close the quote');
      const inner = raw.slice(1, closing);
      if (quote === '"') template = unescapeDoubleQuoted(inner);
      else value = inner.replace(/\\'/g, "'");
    } else {
      const comment = raw.search(/\s#/);
      template = comment >= 0 ? raw.slice(0, comment).trimEnd() : raw;
    }
    if (template !== undefined) {
      const invalid = invalidTemplate(template);
      if (invalid) return refused(start, `invalid template "${invalid}"`, 'write ${NAME} or ${NAME:-default}, with a name of letters, digits and _ that does not start with a digit, or $$ for a dollar sign');
      const expanded = expand(template, entries, outer);
      value = expanded.text;
      for (const unset of expanded.errors) requiredUnset.push({ ...unset, line: start, length: lines[start]!.length });
    }
    entries.set(key, { value, line: start });
  }
  return { entries, requiredUnset };
}

/** Where the quote that closes a value starts at or after `from`, or -1: a backslash escapes a quote, in single quotes too. */
function closingQuote(text: string, quote: '"' | "'", from: number): number {
  const pattern = quote === '"' ? /(?<!\\)(?:\\\\)*"/g : /(?<!\\)(?:\\\\)*'/g;
  pattern.lastIndex = from;
  const m = pattern.exec(text);
  return m ? m.index + m[0].length - 1 : -1;
}

/** The escapes of a double-quoted value; `\$` becomes `$$`, the template's own escape, so it stays a dollar sign. */
function unescapeDoubleQuoted(text: string): string {
  return text.replace(/\\([nrt"\\$])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t', $: '$$' })[c] ?? c);
}

/** The first `${...}` of `text` Compose cannot read as a variable, as written. */
function invalidTemplate(text: string): string | undefined {
  if (!text.includes('${')) return undefined;
  const use = findVariables(text).find(isInvalidUse);
  return use && text.slice(use.start, use.end);
}

function expand(value: string, entries: Map<string, EnvEntry>, outer: Lookup): { text: string; errors: readonly RequiredUnset[] } {
  if (!value.includes('$')) return { text: value, errors: NONE };
  return interpolateText(value, (name) => outer(name) ?? entries.get(name)?.value);
}
