// Whether Compose will fill in part of a string from variables: what every
// check of a value asks first, since a value Compose interpolates is known
// only when it runs.

/** Text whose value depends on interpolation: `$$` is a literal dollar, anything else may be a variable. */
export function isInterpolated(text: string): boolean {
  // Most text has no dollar at all: no copy, no pattern.
  if (!text.includes('$')) return false;
  return /\$(?!\$)/.test(text.replace(/\$\$/g, ''));
}
