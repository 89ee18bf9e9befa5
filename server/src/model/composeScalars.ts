// How the YAML parser Compose uses (go-yaml v3) reads a plain scalar, where
// it reads more than YAML 1.2's core schema, which the `yaml` library
// follows: underscores anywhere in the digits (`1_000`, dropped before
// reading), binary (`0b101`), octal with a leading zero as well as `0o`
// (`012` is 10), hexadecimal, a sign, integers past 2^53 exactly, and dates
// (`2024-01-02`). A key that takes a number then gets that number
// (`mem_limit: 0x10` is 16 bytes), while to the `yaml` library the same text
// may be a string (`1_000`). A quoted scalar is text to both.
//
// Where Compose keeps a value as text (an environment value, a label, a
// build argument), it writes what it read back out the way Go prints it:
// `3.10` reaches the container as `3.1`, `012` as `10`, `True` as `true`,
// `2024-01-02` as `2024-01-02 00:00:00 +0000 UTC` (`composeText`).

/** The words Compose casts to a boolean where a key takes one and the value is a string (`${VAR}`, `"true"`, `yes`). */
const CAST_TRUE = /^(?:true|yes|y|on)$/i;
const CAST_FALSE = /^(?:false|no|n|off)$/i;

/** The boolean Compose casts a string to (`"true"`, `yes`, `Off`...), or undefined where it refuses the string. */
export function castBoolean(text: string): boolean | undefined {
  return CAST_TRUE.test(text) ? true : CAST_FALSE.test(text) ? false : undefined;
}

/** What go-yaml makes of a plain scalar, when it is not text. */
export type ComposeReading =
  | { readonly kind: 'integer'; readonly value: bigint }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'date'; readonly text: string };

/** Go's integer literals with the base taken from the prefix (a leading zero: octal), after the underscores are dropped. */
const INTEGER = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]*)|([1-9][0-9]*))$/;

/** The floats go-yaml reads after the underscores are dropped (no `.inf` or `.nan` here: those are words). */
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** A float that starts with its point: go-yaml reads it as written, underscores included (so `._5` is text). */
const POINT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;

/** The words go-yaml reads as a boolean or as null in any position (YAML 1.1's `yes`, `on`... are text to it). */
const WORDS: ReadonlyMap<string, ComposeReading> = new Map<string, ComposeReading>([
  ...['true', 'True', 'TRUE'].map((w): [string, ComposeReading] => [w, { kind: 'boolean', value: true }]),
  ...['false', 'False', 'FALSE'].map((w): [string, ComposeReading] => [w, { kind: 'boolean', value: false }]),
  ...['null', 'Null', 'NULL', '~', ''].map((w): [string, ComposeReading] => [w, { kind: 'null' }]),
]);

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** What Compose's parser reads from a plain scalar's text; undefined where it reads text (or `.inf`/`.nan`, which non-finite-number speaks about). */
export function composeReading(plain: string): ComposeReading | undefined {
  const word = WORDS.get(plain);
  if (word) return word;
  const first = plain.charAt(0);
  // go-yaml only tries a number (or a date) when the text starts like one.
  if (first === '.') return POINT_FLOAT.test(plain) ? finiteFloat(Number(plain)) : undefined;
  if (!(first === '+' || first === '-' || (first >= '0' && first <= '9'))) return undefined;
  const date = dateText(plain);
  if (date !== undefined) return { kind: 'date', text: date };
  const text = plain.includes('_') ? plain.replace(/_/g, '') : plain;
  const int = INTEGER.exec(text);
  if (int) {
    const [, sign, hex, octal, binary, zeroOctal, decimal] = int;
    const magnitude = hex !== undefined ? BigInt(`0x${hex}`)
      : octal !== undefined ? BigInt(`0o${octal}`)
      : binary !== undefined ? BigInt(`0b${binary}`)
      : zeroOctal !== undefined ? (zeroOctal === '' ? 0n : BigInt(`0o${zeroOctal}`))
      : BigInt(decimal!);
    const value = sign === '-' ? -magnitude : magnitude;
    // An int64, or (unsigned, no sign written) a uint64; past those go-yaml tries a float.
    if ((value >= INT64_MIN && value <= INT64_MAX) || (sign === '' && value <= UINT64_MAX)) return { kind: 'integer', value };
  }
  return FLOAT.test(text) ? finiteFloat(Number(text)) : undefined;
}

