/**
 * One service: what it runs (image, build, command), its environment and
 * metadata. The keys of other areas (runtime limits, networking, storage,
 * lifecycle, deploy) are gathered here into the service's mapping.
 */
import { FROM_ENVIRONMENT, command, flag, key, labelList, listOrDict, mapping, oneOf, stringList, suggest, text, whole } from './common';
import { build } from './build';
import { serviceConfigsOrSecrets } from './configs-secrets';
import { deploy } from './deploy';
import { develop } from './develop';
import { serviceModels } from './models';
import { expose, ports } from './ports';
import { healthcheck, logging, postStart, preStart, preStop, restart, stopGracePeriod, stopSignal } from './service-lifecycle';
import {
  dependsOn,
  dns,
  dnsOpt,
  dnsSearch,
  domainname,
  externalLinks,
  extraHosts,
  hostname,
  links,
  macAddress,
  networkMode,
  serviceNetworks,
} from './service-network';
import { confinementKeys, resourceKeys } from './service-runtime';
import { serviceVolumes, tmpfs, volumesFrom } from './service-volumes';
import type { KeySpec } from './types';

const envFileExample = `env_file:
  - .env
  - path: ./local.env
    required: false`;

const envFile = key(
  ['string', 'list'],
  'Sets environment variables in the container from files of `KEY=value` lines, read in order (later files win; `environment` wins over all).',
  envFileExample,
  {
    hostPath: 'file',
    items: key(['string', 'mapping'], 'One file of variables: its path, or a mapping with `path`, `required`, `format`.', envFileExample, {
      hostPath: 'file',
      required: ['path'],
      properties: {
        path: text('The file, relative to the Compose file.', `env_file:
  - path: ./app.env`, { hostPath: 'file' }),
        required: flag('With `false`, a missing file is skipped instead of being an error. Defaults to `true`.', `env_file:
  - path: ./local.env
    required: false`),
        // Compose refuses any other format ("unsupported env_file format"); `raw` came in Compose 2.30.
        format: oneOf(['raw'], 'How the file is read: Compose\'s own .env rules by default; `raw` takes every value literally, without quotes or interpolation (Compose 2.30 or later).', `env_file:
  - path: ./app.env
    format: raw`),
      },
    }),
  },
);

const extendsSpec = key(
  ['string', 'mapping'],
  'Starts from another service\'s settings (in this file or another) and adds or overrides keys here. A string names a service of this file.',
  `extends:
  file: common.yaml
  service: base`,
  {
    refersTo: 'service',
    properties: {
      service: text('The service to start from.', `extends:
  service: base`, { refersTo: 'service' }),
      file: text('The Compose file that defines that service, relative to this one; this file by default.', `extends:
  file: ./common-services.yml
  service: webapp`, { hostPath: 'file' }),
    },
    required: ['service'],
  },
);

const provider = mapping(
  'Hands the service to an external tool instead of running a container: Compose calls the provider to set up and tear down what the service stands for (a cloud database, a tunnel...), and passes what it reports to dependent services.',
  `provider:
  type: awesomecloud
  options:
    type: mysql
    size: 256`,
  {
    type: text('The provider: a Docker CLI plugin or a program on your PATH that Compose calls.', `provider:
  type: model`),
    options: key(['mapping'], 'Settings passed to the provider as command-line flags.', `provider:
  type: awesomecloud
  options:
    size: 256`, {
      // The provider's own flags: any value may go there, so `true`/`false` are not offered (they opened on every `name: `).
      additional: key(['string', 'number', 'boolean', 'list'], 'One setting for the provider; a list passes the flag once per item.', `options:
  size: 256`, {
        freeText: true,
        items: key(['string', 'number', 'boolean'], 'One value of the setting.', `options:
  region:
    - eu-west-1
    - eu-west-2`, { freeText: true }),
      }),
    }),
  },
  { required: ['type'] },
);

const pullPolicy = key(
  ['string'],
  'When Compose pulls the image: `missing` (default, only if absent), `always`, `never`, `build` (build it instead), `refresh`, or periodically: `daily`, `weekly`, `every_12h`.',
  `pull_policy: always`,
  {
    values: ['always', 'never', 'missing', 'build', 'if_not_present', 'refresh', 'daily', 'weekly'],
    // `every_<duration>` (e.g. `every_2d12h`) cannot be listed, so the pattern decides.
    openValues: true,
    pattern: '^(always|never|build|if_not_present|missing|refresh|daily|weekly|every_([0-9]+[wdhms])+)$',
  },
);

