// Classifies why a Compose (or docker) run failed, from its output, into a
// fault the user can act on: engine unreachable, socket permission, Compose
// missing, a Compose file with errors. Pure functions over text, unit-tested;
// the message never includes a stack trace (Compose v1 prints Python ones).

import { stripVTControlCharacters } from 'node:util';
import { engineFailure } from '../docker/engine';

export type FaultKind =
  | 'engine-unreachable'
  | 'permission-denied'
  | 'compose-missing'
  | 'compose-file-error'
  | 'port-allocated'
  | 'registry-network'
  | 'failed';

export interface Fault {
  kind: FaultKind;
  /** What happened, in one or two sentences. */
  message: string;
  /** What to do about it. */
  advice: string;
  /** Compose's own words, when they are the point (file errors). */
  detail?: string;
  /** Advice too long for a notification: the notification offers it behind a button. */
  guide?: Guide;
}

/** A page of advice in Markdown, opened from a notification's button. */
export interface Guide {
  /** The button, e.g. "How to Set a Proxy". */
  button: string;
  /** The page's name (its tab). */
  title: string;
  markdown: string;
}

export interface FaultContext {
  /** The engine address in use (for messages), e.g. unix:///var/run/docker.sock. */
  host?: string;
  /** Where that address came from (DOCKER_HOST, setting...). */
  hostSource?: string;
}

/** Drops Python tracebacks, ANSI colours and blank lines: what is left is Compose's message. */
export function cleanOutput(output: string): string[] {
  const lines = stripVTControlCharacters(output).replace(/\r/g, '\n').split('\n');
  const kept: string[] = [];
  let inTraceback = false;
  for (const line of lines) {
    if (/^Traceback \(most recent call last\):/.test(line)) {
      inTraceback = true;
      continue;
    }
    if (inTraceback) {
      // A traceback's frames are indented; its last line (`module.Error: text`) ends it.
      if (/^\s/.test(line) || line.trim() === '') continue;
      inTraceback = false;
      if (/^During handling of the above exception/.test(line)) continue;
      kept.push(line.replace(/^[\w.]+(Error|Exception): /, ''));
      continue;
    }
    if (/^During handling of the above exception/.test(line)) continue;
    if (line.trim()) kept.push(line.trimEnd());
  }
  return kept;
}

const ENGINE_UNREACHABLE = [
  /Cannot connect to the Docker daemon/i,
  /Couldn't connect to Docker daemon/i,
  /Is the docker daemon running\?/i,
  /Error while fetching server API version/i,
  /error during connect/i,
  /dial unix [^:]+: connect: (no such file or directory|connection refused)/i,
  /docker\.sock.*(no such file|connection refused)/i,
];

const PERMISSION_DENIED = [
  /permission denied while trying to connect to the Docker daemon/i,
  /dial unix [^:]+: connect: permission denied/i,
  /PermissionError\(13, 'Permission denied'\)/,
  /Got permission denied while trying to connect/i,
];

const COMPOSE_FILE_ERROR = [
  /The Compose file .* is invalid because/i,
  /yaml\.(scanner|parser|composer|constructor)\.\w+Error/,
  /^(ERROR: )?yaml: /m,
  /^validating .+: /m,
  /invalid compose project/i,
  /Unsupported config option/i,
  /Additional property .+ is not allowed/i,
  /additional properties? .+ not allowed/i,
  /Version in ".*" is unsupported/i,
  /(refers to|depends on|uses an) undefined (network|volume|service|secret|config)/i,
  /is used in service .* but no declaration was found/i,
  /no configuration file provided/i,
  /Can't find a suitable configuration file/i,
  /Top-level object must be a mapping/i,
  /In file .*: (service|volume|network) .* must be a mapping/i,
  /services\.[\w.-]+ (must be|Additional|contains)/i,
  /Invalid interpolation format/i,
  /required variable \S+ is missing a value/i,
];

function matchesAny(text: string, patterns: RegExp[]): boolean {
  return patterns.some((p) => p.test(text));
}

function hostPhrase(context: FaultContext): string {
  if (!context.host) return 'the Docker engine';
  const where = context.host.replace(/^unix:\/\//, '');
  return `the Docker engine at ${where}${context.hostSource ? ` (from ${context.hostSource})` : ''}`;
}

export function engineUnreachableFault(context: FaultContext, reason?: string): Fault {
  return {
    kind: 'engine-unreachable',
    message: `Cannot reach ${hostPhrase(context)}${reason ? `: ${reason}` : ''}.`,
    advice:
      'Is Docker running? Start it (`sudo systemctl start docker`, or start Docker Desktop), ' +
      'or point Dockhand at another engine with DOCKER_HOST, `docker context use`, or the setting dockhand.dockerHost.',
  };
}

export function permissionDeniedFault(context: FaultContext): Fault {
  return {
    kind: 'permission-denied',
    message: `Permission denied on ${hostPhrase(context)}: your user may not use the Docker socket.`,
    advice:
      'Add your user to the docker group (`sudo usermod -aG docker $USER`, then log out and in), ' +
      'or use rootless Docker and point DOCKER_HOST or dockhand.dockerHost at its socket.',
  };
}

export function composeMissingFault(message: string): Fault {
  return { kind: 'compose-missing', message, advice: '' };
}

/** The fault an engine/file/permission problem shows in output, or undefined when it is none of those. */
export function classifyFault(output: string, context: FaultContext = {}): Fault | undefined {
  if (matchesAny(output, PERMISSION_DENIED)) return permissionDeniedFault(context);
  if (matchesAny(output, ENGINE_UNREACHABLE)) return engineUnreachableFault(context);
  if (matchesAny(output, COMPOSE_FILE_ERROR)) {
    const detail = cleanOutput(output).slice(-12).join('\n');
    return {
      kind: 'compose-file-error',
      message: 'Compose rejected the project files.',
      advice: 'Fix the file as Compose says (the Problems panel shows Dockhand\'s own findings), then run the command again.',
      detail,
    };
  }
  return undefined;
}

/** A fault for an error thrown by dockerode, sorted by the engine layer's one classifier. */
export function classifyEngineError(error: unknown, context: FaultContext = {}): Fault {
  const failure = engineFailure(error);
  if (failure.kind === 'permission') return permissionDeniedFault(context);
  if (failure.kind === 'unreachable') return engineUnreachableFault(context, failure.code === 'ENOENT' ? 'no socket there' : failure.code);
  const text = String((error as { message?: unknown })?.message ?? error);
  return classifyFault(text, context) ?? { kind: 'failed', message: `The Docker engine answered with an error: ${text.split('\n')[0]}`, advice: '' };
}
