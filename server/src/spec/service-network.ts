/**
 * How a service finds and reaches others: `depends_on`, `links`, its
 * `networks`, `network_mode`, DNS and /etc/hosts.
 */
import { flag, key, oneOf, stringList, stringOrList, suggest, text } from './common';
import type { KeySpec } from './types';

/** The names Compose accepts for services, networks, volumes... (the schema's key pattern). */
export const NAME_PATTERN = '^[a-zA-Z0-9._-]+$';

const dependsOnExample = `depends_on:
  db:
    condition: service_healthy
  migrate:
    condition: service_completed_successfully`;

export const dependsOn: KeySpec = key(
  ['list', 'mapping'],
  'Starts these services before this one (and stops them after it). A plain list only waits for them to start; the mapping form can wait until they are healthy or have finished successfully.',
  dependsOnExample,
  {
    refersTo: 'service',
    uniqueItems: 'refused',
    keyPattern: NAME_PATTERN,
    items: text('A service to start before this one.', `depends_on:
  - db`, { refersTo: 'service' }),
    additional: key(
      ['mapping'],
      'A service to start before this one, and what to wait for.',
      dependsOnExample,
      {
        extensions: true,
        required: ['condition'],
        properties: {
          condition: oneOf(
            ['service_started', 'service_healthy', 'service_completed_successfully'],
            'What to wait for: `service_started` (the container is running), `service_healthy` (its healthcheck passes) or `service_completed_successfully` (it ran and exited with code 0, e.g. a migration).',
            `depends_on:
  db:
    condition: service_healthy`,
          ),
          restart: flag(
            'Restarts this service when Compose restarts or updates the dependency, e.g. so it reconnects.',
            `depends_on:
  db:
    condition: service_started
    restart: true`,
          ),
          required: key(
            ['boolean'],
            'With `false`, Compose starts this service without the dependency when the run leaves it out (a profile not enabled) or it fails to start, with a warning. A service no file defines is still refused. Defaults to `true`.',
            `depends_on:
  cache:
    condition: service_started
    required: false`,
            // Compose 2.26.1 refuses "false" and `${R:-false}` alike ("must be a boolean").
            { textRefused: true },
          ),
        },
      },
    ),
  },
);

export const links: KeySpec = stringList(
  'Lets this service reach another under an extra host name (`SERVICE:ALIAS`), and starts it first. Services on a shared network already reach each other by name, so this is rarely needed.',
  `links:
  - db
  - db:database`,
  { refersTo: 'service', format: 'service-dependency' },
);

export const externalLinks: KeySpec = stringList(
  'Links to containers started outside this Compose project, as `CONTAINER[:ALIAS]`; they must share a network with this service.',
  `external_links:
  - redis_1
  - project_db_1:mysql`,
  {},
  { uniqueItems: 'refused' },
);

const serviceNetworkProperties: Record<string, KeySpec> = {
  aliases: stringList(
    'More host names under which other containers on this network can reach the service, besides its name.',
    `networks:
  backend:
    aliases:
      - database`,
  ),
  interface_name: text(
    'The name of the network interface inside the container for this network (e.g. `eth1`).',
    `networks:
  backend:
    interface_name: eth1`,
  ),
  ipv4_address: text(
    'A fixed IPv4 address for the service on this network; it must lie in a subnet declared in the network\'s `ipam`.',
    `networks:
  backend:
    ipv4_address: 172.16.238.10`,
    // Empty, the engine gives the container an address of its choosing (measured with `up`).
    { format: 'ipv4-address', emptyIsNone: true },
  ),
  ipv6_address: text(
    'A fixed IPv6 address for the service on this network; the network needs IPv6 and a matching subnet.',
    `networks:
  backend:
    ipv6_address: 2001:3984:3989::10`,
    { format: 'ipv6-address' },
  ),
  link_local_ips: stringList(
    'Link-local addresses the container also answers to on this network.',
    `networks:
  backend:
    link_local_ips:
      - 169.254.8.8`,
    { format: 'ip-address' },
  ),
  mac_address: text(
    'The MAC address of the container\'s interface on this network.',
    `networks:
  backend:
    mac_address: 02:42:ac:11:00:02`,
    { format: 'mac-address' },
  ),
  driver_opts: key(['mapping'], 'Options passed to the network driver for this one connection.', `networks:
  backend:
    driver_opts:
      com.docker.network.endpoint.sysctls: "net.ipv4.conf.IFNAME.log_martians=1"`, {
    additional: key(['string', 'number'], 'The value of one driver option.', `driver_opts:
  com.docker.network.endpoint.ifname: eth3`, { keptAsText: true }),
  }),
  // Compose 2.26.1 refuses "2" and `${P:-2}` alike ("must be a number").
  priority: key(['number'], 'The order in which Compose connects the container to its networks: higher first.', `networks:
  frontend:
    priority: 1000`, { textRefused: true }),
  gw_priority: key(['number'], 'Which network provides the container\'s default gateway: the highest value wins.', `networks:
  frontend:
    gw_priority: 1`),
};

