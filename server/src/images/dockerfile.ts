// The ports a Dockerfile's stage EXPOSEs, read the way the builder reads
// them: line continuations, the `escape` directive, stages (`FROM ... AS
// name`, a stage built on an earlier one inherits its EXPOSE), `ARG`
// defaults (overridden by Compose's `build.args`) and `ENV` values in
// `$VAR` / `${VAR}` / `${VAR:-default}`. What cannot be resolved is left out
// and makes the answer incomplete rather than wrong.
import { interpolateText } from '../model/interpolation';
import { boundedMemo } from '../spec/boundedMemo';

export interface ExposedPort {
  readonly from: number;
  readonly to: number;
  readonly protocol: string;
}

export interface DockerfileExposure {
  readonly ports: ExposedPort[];
  /** The image the stage chain starts from (`node:22`), unless it is `scratch`; its own EXPOSE comes with it. */
  readonly baseImage?: string;
  /** An EXPOSE with a value that could not be resolved (an ARG without a default...). */
  readonly unresolved: boolean;
  /** The stage read: the `target`, or the last one. */
  readonly stage?: string;
}

interface Instruction {
  readonly keyword: string;
  readonly args: string;
  /** The line it starts on (0-based). */
  readonly line: number;
}

interface Stage {
  /** In lower case, as the builder compares it. */
  readonly name?: string;
  /** As the Dockerfile writes it. */
  readonly written?: string;
  readonly base: string;
  readonly instructions: Instruction[];
  /** The line of its FROM. */
  readonly line: number;
}

export function parsePort(text: string): ExposedPort | undefined {
  const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(text.trim());
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = Number(m[2] ?? m[1]);
  if (from < 1 || to > 65535 || to < from) return undefined;
  return { from, to, protocol: (m[3] ?? 'tcp').toLowerCase() };
}

export function showPort(p: ExposedPort): string {
  return `${p.from === p.to ? p.from : `${p.from}-${p.to}`}/${p.protocol}`;
}

/** The instructions of a Dockerfile, continuation lines joined, comments dropped. */
function instructions(text: string): Instruction[] {
  const lines = text.split(/\r?\n/);
  let escape = '\\';
  // Parser directives come first, before any instruction or other comment.
  for (const line of lines) {
    const directive = /^#\s*([a-z]+)\s*=\s*(\S+)\s*$/i.exec(line);
    if (!directive) break;
    if (directive[1]!.toLowerCase() === 'escape' && (directive[2] === '`' || directive[2] === '\\')) escape = directive[2]!;
  }
  const out: Instruction[] = [];
  let current = '';
  let first = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trimEnd();
    if (current === '' && /^\s*#/.test(line)) continue;
    if (current !== '' && /^\s*#/.test(line)) continue; // comments inside a continued instruction are dropped
    if (current === '') first = index;
    if (line.endsWith(escape)) {
      current += line.slice(0, -1) + ' ';
      continue;
    }
    current += line;
    const m = /^\s*([A-Za-z]+)\s*(.*)$/.exec(current);
    if (m) out.push({ keyword: m[1]!.toUpperCase(), args: m[2]!.trim(), line: first });
    current = '';
  }
  return out;
}

function splitStages(list: readonly Instruction[]): { globalArgs: Instruction[]; stages: Stage[] } {
  const globalArgs: Instruction[] = [];
  const stages: Stage[] = [];
  for (const ins of list) {
    if (ins.keyword === 'FROM') {
      const words = ins.args.split(/\s+/).filter((w) => !w.startsWith('--'));
      const as = words.findIndex((w) => w.toLowerCase() === 'as');
      const written = as >= 0 ? words[as + 1] : undefined;
      stages.push({ base: words[0] ?? '', name: written?.toLowerCase(), written, instructions: [], line: ins.line });
    } else if (stages.length === 0) {
      if (ins.keyword === 'ARG') globalArgs.push(ins);
    } else stages[stages.length - 1]!.instructions.push(ins);
  }
  return { globalArgs, stages };
}

/**
 * The names of a Dockerfile's stages (`FROM ... AS name`), in lower case as the builder compares them
 * with a `target`; undefined when a name is not literal (the builder's own error, not a target's).
 */
export function stageNames(text: string): string[] | undefined {
  const names: string[] = [];
  for (const stage of splitStages(instructions(text)).stages) {
    if (stage.name === undefined) continue;
    if (stage.name.includes('$')) return undefined;
    names.push(stage.name);
  }
  return names;
}

/** What a Compose file may name of a Dockerfile: its stages' names as written, and each `ARG` once with its first default. */
export interface DockerfileNames {
  /** Stages named literally (`FROM ... AS name`), in order, as written, with the line of their FROM (0-based). */
  readonly stages: readonly { readonly name: string; readonly base: string; readonly line: number }[];
  /** `ARG`s, before the first `FROM` and in every stage, in order of first declaration, with its line; `value`: the first default given. */
  readonly args: readonly { readonly name: string; readonly value?: string; readonly line: number }[];
}

/**
 * Remembered per text: every run asks it of each service that builds with `args`, and a large project's
 * services often build from one Dockerfile.
 */
export const dockerfileNames: (text: string) => DockerfileNames = boundedMemo(32, readDockerfileNames);

function readDockerfileNames(text: string): DockerfileNames {
  const { globalArgs, stages } = splitStages(instructions(text));
  const args = new Map<string, { name: string; value?: string; line: number }>();
  const declare = (ins: Instruction) => {
    for (const [name, value] of assignments(ins)) {
      const known = args.get(name);
      if (!known) args.set(name, value === undefined ? { name, line: ins.line } : { name, value, line: ins.line });
      else if (known.value === undefined && value !== undefined) known.value = value;
    }
  };
  for (const ins of globalArgs) declare(ins);
  for (const stage of stages) for (const ins of stage.instructions) if (ins.keyword === 'ARG') declare(ins);
  return {
    stages: stages.flatMap((s) => (s.written && !s.written.includes('$') ? [{ name: s.written, base: s.base, line: s.line }] : [])),
    args: [...args.values()],
  };
}

/** `ARG A=1 B` and `ENV A=1 B=2` / `ENV A 1` as name/value pairs (value undefined when not given). */
function assignments(ins: Instruction): [string, string | undefined][] {
  if (ins.keyword === 'ENV' && !ins.args.includes('=')) {
    const m = /^(\S+)\s+(.*)$/.exec(ins.args);
    return m ? [[m[1]!, unquote(m[2]!)]] : [];
  }
  const out: [string, string | undefined][] = [];
  for (const m of ins.args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g)) out.push([m[1]!, m[2] === undefined ? undefined : unquote(m[2])]);
  return out;
}

