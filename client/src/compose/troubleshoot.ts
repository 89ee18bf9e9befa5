// Turns a failed Compose run's output into advice: a registry that cannot be
// reached (usually a proxy the engine does not know about), a host port that
// is already taken (named with its service), or one of the faults of
// faults.ts. Pure functions over text and the project's service list.
import { classifyFault, type Fault, type FaultContext, type Guide } from './faults';

export interface ServicePorts {
  name: string;
  /** Published ports as written in the file, e.g. "8080:80", "127.0.0.1:5432:5432", "9000-9001:9000-9001/udp". */
  ports: string[];
}

export interface TroubleshootContext extends FaultContext {
  services?: ServicePorts[];
  /** Compose's project name, to read service names out of container names. */
  projectName?: string;
}

/** The host ports a port entry publishes (ranges expanded); empty when it publishes none (container port only). */
export function publishedPorts(entry: string): number[] {
  const spec = entry.replace(/\/(tcp|udp|sctp)$/i, '');
  // [ip:]host:container, where ip may be [::1]; split from the right.
  const withoutIp = spec.replace(/^\[[^\]]*\]:/, '');
  const parts = withoutIp.split(':');
  if (parts.length < 2) return [];
  const host = parts[parts.length - 2];
  const range = /^(\d+)(?:-(\d+))?$/.exec(host);
  if (!range) return [];
  const start = Number(range[1]);
  const end = range[2] ? Number(range[2]) : start;
  const ports: number[] = [];
  for (let p = start; p <= end && ports.length < 1000; p++) ports.push(p);
  return ports;
}

/** The services that publish a host port. */
export function servicesPublishing(port: number, services: ServicePorts[]): string[] {
  return services.filter((s) => s.ports.some((entry) => publishedPorts(entry).includes(port))).map((s) => s.name);
}

/** A service name from a container name: proj-web-1 (v2) or proj_web_1 (v1). */
export function serviceFromContainerName(container: string, projectName?: string): string | undefined {
  let rest = container;
  if (projectName) {
    const prefix = [`${projectName}-`, `${projectName}_`].find((p) => container.startsWith(p));
    if (!prefix) return undefined;
    rest = container.slice(prefix.length);
  }
  const m = /^(.+?)[-_]\d+$/.exec(rest);
  if (!m) return undefined;
  return projectName ? m[1] : m[1].replace(/^[^-_]+[-_]/, '');
}

export interface PortConflict {
  port: number;
  hostIp?: string;
  service?: string;
}

