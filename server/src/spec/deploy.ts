/**
 * `deploy`: replicas, resources and restart policy, plus the Swarm-only
 * scheduling settings.
 *
 * What `docker compose` honours (as of Compose v2): `replicas`, `resources`
 * (limits and device reservations), and `restart_policy.condition` and
 * `max_attempts` (mapped onto the container's restart policy when `restart`
 * is not set). Everything about how a Swarm schedules and updates tasks —
 * `mode`, `endpoint_mode`, `placement`, `update_config`, `rollback_config`,
 * `labels` (put on the Swarm service, not the containers),
 * `restart_policy.delay`/`window` and `generic_resources` — only
 * `docker stack deploy` uses: those carry `swarmOnly`.
 */
import { byteSize, cutToWhole, duration, key, labelList, looseStringList, mapping, numeric, oneOf, text, whole } from './common';
import { deviceRequest } from './service-runtime';
import type { KeySpec } from './types';

const updateOrRollback = (kind: 'update' | 'rollback'): KeySpec => {
  const key_ = kind === 'update' ? 'update_config' : 'rollback_config';
  const [what, done] = kind === 'update' ? ['update', 'updated'] : ['roll back', 'rolled back'];
  const ex = (body: string) => `deploy:
  ${key_}:
    ${body}`;
  return mapping(
    kind === 'update'
      ? 'How Swarm replaces running containers when the service changes: how many at a time, how long to wait, what to do on failure.'
      : 'How Swarm rolls the service back when an update fails: how many containers at a time, how long to wait, what to do on failure.',
    ex('parallelism: 2\n    delay: 10s\n    order: start-first'),
    {
      parallelism: whole(`How many containers to ${what} at once; 0 means all together.`, ex('parallelism: 2')),
      delay: duration(`How long to wait after one batch of containers is ${done} before the next.`, ex('delay: 10s')),
      failure_action: oneOf(
        kind === 'update' ? ['continue', 'pause', 'rollback'] : ['continue', 'pause'],
        `What to do when the ${kind} fails: ${kind === 'update' ? '`pause` (default), `continue`, or `rollback` to the previous version' : '`pause` (default) or `continue`'}.`,
        ex(`failure_action: ${kind === 'update' ? 'rollback' : 'continue'}`),
        // `docker compose` loads any word here and leaves it to Swarm (measured on Compose 2.26.1): a warning.
        { swarmOnly: true },
      ),
      monitor: duration(`How long to watch each ${done} container for failure before moving on.`, ex('monitor: 30s')),
      max_failure_ratio: numeric(`The share of failed containers (0 to 1) tolerated during the ${kind}.`, ex('max_failure_ratio: 0.1')),
      order: oneOf(
        ['start-first', 'stop-first'],
        '`stop-first` (default) stops the old container before starting the new one; `start-first` starts the new one first, so there is no gap.',
        ex('order: start-first'),
        { swarmOnly: true },
      ),
    },
    { swarmOnly: true },
  );
};

const cpus = (doc: string, example: string) => numeric(doc, example, { format: 'cpus' });

const resources = mapping(
  'CPU, memory and device limits and reservations for each container of the service.',
  `deploy:
  resources:
    limits:
      cpus: "0.5"
      memory: 512M
    reservations:
      memory: 128M`,
  {
    limits: mapping(
      'The most each container may use; past the memory limit the kernel kills processes in it.',
      `resources:
  limits:
    cpus: "1.5"
    memory: 1G
    pids: 200`,
      {
        cpus: cpus('The most CPU time each container may use, in CPUs: `0.5` is half of one.', `limits:
  cpus: "0.5"`),
        memory: byteSize('The most memory each container may use, e.g. `512M` or `2G`.', `limits:
  memory: 512M`, ['string'], { format: 'memory' }),
        pids: whole('The most processes each container may run at once.', `limits:
  pids: 200`),
      },
    ),
    reservations: mapping(
      'What each container should be guaranteed. Swarm only places it on a node with this much to spare; `docker compose` passes memory on as a soft limit and hands out the `devices` (GPUs).',
      `resources:
  reservations:
    memory: 256M
    devices:
      - capabilities: [gpu]`,
      {
        cpus: cpus('CPUs set aside for each container.', `reservations:
  cpus: "0.25"`),
        memory: byteSize('Memory set aside for each container, e.g. `256M`.', `reservations:
  memory: 256M`, ['string'], { format: 'memory' }),
        generic_resources: key(
          ['list'],
          'Custom resources a Swarm node advertises (e.g. a number of GPUs or FPGAs) that each container needs.',
          `reservations:
  generic_resources:
    - discrete_resource_spec:
        kind: gpu
        value: 2`,
          {
            swarmOnly: true,
            items: mapping(
              'One custom resource to reserve.',
              `- discrete_resource_spec:
    kind: gpu
    value: 2`,
              {
                discrete_resource_spec: mapping(
                  'A countable resource: its kind and how many.',
                  `discrete_resource_spec:
  kind: ssd
  value: 1`,
                  {
                    kind: text('The kind of resource, as the nodes advertise it (e.g. `gpu`).', `kind: gpu`),
                    value: cutToWhole('How many units of it each container needs.', `value: 2`),
                  },
                ),
              },
            ),
          },
        ),
        devices: key(
          ['list'],
          'Devices, such as GPUs, that each container needs; they are given to it.',
          `reservations:
  devices:
    - driver: nvidia
      count: 1
      capabilities: [gpu]`,
          {
            items: deviceRequest(
              'One set of devices to give each container; `capabilities` says what kind.',
              `devices:
  - driver: nvidia
    count: all
    capabilities: [gpu]`,
              { required: ['capabilities'] },
            ),
          },
        ),
      },
    ),
  },
);

