// Seeded mutations of Compose documents for the fuzz tier: what a user in
// the middle of typing, a bad merge, a broken encoding or a hostile file can
// hand the server. Same seed -> same sequence of documents.

import { prng as seededRandom } from '../../bench/generate.mjs';

export type Random = () => number;

/** The benchmark's seeded PRNG (mulberry32: small, fast, and enough for picking mutations reproducibly). */
export function prng(seed: number): Random {
  return seededRandom(seed);
}

export const int = (random: Random, n: number): number => Math.floor(random() * n);
export const pick = <T>(random: Random, list: readonly T[]): T => list[int(random, list.length)];

// Characters that matter to YAML, Compose interpolation and port syntax, plus
// a few that break naive code (NUL, BOM, a lone surrogate, astral-plane emoji).
const NOISE = [
  ':', ' ', '-', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', "'", '"', '#', '%', '@', '`', '?',
  '$', '${', '}', '\\', '/', '.', '\t', '\n', '\r\n', '\u0000', '\ufeff', '\ud800', '😀', 'é', '0', '9', 'a', 'Z',
  '<<: *', '!reset', '!override', '~', 'null', 'true', '8080:80', '${VAR:-', '$$',
];

/** A bounded "billion laughs": each level refers to the one before several times. */
export function aliasBomb(levels = 9, fanOut = 9): string {
  const lines = ['x-bomb:', '  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < levels; i++) lines.push(`  l${i}: &l${i} [${Array.from({ length: fanOut }, () => `*l${i - 1}`).join(', ')}]`);
  lines.push('services:', '  bomb:', '    image: busybox', `    environment: *l${levels - 1}`, `    <<: *l${levels - 1}`, `    command: *l${levels - 1}`);
  return lines.join('\n') + '\n';
}

/** Deep nesting, flow style (`[[[[...`) or block style (a key per level). */
export function deepNesting(random: Random, depth: number): string {
  if (random() < 0.5) return 'services:\n  deep:\n    command: ' + '['.repeat(depth) + ']'.repeat(int(random, depth + 1)) + '\n';
  const lines = ['services:', '  deep:', '    labels:'];
  for (let i = 0; i < depth; i++) lines.push(`${' '.repeat(6 + i)}k${i}:`);
  return lines.join('\n') + '\n';
}

/** Bytes that are not UTF-8, decoded the way an editor would (U+FFFD) or kept as lone surrogates. */
function invalidUtf8(random: Random): string {
  const bytes = Buffer.from(Array.from({ length: 1 + int(random, 12) }, () => 0x80 + int(random, 0x80)));
  return random() < 0.5 ? bytes.toString('utf8') : bytes.toString('latin1') + '\udc80';
}

function lines(text: string): string[] {
  return text.split('\n');
}

export interface Mutation {
  readonly name: string;
  apply(text: string, random: Random): string;
}

export const MUTATIONS: readonly Mutation[] = [
  { name: 'truncate', apply: (t, r) => t.slice(0, int(r, t.length + 1)) },
  {
    name: 'delete-lines',
    apply: (t, r) => {
      const l = lines(t);
      const at = int(r, l.length);
      l.splice(at, 1 + int(r, 3));
      return l.join('\n');
    },
  },
  {
    name: 'duplicate-lines',
    apply: (t, r) => {
      const l = lines(t);
      const at = int(r, l.length);
      l.splice(at, 0, ...l.slice(at, at + 1 + int(r, 4)));
      return l.join('\n');
    },
  },
  {
    name: 'swap-lines',
    apply: (t, r) => {
      const l = lines(t);
      const a = int(r, l.length);
      const b = int(r, l.length);
      [l[a], l[b]] = [l[b], l[a]];
      return l.join('\n');
    },
  },
  {
    name: 'reindent',
    apply: (t, r) => {
      const l = lines(t);
      const at = int(r, l.length);
      l[at] = r() < 0.5 ? ' '.repeat(1 + int(r, 5)) + l[at] : l[at].replace(/^ {1,3}/, '');
      return l.join('\n');
    },
  },
  {
    name: 'random-characters',
    apply: (t, r) => {
      let out = t;
      for (let i = 1 + int(r, 6); i > 0; i--) {
        const at = int(r, out.length + 1);
        const cut = r() < 0.3 ? int(r, 4) : 0;
        out = out.slice(0, at) + pick(r, NOISE) + out.slice(at + cut);
      }
      return out;
    },
  },
  { name: 'deep-nesting', apply: (t, r) => t + '\n' + deepNesting(r, 200 + int(r, 3000)) },
  {
    name: 'huge-scalar',
    apply: (t, r) => {
      const size = 10_000 + int(r, 400_000);
      const value = r() < 0.5 ? 'x'.repeat(size) : '"' + 'y '.repeat(size / 2) + '"';
      const l = lines(t);
      l.splice(int(r, l.length), 0, `x-huge: ${value}`);
      return l.join('\n');
    },
  },
  { name: 'alias-bomb', apply: (t, r) => (r() < 0.5 ? aliasBomb(6 + int(r, 5)) : t + '\n' + aliasBomb(6 + int(r, 5))) },
  {
    name: 'invalid-utf8',
    apply: (t, r) => {
      const at = int(r, t.length + 1);
      return t.slice(0, at) + invalidUtf8(r) + t.slice(at);
    },
  },
  { name: 'tabs', apply: (t) => t.replace(/^( {2})+/gm, (m) => '\t'.repeat(m.length / 2)) },
  { name: 'crlf', apply: (t) => t.replace(/\r?\n/g, '\r\n') },
  {
    name: 'anchors-and-merges',
    apply: (t, r) => {
      const l = lines(t);
      const at = int(r, l.length);
      l.splice(at, 0, pick(r, ['  <<: *undefined', 'x-a: &a {image: x}', '    <<: [*a, *a]', '  s: *a', '&a', '*a', '  <<: *a']));
      return l.join('\n');
    },
  },
  {
    name: 'interpolation',
    apply: (t, r) => {
      const at = int(r, t.length + 1);
      return t.slice(0, at) + pick(r, ['${', '${A:?', '${A:-${B:-${C', '$${X}', '${' + 'A'.repeat(5000) + '}', '$']) + t.slice(at);
    },
  },
];

/** 1 to 3 mutations, by name, applied to `text`. */
export function mutate(text: string, random: Random): { text: string; applied: string[] } {
  const applied: string[] = [];
  let out = text;
  for (let i = 1 + int(random, 3); i > 0; i--) {
    const m = pick(random, MUTATIONS);
    out = m.apply(out, random);
    applied.push(m.name);
  }
  return { text: out, applied };
}
