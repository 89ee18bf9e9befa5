// `out-of-range`: numbers outside the range Compose accepts. Our spec says
// which shapes a value takes, not its bounds; the few bounds Compose checks
// are listed here, by the key's place in the file. A number written as text
// where Compose casts text counts too: it casts before it checks (measured
// on Compose 2.26.1: `cpu_percent: "150"` is refused as 150 is).
import { isScalar } from 'yaml';
import { DiagnosticSeverity } from '../make';
import { pathText } from '../specWalk';
import { throughAlias, valueRange, type FormatRule } from './formatRule';
import { INTEGER } from './castValues';

interface Bound {
  /** The path, with `*` for any name or index. */
  readonly path: readonly string[];
  readonly min: number;
  readonly max?: number;
  /** Values outside the range that are fine all the same (0 or -1 for "the default"), and how to say so. */
  readonly unless?: { readonly test: (n: number) => boolean; readonly words: string };
  /** Read as an unsigned number: the message says why a negative one is refused. */
  readonly unsigned?: boolean;
}

const BOUNDS: readonly Bound[] = [
  { path: ['services', '*', 'cpu_count'], min: 0 },
  // Compose loads a negative weight; the engine refuses it when it starts the container ("shares: invalid argument").
  { path: ['services', '*', 'cpu_shares'], min: 0 },
  { path: ['services', '*', 'cpu_percent'], min: 0, max: 100 },
  { path: ['services', '*', 'oom_score_adj'], min: -1000, max: 1000 },
  // Compose reads retries as unsigned and refuses a negative one ("overflows uint").
  { path: ['services', '*', 'healthcheck', 'retries'], min: 0, unsigned: true },
  // Compose loads a negative count of containers and then fails at `up` (it crashes making the list).
  { path: ['services', '*', 'scale'], min: 0 },
  { path: ['services', '*', 'deploy', 'replicas'], min: 0 },
  // The engine refuses any other value when it creates the container; -1 keeps the host's default.
  { path: ['services', '*', 'mem_swappiness'], min: -1, max: 100 },
  // The engine refuses a CFS period outside 1 ms to 1 s, and a quota under 1 ms, when it creates the container.
  { path: ['services', '*', 'cpu_period'], min: 1000, max: 1_000_000, unless: { test: (n) => n === 0, words: ' (or 0 for the default)' } },
  { path: ['services', '*', 'cpu_quota'], min: 1000, unless: { test: (n) => n <= 0, words: ' (or 0 or -1 for no quota)' } },
  { path: ['services', '*', 'volumes', '*', 'tmpfs', 'size'], min: 0 },
  // Compose 2.26.1 decodes these as unsigned numbers and refuses a negative one ("-1 overflows uint"), written as a
  // number or as text.
  ...[
    ['blkio_config', 'weight'],
    ['blkio_config', 'weight_device', '*', 'weight'],
    ['volumes', '*', 'tmpfs', 'mode'],
    ['secrets', '*', 'mode'],
    ['configs', '*', 'mode'],
    ['build', 'secrets', '*', 'mode'],
    ['ports', '*', 'target'],
    ['deploy', 'update_config', 'parallelism'],
    ['deploy', 'rollback_config', 'parallelism'],
    ['deploy', 'restart_policy', 'max_attempts'],
    ['deploy', 'placement', 'max_replicas_per_node'],
  ].map((tail): Bound => ({ path: ['services', '*', ...tail], min: 0, unsigned: true })),
];

/** The number a value is: a number, or where Compose casts text (`castsString`) a whole number written as text. */
function numberOf(node: unknown, castsText: boolean): number | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'number') return node.value;
  return castsText && typeof node.value === 'string' && INTEGER.test(node.value) ? Number(node.value) : undefined;
}

function matches(bound: Bound, path: readonly (string | number)[]): boolean {
  return bound.path.length === path.length && bound.path.every((seg, i) => seg === '*' || seg === String(path[i]));
}

export const numberRange: FormatRule = {
  code: 'out-of-range',
  severity: DiagnosticSeverity.Error,
  check: {
    // Only a number is judged, and only where the spec takes one.
    applies: (spec) => spec.kinds.length === 0 || spec.kinds.includes('number') || spec.kinds.includes('integer'),
    accepted(v, report) {
      const n = numberOf(v.node, !!v.spec.castsString);
      if (n === undefined) return;
      const bound = BOUNDS.find((b) => matches(b, v.path));
      if (!bound) return;
      if ((n >= bound.min && (bound.max === undefined || n <= bound.max)) || bound.unless?.test(n)) return;
      const range = bound.max === undefined ? `greater than or equal to ${bound.min}` : `between ${bound.min} and ${bound.max}`;
      const why = bound.unsigned ? ': Compose reads it as an unsigned number and refuses a negative one ("overflows uint")' : '';
      report(valueRange(v), `${pathText(v.path)} must be ${range}${bound.unless?.words ?? ''}, not ${n}${throughAlias(v)}${why}.`);
    },
  },
};