/** A float too large for a double (`1e400`) is text to go-yaml. */
function finiteFloat(value: number): ComposeReading | undefined {
  return Number.isFinite(value) ? { kind: 'float', value } : undefined;
}

/** The number Compose's parser reads from a plain scalar's text, and whether it is an integer; undefined where it reads anything else. */
export function composeNumber(plain: string): { readonly value: number; readonly integer: boolean } | undefined {
  const reading = composeReading(plain);
  if (reading?.kind === 'integer') return { value: Number(reading.value), integer: true };
  if (reading?.kind === 'float') return { value: reading.value, integer: false };
  return undefined;
}

/**
 * The text of a plain scalar as Compose sees it when it reads a number: its integer in decimal, or its float
 * with a decimal point (a float where Compose wants an integer, a port or a limit, stays a float: `1e2` is
 * `100.0`); the text itself otherwise.
 */
export function numberTextAsCompose(plain: string): string {
  const number = composeNumber(plain);
  if (!number) return plain;
  if (number.integer) return String(number.value);
  return Number.isInteger(number.value) ? `${number.value}.0` : String(number.value);
}

/**
 * The text Compose passes on for a plain scalar where it keeps values as text (an environment value, a label):
 * what it read, printed as Go prints it. Undefined where it reads text (passed on as written) or null (no value).
 */
export function composeText(plain: string): string | undefined {
  const reading = composeReading(plain);
  switch (reading?.kind) {
    case 'integer': return reading.value.toString();
    case 'float': return goFloatText(reading.value);
    case 'boolean': return String(reading.value);
    case 'date': return reading.text;
    default: return undefined;
  }
}

/**
 * A float as Go's `%v` prints it: the shortest digits that read back as the same number, in exponent form
 * (`1e+06`, `1.5e-07`: at least two exponent digits) when the exponent is below -4 or 6 and over, else plain
 * (`100`, `0.5`). JavaScript's own shortest digits are the same digits.
 */
export function goFloatText(value: number): string {
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const digits = String(Math.abs(exponent)).padStart(2, '0');
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${digits}`;
  }
  // Between 1e-4 and 1e6 JavaScript prints no exponent either, and the same digits.
  return String(value);
}

// go-yaml's dates: a date alone, or with a time after `T`/`t` and a zone, or after a space with no zone.
const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DATE_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})| (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d+))?)$/;

/** The date go-yaml reads, as Go prints it (`2024-01-02 10:20:30.5 +0000 UTC`); undefined when the text is no valid date. */
function dateText(plain: string): string | undefined {
  const day = DATE.exec(plain);
  const full = day ? undefined : DATE_TIME.exec(plain);
  if (!day && !full) return undefined;
  const m = (day ?? full)!;
  const [year, month, date] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = full ? [Number(full[4] ?? full[9]), Number(full[5] ?? full[10]), Number(full[6] ?? full[11])] : [0, 0, 0];
  const fraction = full ? (full[7] ?? full[12] ?? '') : '';
  const zone = full?.[8];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || date < 1 || date > daysInMonth || hour > 23 || minute > 59 || second > 59) return undefined;
  const two = (n: number) => String(n).padStart(2, '0');
  const nanos = fraction.slice(0, 9).replace(/0+$/, '');
  // Go names a zone it parsed as an offset by the offset itself; no zone, `Z` or +00:00 is UTC.
  const offset = zone && zone !== 'Z' && zone.slice(1) !== '00:00' ? zone.replace(':', '') : undefined;
  return `${m[1]}-${two(month)}-${two(date)} ${two(hour)}:${two(minute)}:${two(second)}${nanos ? `.${nanos}` : ''} ${offset ? `${offset} ${offset}` : '+0000 UTC'}`;
}