const networksExample = `networks:
  - frontend
  - backend`;

export const serviceNetworks: KeySpec = key(
  ['list', 'mapping'],
  'Connects the service to these networks from the top-level `networks` (instead of only the project\'s `default`). Services reach each other by name on any network they share.',
  `networks:
  frontend:
  backend:
    aliases:
      - api`,
  {
    refersTo: 'network',
    uniqueItems: 'refused',
    keyPattern: NAME_PATTERN,
    items: text('A network from the top-level `networks` to connect to.', networksExample, { refersTo: 'network' }),
    additional: key(
      ['mapping', 'null'],
      'A network from the top-level `networks` to connect to, with settings for this connection (or nothing, for the defaults).',
      `networks:
  backend:
    ipv4_address: 172.16.238.10`,
      { properties: serviceNetworkProperties, extensions: true },
    ),
  },
);

export const networkMode: KeySpec = suggest(
  ['bridge', 'host', 'none'],
  'Replaces Compose\'s networking for this container: `host` uses the host\'s network directly (no port mapping needed), `none` cuts it off, `service:NAME` or `container:NAME` shares another container\'s network stack.',
  `network_mode: host`,
  // Only `service:NAME` names a service of this project; `container:NAME` names any container.
  {
    refersTo: 'service',
    refersToPrefix: 'service:',
    format: 'namespace-mode',
    typoWarned: 'a network mode',
    // Measured: Compose passes any word on, and the engine then looks for a network of that name.
    typoOthers: 'Any other word names an existing network: the engine refuses one it cannot find when it starts the container ("network {word} not found").',
  },
);

export const dns: KeySpec = stringOrList(
  'DNS servers the container uses instead of Docker\'s defaults.',
  `dns:
  - 1.1.1.1
  - 8.8.8.8`,
);

export const dnsOpt: KeySpec = stringList(
  'Options written into the container\'s /etc/resolv.conf, such as `ndots:2` or `use-vc`.',
  `dns_opt:
  - ndots:2`,
);

export const dnsSearch: KeySpec = stringOrList(
  'Domains tried in turn when the container looks up a short host name.',
  `dns_search:
  - example.internal`,
);

const extraHostsExample = `extra_hosts:
  - "somehost=162.242.195.82"
  - "host.docker.internal:host-gateway"`;

export const extraHosts: KeySpec = key(
  ['mapping', 'list'],
  'Adds lines to the container\'s /etc/hosts. `host-gateway` as the address means the host machine, handy as `host.docker.internal` on Linux.',
  extraHostsExample,
  {
    uniqueItems: 'refused',
    items: text('One host entry: `HOST=IP` or `HOST:IP`.', extraHostsExample, { format: 'extra-host' }),
    additional: key(
      ['string', 'list'],
      'The address (or several addresses) for this host name.',
      `extra_hosts:
  somehost: 162.242.195.82`,
      { items: text('One address for this host name.', `extra_hosts:
  somehost:
    - 162.242.195.82
    - ::1`) },
    ),
  },
);

export const macAddress: KeySpec = text(
  'The MAC address of the container\'s network interface.',
  `mac_address: 02:42:ac:11:65:43`,
  { format: 'mac-address' },
);

export const hostname: KeySpec = text(
  'The host name the container sees for itself (`hostname` inside it). Other services still reach it by its service name.',
  `hostname: api-1`,
  { format: 'hostname' },
);

export const domainname: KeySpec = text(
  'The domain name the container sees for itself.',
  `domainname: example.internal`,
);
