/** Top-level `networks`: the networks services can join. */
import { driverOptions, external, flag, key, labelList, mapping, suggest, text } from './common';
import type { KeySpec } from './types';

export const ipamConfig = mapping(
  'One address range for the network.',
  `config:
  - subnet: 172.28.0.0/16
    ip_range: 172.28.5.0/24
    gateway: 172.28.5.254`,
  {
    subnet: text('The network\'s addresses, in CIDR notation.', `- subnet: 172.28.0.0/16`, { format: 'cidr' }),
    ip_range: text('The part of the subnet from which containers get addresses (CIDR).', `- subnet: 172.28.0.0/16
  ip_range: 172.28.5.0/24`, { format: 'cidr' }),
    gateway: text('The gateway address of the subnet.', `- subnet: 172.28.0.0/16
  gateway: 172.28.0.1`, { format: 'ip-address' }),
    aux_addresses: key(['mapping'], 'Addresses the driver must not hand to containers, each under a host name.', `- subnet: 172.28.0.0/16
  aux_addresses:
    router: 172.28.1.5`, {
      additional: text('The address reserved for this host name.', `aux_addresses:
  router: 172.28.1.5`, { format: 'ip-address' }),
    }),
  },
);

const ipam = mapping(
  'How addresses are given out on the network: custom subnets, ranges and gateways.',
  `networks:
  backend:
    ipam:
      config:
        - subnet: 172.28.0.0/16`,
  {
    // `up` fails on a driver nothing provides ('plugin "defualt" not found'): a word close to `default` is a typo.
    driver: suggest(['default'], 'The address-management driver; `default` unless a plugin provides another.', `ipam:
  driver: default`, { typoWarned: 'the engine\'s address-management driver', typoOthers: 'Another may come from a plugin; the engine refuses one that nothing provides when `up` creates the network ("plugin "{word}" not found").' }),
    config: key(['list'], 'The address ranges of the network.', `ipam:
  config:
    - subnet: 172.28.0.0/16`, { items: ipamConfig }),
    options: key(['mapping'], 'Options for the address-management driver.', `ipam:
  options:
    foo: bar`, {
      additional: text('The value of one option.', `options:
  foo: bar`),
    }),
  },
);

/** The options the engine's `bridge` driver reads from `driver_opts`, and what each does (rules/bridgeOptions.ts judges their values). */
const BRIDGE_OPTION_DOCS = {
  'com.docker.network.bridge.name': 'The name of the Linux bridge the engine makes for this network, instead of `br-` and the network\'s id (handy in firewall rules): at most 15 characters, no spaces, `/` or `:`. Not `docker0`, the engine\'s own.',
  'com.docker.network.bridge.enable_icc': 'Whether containers on this network may reach each other (`"true"` by default); `"false"` leaves each one only the outside world. Quoted: the engine reads the text.',
  'com.docker.network.bridge.enable_ip_masquerade': 'Whether the host gives the containers\' outgoing traffic its own address (`"true"` by default), so they reach networks outside the host. Quoted: the engine reads the text.',
  'com.docker.network.bridge.host_binding_ipv4': 'The host address a published port binds to when the port names none (by default, every address of the host).',
  'com.docker.network.bridge.inhibit_ipv4': 'Keeps the engine from giving the bridge itself an IPv4 address (`"false"` by default), for a bridge whose address is set up elsewhere. Quoted: the engine reads the text.',
  'com.docker.network.driver.mtu': 'The largest packet, in bytes, that containers on this network send (the bridge\'s MTU, 1500 unless the daemon says otherwise).',
  'com.docker.network.container_iface_prefix': 'The start of the network interface\'s name inside each container (`eth` by default, giving eth0, eth1...).',
} as const;

export type BridgeDriverOption = keyof typeof BRIDGE_OPTION_DOCS;

const networkExample = `networks:
  backend:
    driver: bridge
    internal: true`;

export const networkDefinition: KeySpec = key(
  ['mapping', 'null'],
  'A network services can join. Compose creates it as `PROJECT_KEY` (`myapp_backend`) unless `name` or `external` says otherwise; containers on it reach each other by service name.',
  networkExample,
  {
    extensions: true,
    exclusive: [['name', 'external.name']],
    // `e`: `external` before the IP version switches.
    commonKeys: ['driver', 'external', 'name', 'ipam'],
    properties: {
      name: text('The network\'s real name in Docker, used as is, instead of the project-prefixed key.', `networks:
  shared:
    name: company-shared
    external: true`),
      // Not `host` or `none`: the engine has one network of each and makes no other (rules/networkDrivers.ts).
      driver: suggest(['bridge', 'overlay', 'macvlan', 'ipvlan'], 'The network driver: `bridge` (default) for one host, `overlay` across Swarm nodes, `macvlan`/`ipvlan` to appear on the physical network. For the host\'s own network, a service sets `network_mode: host` instead.', `networks:
  backend:
    driver: bridge`, { typoWarned: 'a network driver the engine ships' }),
      driver_opts: driverOptions('Options for the network driver; for `bridge`, e.g. the Linux bridge\'s name (at most 15 characters), the MTU, or whether containers on it may talk to each other (`enable_icc`).', `networks:
  backend:
    driver_opts:
      com.docker.network.bridge.name: br-backend`, undefined, BRIDGE_OPTION_DOCS),
      ipam,
      external: external('network', `networks:
  proxy:
    external: true
    name: traefik_proxy`),
      internal: flag('Cuts the network off from the outside world: containers on it can only reach each other.', `networks:
  backend:
    internal: true`),
      enable_ipv4: flag('Gives containers IPv4 addresses on this network (on by default); `false` makes an IPv6-only network.', `networks:
  v6only:
    enable_ipv4: false
    enable_ipv6: true`),
      enable_ipv6: flag('Gives containers IPv6 addresses on this network too.', `networks:
  backend:
    enable_ipv6: true`),
      attachable: flag('Lets standalone containers (`docker run --network`) join this overlay network too, not only services.', `networks:
  shared:
    driver: overlay
    attachable: true`),
      labels: labelList('Labels put on the network.', `networks:
  backend:
    labels:
      com.example.tier: data`),
    },
  },
);

export const networksMap: KeySpec = key(
  ['mapping'],
  'Networks services can join. Every project also gets a `default` network that services join when they name none; declare `default` here to change it.',
  networkExample,
  // No pattern for the names: Compose's schema sets none here (unlike for services, volumes, secrets and configs),
  // and Compose 2.26.1 with the engine creates and joins `my net`, `a/b` or `ünï` (measured). A service's own
  // `networks:` mapping does refuse such a key (service-network.ts); its list form takes it.
  { additional: networkDefinition },
);
