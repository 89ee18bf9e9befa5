// The `.env` file Compose reads beside the project, in its dotenv dialect:
// `KEY=value`, `export KEY=value`, quotes, `#` comments, and `${OTHER}`
// expanded from keys above it.
import { interpolateText } from './interpolation';

export interface EnvEntry {
  readonly value: string;
  /** 0-based line in the .env file, for navigation and hover. */
  readonly line: number;
}

export function parseEnvFile(text: string, outer: ReadonlyMap<string, string> = new Map()): Map<string, EnvEntry> {
  const entries = new Map<string, EnvEntry>();
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index].trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('export ')) line = line.slice(7).trimStart();
    const eq = line.indexOf('=');
    const key = (eq < 0 ? line : line.slice(0, eq)).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) continue;
    let raw = eq < 0 ? '' : line.slice(eq + 1).trim();
    let value: string;
    if (raw.startsWith('"') || raw.startsWith("'")) {
      const quote = raw[0];
      // A quoted value may span lines until its closing quote.
      let closing = raw.indexOf(quote, 1);
      while (closing < 0 && index + 1 < lines.length) {
        raw += '\n' + lines[++index];
        closing = raw.indexOf(quote, 1);
      }
      const inner = closing < 0 ? raw.slice(1) : raw.slice(1, closing);
      value = quote === '"' ? unescapeDoubleQuoted(inner) : inner;
      if (quote === '"') value = expand(value, entries, outer);
    } else {
      const comment = raw.search(/\s#/);
      if (comment >= 0) raw = raw.slice(0, comment).trimEnd();
      value = expand(raw, entries, outer);
    }
    entries.set(key, { value, line: index });
  }
  return entries;
}

function unescapeDoubleQuoted(text: string): string {
  return text.replace(/\\([nrt"\\$])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
}

function expand(value: string, entries: Map<string, EnvEntry>, outer: ReadonlyMap<string, string>): string {
  if (!value.includes('$')) return value;
  return interpolateText(value, (name) => outer.get(name) ?? entries.get(name)?.value).text;
}