/** Finds "port is already allocated" / "address already in use" and which service asked for the port. */
export function findPortConflict(output: string, context: TroubleshootContext = {}): PortConflict | undefined {
  const allocated = /Bind for (\[?[\d.:a-f]*\]?):(\d+) failed: port is already allocated/i.exec(output);
  const inUse = /listen (?:tcp|udp)[46]? (\[?[\d.:a-f]*\]?):(\d+): bind: address already in use/i.exec(output);
  const hit = allocated ?? inUse;
  if (!hit) return undefined;
  const port = Number(hit[2]);
  const conflict: PortConflict = { port, hostIp: hit[1] || undefined };
  const candidates = context.services ? servicesPublishing(port, context.services) : [];
  if (candidates.length === 1) conflict.service = candidates[0];
  else {
    // Compose names the failing service in the same message: "Cannot start service web:" (v1),
    // "endpoint proj-web-1" (v1 and v2), or "Error response from daemon ... for proj-web-1".
    const line = output.split('\n').find((l) => l.includes(hit[0])) ?? output;
    const named = /Cannot start service ([\w.-]+):/.exec(line) ?? /Cannot start service ([\w.-]+):/.exec(output);
    const endpoint = /endpoint ([\w.-]+) \(/.exec(line) ?? /endpoint ([\w.-]+) \(/.exec(output);
    const fromEndpoint = endpoint ? serviceFromContainerName(endpoint[1], context.projectName) : undefined;
    const service = named?.[1] ?? fromEndpoint;
    if (service && (candidates.length === 0 || candidates.includes(service))) conflict.service = service;
    else if (candidates.length > 1) conflict.service = candidates.join(' or ');
  }
  return conflict;
}

const REGISTRY_NETWORK = [
  /TLS handshake timeout/i,
  /Client\.Timeout exceeded/i,
  /request canceled while waiting for connection/i,
  /proxyconnect tcp/i,
  /dial tcp[^\n]*(i\/o timeout|connection refused|no route to host|network is unreachable|no such host)/i,
  /dial tcp: lookup [^\n]*(no such host|server misbehaving|i\/o timeout)/i,
  /net\/http: [^\n]*timeout/i,
  /Get "?https?:\/\/[^\s"]+\/v2\/"?: [^\n]*(timeout|EOF|reset by peer|refused)/i,
];

export interface RegistryProblem {
  registry?: string;
  /** Compose's own line about it. */
  line: string;
}

export function findRegistryProblem(output: string): RegistryProblem | undefined {
  const lines = output.split('\n');
  const line = lines.find((l) => REGISTRY_NETWORK.some((p) => p.test(l)));
  if (!line) return undefined;
  const registry = /https?:\/\/([^/\s"]+)\/v2\//.exec(line)?.[1] ?? /lookup ([^\s:]+)/.exec(line)?.[1];
  return { registry, line: line.trim() };
}

/** What a notification says about a registry it could not reach: the rest is in ENGINE_PROXY_GUIDE. */
export const ENGINE_PROXY_ADVICE = 'If you are behind a proxy, the Docker engine needs it too: it pulls images itself, not through your shell.';

export const ENGINE_PROXY_GUIDE: Guide = {
  button: 'How to Set a Proxy',
  title: 'Docker engine proxy',
  markdown: `# Setting a proxy for the Docker engine

The Docker engine (dockerd) pulls images itself, so a proxy set in your shell (\`HTTP_PROXY\`, \`HTTPS_PROXY\`) does not reach it. Replace \`http://proxy:3128\` below with your proxy's address.

## Docker 23 and later: daemon.json

Add to \`/etc/docker/daemon.json\` (create it if it does not exist):

\`\`\`json
{
  "proxies": {
    "http-proxy": "http://proxy:3128",
    "https-proxy": "http://proxy:3128",
    "no-proxy": "localhost,127.0.0.1"
  }
}
\`\`\`

Then restart the engine: \`sudo systemctl restart docker\`.

## Older engines: systemd

Create \`/etc/systemd/system/docker.service.d/http-proxy.conf\`:

\`\`\`ini
[Service]
Environment="HTTP_PROXY=http://proxy:3128"
Environment="HTTPS_PROXY=http://proxy:3128"
Environment="NO_PROXY=localhost,127.0.0.1"
\`\`\`

Then reload and restart: \`sudo systemctl daemon-reload && sudo systemctl restart docker\`.

## Docker Desktop

Settings > Resources > Proxies.

## Then

Check with \`docker info\` (it lists the proxies the engine uses) and run the Compose command again.
`,
};

/** The one thing most worth telling the user about a failed run, or undefined when the output says nothing we know. */
export function explainFailure(output: string, context: TroubleshootContext = {}): Fault | undefined {
  const fault = classifyFault(output, context);
  if (fault && fault.kind !== 'compose-file-error') return fault;
  const port = findPortConflict(output, context);
  if (port) {
    const where = port.hostIp && !/^(0\.0\.0\.0|\[?::\]?)$/.test(port.hostIp) ? `${port.hostIp}:${port.port}` : `${port.port}`;
    return {
      kind: 'port-allocated',
      message: `Port ${where} is already allocated${port.service ? `: service "${port.service}" publishes it` : ''}, and something else on the host already uses it.`,
      advice: `Stop whatever holds port ${port.port} (another container: \`docker ps --filter publish=${port.port}\`), or publish ${port.service ? `"${port.service}"` : 'the service'} on another host port.`,
    };
  }
  const registry = findRegistryProblem(output);
  if (registry) {
    return {
      kind: 'registry-network',
      // Compose's own line is in the run's output (the notification's Show Output): the toast stays two sentences.
      message: `Pulling failed: the registry${registry.registry ? ` ${registry.registry}` : ''} could not be reached, likely a proxy or network problem.`,
      advice: ENGINE_PROXY_ADVICE,
      guide: ENGINE_PROXY_GUIDE,
    };
  }
  return fault;
}