const restartPolicy = mapping(
  'When to restart the service\'s containers. `docker compose` uses `condition` and `max_attempts` when the service has no `restart`; Swarm uses all of it.',
  `deploy:
  restart_policy:
    condition: on-failure
    max_attempts: 3`,
  {
    condition: oneOf(
      ['none', 'on-failure', 'any'],
      'When to restart: `any` (default) whenever it exits, `on-failure` only after a non-zero exit, `none` never. `docker compose` also takes the engine\'s own words (`always`, `no`, `unless-stopped`); `docker stack deploy` does not.',
      `restart_policy:
  condition: on-failure`,
      // `docker compose` passes the engine's own words on as the container's restart policy (measured with `up` and
      // `docker inspect`); the engine refuses any other ("invalid restart policy").
      // Empty, the container gets no restart policy (measured with `up`).
      { composeAlsoTakes: ['always', 'no', 'unless-stopped'], emptyIsNone: true },
    ),
    delay: duration('How long to wait between restart attempts (default 5s).', `restart_policy:
  delay: 5s`, { swarmOnly: true }),
    max_attempts: whole('Gives up after this many restarts (by default it never gives up).', `restart_policy:
  max_attempts: 3`),
    window: duration('How long a restarted container must keep running for the restart to count as a success.', `restart_policy:
  window: 120s`, { swarmOnly: true }),
  },
);

const placement = mapping(
  'Which Swarm nodes may run the service\'s containers.',
  `deploy:
  placement:
    constraints:
      - node.role == manager`,
  {
    constraints: looseStringList('Conditions a node must meet, such as `node.role == manager` or `node.labels.disk == ssd`.', `placement:
  constraints:
    - node.labels.region == east`),
    preferences: key(['list'], 'How to spread containers over the nodes that qualify.', `placement:
  preferences:
    - spread: node.labels.zone`, {
      items: mapping('One spreading rule.', `- spread: node.labels.zone`, {
        spread: text('Spreads containers evenly over the values of this node label.', `- spread: node.labels.zone`),
      }),
    }),
    max_replicas_per_node: whole('The most containers of this service one node may run.', `placement:
  max_replicas_per_node: 1`),
  },
  { swarmOnly: true },
);

export const deploy: KeySpec = key(
  ['mapping', 'null'],
  'How the service runs as a whole: how many containers, how much CPU and memory each may use or needs, and how they restart. `docker compose` honours replicas, resources and restart policy; the rest only matters to `docker stack deploy` (Swarm).',
  `deploy:
  replicas: 2
  resources:
    limits:
      memory: 512M
  restart_policy:
    condition: on-failure`,
  {
    extensions: true,
    properties: {
      mode: oneOf(
        ['replicated', 'global', 'replicated-job', 'global-job'],
        '`replicated` runs `replicas` containers; `global` one on every Swarm node; the `-job` variants run to completion instead of staying up.',
        `deploy:
  mode: global`,
        { swarmOnly: true },
      ),
      endpoint_mode: oneOf(
        ['vip', 'dnsrr'],
        'How other services find this one in a Swarm: `vip` (default) through one virtual IP that balances the load, `dnsrr` through DNS returning every container\'s address.',
        `deploy:
  endpoint_mode: dnsrr`,
        { swarmOnly: true },
      ),
      replicas: whole('How many containers of this service to run (default 1).', `deploy:
  replicas: 3`),
      labels: {
        ...labelList('Labels put on the Swarm service itself (not on its containers: use the service\'s `labels` for those).', `deploy:
  labels:
    com.example.description: "API tier"`),
        swarmOnly: true,
      },
      rollback_config: updateOrRollback('rollback'),
      update_config: updateOrRollback('update'),
      resources,
      restart_policy: restartPolicy,
      placement,
    },
  },
);