function unquote(text: string): string {
  const t = text.trim();
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) return t.slice(1, -1);
  return t;
}

/**
 * What the stage `target` (or the last stage) exposes. `buildArgs` are
 * Compose's `build.args` (they override ARG defaults).
 */
export function dockerfileExposure(text: string, target: string | undefined, buildArgs: ReadonlyMap<string, string>): DockerfileExposure | undefined {
  const { globalArgs, stages } = splitStages(instructions(text));
  if (stages.length === 0) return undefined;
  const globals = new Map<string, string | undefined>();
  for (const ins of globalArgs) for (const [name, value] of assignments(ins)) globals.set(name, buildArgs.get(name) ?? value);
  const index = target ? stages.findIndex((s) => s.name === target.toLowerCase()) : stages.length - 1;
  if (index < 0) return undefined;

  const ports: ExposedPort[] = [];
  let unresolved = false;
  let baseImage: string | undefined;
  const seen = new Set<number>();
  // Walk from the target down its chain of earlier stages.
  for (let at = index; at >= 0 && !seen.has(at); ) {
    seen.add(at);
    const stage = stages[at]!;
    const vars = new Map<string, string | undefined>();
    for (const ins of stage.instructions) {
      if (ins.keyword === 'ARG') {
        for (const [name, value] of assignments(ins)) vars.set(name, buildArgs.get(name) ?? value ?? globals.get(name));
      } else if (ins.keyword === 'ENV') {
        for (const [name, value] of assignments(ins)) vars.set(name, value === undefined ? undefined : expand(value, vars).text);
      } else if (ins.keyword === 'EXPOSE') {
        for (const word of ins.args.split(/\s+/).filter(Boolean)) {
          const { text: value, complete } = expand(word, vars);
          const port = complete ? parsePort(value) : undefined;
          if (port) ports.push(port);
          else unresolved = true;
        }
      }
    }
    const base = expand(stage.base, globals).text.toLowerCase();
    const earlier = stages.findIndex((s, i) => i < at && s.name === base);
    if (earlier >= 0) at = earlier;
    else {
      if (base !== 'scratch') baseImage = expand(stage.base, globals).text;
      break;
    }
  }
  return { ports, baseImage, unresolved, stage: stages[index]!.name };
}

function expand(text: string, vars: ReadonlyMap<string, string | undefined>): { text: string; complete: boolean } {
  if (!text.includes('$')) return { text, complete: true };
  const result = interpolateText(text, (name) => vars.get(name));
  return { text: result.text, complete: result.missing.length === 0 && result.errors.length === 0 };
}
