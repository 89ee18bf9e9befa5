// Compose's variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`,
// `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`,
// `${VAR+alt}`, and `$$` for a literal dollar. Defaults may nest. What a `$`
// starts, and how a name is written: spec/interpolated.ts.
import { VARIABLE_NAME } from '../spec/interpolated';

export type InterpolationOperator = ':-' | '-' | ':?' | '?' | ':+' | '+' | '';

export interface VariableUse {
  readonly name: string;
  readonly operator: InterpolationOperator;
  /** The text after the operator: a default, an error message, or an alternative. */
  readonly argument?: string;
  /** Offsets within the scanned text: the whole `${...}` and the name alone. */
  readonly start: number;
  readonly end: number;
  readonly nameStart: number;
  readonly nameEnd: number;
  /** `${` opened but never closed: a syntax error Compose refuses. */
  readonly unterminated?: boolean;
}


/** A `${...}` Compose cannot read as a variable (unclosed, no name, text after the name): it refuses the text ("Invalid template"). */
export function isInvalidUse(use: VariableUse): boolean {
  return use.unterminated === true || use.name === '';
}

/** Every variable used in `text`, outermost first, with offsets into `text`. */
export function findVariables(text: string): VariableUse[] {
  const uses: VariableUse[] = [];
  scan(text, 0, uses);
  return uses;
}

function scan(text: string, base: number, uses: VariableUse[]): void {
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '$') continue;
    const next = text[i + 1];
    if (next === '$') {
      i++;
      continue;
    }
    if (next === '{') {
      const close = matchingBrace(text, i + 2);
      const body = text.slice(i + 2, close < 0 ? text.length : close);
      const name = VARIABLE_NAME.exec(body)?.[0] ?? '';
      const rest = body.slice(name.length);
      const op = /^(:-|:\?|:\+|-|\?|\+)/.exec(rest)?.[0] ?? '';
      const argument = op ? rest.slice(op.length) : undefined;
      uses.push({
        name,
        operator: op as InterpolationOperator,
        argument,
        start: base + i,
        end: base + (close < 0 ? text.length : close + 1),
        nameStart: base + i + 2,
        nameEnd: base + i + 2 + name.length,
        unterminated: close < 0 || (rest !== '' && !op) ? true : undefined,
      });
      if (argument) scan(argument, base + i + 2 + name.length + op.length, uses);
      if (close < 0) return;
      i = close;
      continue;
    }
    const name = VARIABLE_NAME.exec(text.slice(i + 1))?.[0];
    if (name) {
      uses.push({ name, operator: '', start: base + i, end: base + i + 1 + name.length, nameStart: base + i + 1, nameEnd: base + i + 1 + name.length });
      i += name.length;
    }
  }
}

function matchingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

export interface InterpolationResult {
  readonly text: string;
  /** Variables used without a value and without a default. */
  readonly missing: string[];
  /** `${VAR:?message}` and `${VAR?message}` failures: Compose refuses the text. */
  readonly errors: RequiredUnset[];
}

/** A variable a text requires (`${VAR:?message}`) that has no value. */
export interface RequiredUnset {
  readonly name: string;
  /** The message written after the operator, if any. */
  readonly message?: string;
}

/**
 * `text` as Compose reads it with these variables, where that is known: undefined where a variable has no value
 * and no default (the shell Compose runs in may set it; `unset-variable` says so) or a required one is unset
 * (Compose refuses the text). What the rules that look at a value written with variables judge.
 */
export function knownText(text: string, lookup: (name: string) => string | undefined): string | undefined {
  if (!text.includes('$')) return text;
  const result = interpolateText(text, lookup);
  return result.missing.length > 0 || result.errors.length > 0 ? undefined : result.text;
}

/** Substitutes every variable in `text` as Compose would. */
export function interpolateText(text: string, lookup: (name: string) => string | undefined): InterpolationResult {
  const missing: string[] = [];
  const errors: RequiredUnset[] = [];
  const out = substitute(text, lookup, missing, errors);
  return { text: out, missing, errors };
}

/**
 * The text between variables is copied a run at a time, and a text without `$`
 * is its own result: appended a character at a time, a value became a rope of
 * one string per character (~40 bytes each), and hover keeps the values of
 * every service it has read.
 */
function substitute(text: string, lookup: (name: string) => string | undefined, missing: string[], errors: RequiredUnset[]): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) return i === 0 ? text : out + text.slice(i);
    if (dollar > i) out += text.slice(i, dollar);
    i = dollar;
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i++;
      continue;
    }
    if (next === '{') {
      const close = matchingBrace(text, i + 2);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      const body = text.slice(i + 2, close);
      const name = VARIABLE_NAME.exec(body)?.[0] ?? '';
      const rest = body.slice(name.length);
      const op = /^(:-|:\?|:\+|-|\?|\+)/.exec(rest)?.[0] ?? '';
      const arg = substitute(rest.slice(op.length), lookup, missing, errors);
      const value = lookup(name);
      const empty = value === undefined || value === '';
      switch (op) {
        case ':-': out += empty ? arg : value; break;
        case '-': out += value === undefined ? arg : value; break;
        case ':?': if (empty) errors.push(arg ? { name, message: arg } : { name }); out += value ?? ''; break;
        case '?': if (value === undefined) errors.push(arg ? { name, message: arg } : { name }); out += value ?? ''; break;
        case ':+': out += empty ? '' : arg; break;
        case '+': out += value === undefined ? '' : arg; break;
        default:
          if (value === undefined) missing.push(name);
          out += value ?? '';
      }
      i = close;
      continue;
    }
    const name = VARIABLE_NAME.exec(text.slice(i + 1))?.[0];
    if (name) {
      const value = lookup(name);
      if (value === undefined) missing.push(name);
      out += value ?? '';
      i += name.length;
    } else out += '$';
  }
  return out;
}
