// How the YAML parser Compose uses (go-yaml v3) reads a plain scalar as a
// number, where it reads more than YAML 1.2's core schema, which the `yaml`
// library follows: underscores anywhere in the digits (`1_000`, dropped before
// reading), binary (`0b101`), octal with a leading zero as well as `0o`
// (`012` is 10), hexadecimal, a sign. A key that takes a number then gets that
// number (`mem_limit: 0x10` is 16 bytes), while to the `yaml` library the
// same text may be a string (`1_000`). A quoted scalar is text to both.

/** Go's integer literals with the base taken from the prefix (a leading zero: octal), after the underscores are dropped. */
const INTEGER = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|(0[0-7]*)|([1-9][0-9]*))$/;

/** The floats go-yaml reads (no `.inf` or `.nan` here: those are not plain digits). */
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** The number Compose's parser reads from a plain scalar's text, and whether it is an integer; undefined where it reads text. */
export function composeNumber(plain: string): { readonly value: number; readonly integer: boolean } | undefined {
  const text = plain.includes('_') ? plain.replace(/_/g, '') : plain;
  const int = INTEGER.exec(text);
  if (int) {
    const [, sign, hex, octal, binary, zeroOctal, decimal] = int;
    const magnitude = hex !== undefined ? parseInt(hex, 16)
      : octal !== undefined ? parseInt(octal, 8)
      : binary !== undefined ? parseInt(binary, 2)
      : zeroOctal !== undefined ? parseInt(zeroOctal, 8)
      : Number(decimal);
    return { value: sign === '-' ? -magnitude : magnitude, integer: true };
  }
  if (!FLOAT.test(text)) return undefined;
  const value = Number(text);
  // A float too large for a double (`1e400`) is text to go-yaml.
  return Number.isFinite(value) ? { value, integer: false } : undefined;
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