const identityKeys: Record<string, KeySpec> = {
  image: text('The image to run: `NAME[:TAG]` or `NAME@DIGEST`, from Docker Hub or a registry host. With `build`, the name given to the built image.', `image: postgres:16-alpine`, { namesImage: true, format: 'image-reference' }),
  build,
  container_name: text('A fixed container name instead of `PROJECT-SERVICE-N`. Names are unique per host, so the service cannot be scaled beyond one.', `container_name: my-web`, {
    pattern: '^[a-zA-Z0-9][a-zA-Z0-9_.-]+$',
    emptyIsNone: true,
  }),
  platform: suggest(['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'windows/amd64'], 'The platform to pull or build the image for, when it differs from the host (emulated if need be).', `platform: linux/amd64`, { format: 'platform' }),
  pull_policy: pullPolicy,
  pull_refresh_after: text('With `pull_policy: refresh`, how old the local image may get before Compose pulls it again (e.g. `24h`).', `pull_policy: refresh
pull_refresh_after: 24h`, { format: 'duration' }),
  profiles: stringList('Puts the service in these profiles: it only starts when one of them is enabled (`--profile NAME` or `COMPOSE_PROFILES`). Services without profiles always start.', `profiles:
  - debug`),
  labels: labelList('Labels put on the service\'s containers (metadata for tools such as Traefik).', `labels:
  com.example.team: payments
  traefik.enable: "true"`),
  label_file: key(['string', 'list'], 'Reads container labels from files of `KEY=value` lines.', `label_file:
  - ./labels.txt`, { hostPath: 'file', items: text('One file of labels.', `label_file:
  - ./labels.txt`, { hostPath: 'file' }) }),
  annotations: listOrDict('OCI annotations put on the containers (read by low-level runtimes, not by Docker itself).', `annotations:
  com.example.foo: bar`, 'one annotation', 'an empty value',
    // Compose and the engine take any list entry here (`""` and `=x` too: checked with `up`), unlike the environment.
    null),
  extends: extendsSpec,
  provider,
  scale: whole('How many containers of this service to run (`deploy.replicas` says the same).', `scale: 3`),
  attach: flag('With `false`, `docker compose up` does not show this service\'s output.', `attach: false`),
  models: serviceModels,
  develop,
  deploy,
};

const processKeys: Record<string, KeySpec> = {
  command: command('Replaces the image\'s default command (`CMD`). A list runs the program directly; a string is split into words like a shell would, without running one.', `command: ["npm", "run", "start"]`),
  entrypoint: command('Replaces the image\'s `ENTRYPOINT`, the program that runs `command`; an empty list removes it.', `entrypoint: ["/docker-entrypoint.sh"]`),
  working_dir: text('The folder processes start in inside the container, instead of the image\'s `WORKDIR`.', `working_dir: /app`, { format: 'absolute-path' }),
  environment: listOrDict('Environment variables set in the container. A key without a value takes its value from your shell (or `.env`) when Compose runs.', `environment:
  POSTGRES_USER: app
  POSTGRES_PASSWORD: \${DB_PASSWORD}`, 'one variable', FROM_ENVIRONMENT),
  env_file: envFile,
  tty: flag('Gives the container a terminal, like `docker run -t`; some programs change their output with one.', `tty: true`),
  stdin_open: flag('Keeps the container\'s input open, like `docker run -i`, so you can `docker attach` and type.', `stdin_open: true`),
  restart,
  stop_signal: stopSignal,
  stop_grace_period: stopGracePeriod,
  healthcheck,
  logging,
  pre_start: preStart,
  post_start: postStart,
  pre_stop: preStop,
};

const connectionKeys: Record<string, KeySpec> = {
  ports,
  expose,
  networks: serviceNetworks,
  network_mode: networkMode,
  depends_on: dependsOn,
  links,
  external_links: externalLinks,
  hostname,
  domainname,
  mac_address: macAddress,
  dns,
  dns_opt: dnsOpt,
  dns_search: dnsSearch,
  extra_hosts: extraHosts,
};

const storageKeys: Record<string, KeySpec> = {
  volumes: serviceVolumes,
  volumes_from: volumesFrom,
  tmpfs,
  configs: serviceConfigsOrSecrets('config'),
  secrets: serviceConfigsOrSecrets('secret'),
};

export const serviceDefinition: KeySpec = mapping(
  'A service: one kind of container in the application (a web server, a database...), run from an image with its settings. Other services reach it on the network by its name.',
  `services:
  web:
    image: nginx:alpine
    ports:
      - "8080:80"
    depends_on:
      - api`,
  { ...identityKeys, ...processKeys, ...connectionKeys, ...storageKeys, ...resourceKeys, ...confinementKeys },
  {
    // Compose refuses both: `network_mode` replaces the networks the service would join.
    exclusive: [['network_mode', 'networks']],
    // Where a prefix fits several keys, the one services write most (`p`: `ports`, not `pid`; `e`: `environment`, not `entrypoint`).
    commonKeys: ['image', 'build', 'ports', 'environment', 'volumes', 'depends_on', 'command', 'restart', 'networks', 'env_file', 'healthcheck', 'container_name', 'labels', 'entrypoint', 'expose', 'deploy', 'profiles', 'extends', 'user', 'working_dir', 'secrets', 'configs'],
  },
);
