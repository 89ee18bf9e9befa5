// Whether Compose will fill in part of a string from variables: what every
// check of a value asks first, since a value Compose interpolates is known
// only when it runs.
//
// What a `$` starts, as Compose 2.26 reads it (checked with `docker compose
// config`): `$$` is a dollar sign; `${...}` is a variable (or, malformed, a
// template Compose refuses); `$` before a letter or `_` is a variable named by
// the letters, digits and `_` that follow; any other `$` is kept as written, so
// `80$:80` is the host port "80$", which Compose refuses. The scanner and the
// substitution of model/interpolation.ts read names with VARIABLE_NAME.

const DOLLAR = 36;
const OPEN_BRACE = 123;

/** A variable's name at the start of the text after `$`: a letter or `_`, then letters, digits and `_`. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

function startsName(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** Text whose value depends on interpolation: some `$` in it starts a variable (`$NAME`, `${...}`), not counting `$$`. */
export function isInterpolated(text: string): boolean {
  // Most text has no dollar at all: one search, no copy.
  let at = text.indexOf('$');
  while (at >= 0) {
    const next = text.charCodeAt(at + 1);
    if (next === OPEN_BRACE || startsName(next)) return true;
    at = text.indexOf('$', next === DOLLAR ? at + 2 : at + 1);
  }
  return false;
}
