/** A service's `ports` (published to the host) and `expose` (container-only). */
import { key, mapping, oneOf, suggest, text, whole } from './common';
import type { KeySpec } from './types';

const portsExample = `ports:
  - "8080:80"          # host 8080 -> container 80
  - "127.0.0.1:5432:5432"
  - target: 443
    published: 8443`;

const longPort = mapping(
  'One published port in the long form: each part of the mapping is its own key, which reads more clearly than `HOST:CONTAINER`.',
  `ports:
  - target: 80
    published: "8080"
    protocol: tcp`,
  {
    name: text(
      'A name for this mapping, so people and tools can tell what the port is for.',
      `ports:
  - name: web
    target: 80`,
    ),
    target: whole(
      'The port the process listens on inside the container (CONTAINER_PORT). Other services on the same network reach it at this port, whatever is published.',
      `ports:
  - target: 80`,
    ),
    published: whole(
      'The port (or range, `8000-8010`) opened on the host (HOST_PORT). Leave it out to let Docker pick a free host port.',
      `ports:
  - target: 80
    published: "8080"`,
      // A range is a string Compose keeps as it is.
      { castsString: false },
    ),
    host_ip: text(
      'The host address to listen on. `127.0.0.1` keeps the port reachable from this machine only; without it the port listens on every interface.',
      `ports:
  - target: 5432
    published: "5432"
    host_ip: 127.0.0.1`,
    ),
    protocol: oneOf(
      ['tcp', 'udp', 'sctp'],
      'The transport protocol to publish; TCP unless you say otherwise.',
      `ports:
  - target: 53
    published: "53"
    protocol: udp`,
      // Empty, the engine publishes TCP (measured with `up`).
      { emptyIsNone: true },
    ),
    app_protocol: suggest(
      ['http', 'https', 'http2', 'grpc', 'ws', 'wss'],
      'The application protocol spoken on this port, as a hint for tools that route traffic; Docker itself does not use it.',
      `ports:
  - target: 8080
    app_protocol: http`,
    ),
    mode: oneOf(
      ['host', 'ingress'],
      '`ingress` spreads incoming connections over all replicas through Swarm\'s routing mesh; `host` publishes the port on the node that runs each container. Plain `docker compose` always publishes on the host.',
      `ports:
  - target: 80
    published: "8080"
    mode: host`,
      { swarmOnly: true },
    ),
  },
);

export const ports: KeySpec = key(
  ['list'],
  'Publishes container ports on the host so programs outside Docker can connect. `HOST_PORT:CONTAINER_PORT`: the left number is opened on the host, the right one is where the process listens in the container. A container port alone is published on a random host port.',
  portsExample,
  {
    uniqueItems: true,
    items: key(
      ['number', 'string', 'mapping'],
      'One published port: `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`, a container port number, or the long form with `target`, `published`, `host_ip`, `protocol`, `mode`.',
      portsExample,
      {
        format: 'port-mapping',
        properties: longPort.properties,
        extensions: true,
        // The schema lets `target` out, but Docker cannot publish a port without knowing the container's.
        required: ['target'],
        snippet: '"${1:8080}:${2:80}"',
      },
    ),
  },
);

export const expose: KeySpec = key(
  ['list'],
  'Declares ports the service listens on, for other containers only: nothing is opened on the host. Services on the same network can reach any port anyway; this documents intent and feeds tools that read it.',
  `expose:
  - "3000"
  - "8000-8010/udp"`,
  {
    uniqueItems: true,
    // A number written with a fraction (or an exponent) is refused: "unsupported expose value".
    items: key(['string', 'integer'], 'A container port, a range (`8000-8010`) or either with a protocol (`53/udp`).', `expose:
  - "3000"`, { format: 'expose', snippet: '"${1:3000}"' }),
  },
);
