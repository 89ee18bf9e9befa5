/** A service's `build`: how Compose builds the image instead of pulling it. */
import { FROM_ENVIRONMENT, byteSize, flag, key, labelList, listOrDict, looseStringList, stringOrList, suggest, text } from './common';
import { extraHosts } from './service-network';
import { serviceConfigsOrSecrets } from './configs-secrets';
import { buildUlimits } from './service-runtime';
import type { KeySpec } from './types';

const buildProperties: Record<string, KeySpec> = {
  context: text(
    'The folder (relative to the Compose file) or Git/HTTP URL whose files the build can see; the Dockerfile is looked up there. Defaults to `.`.',
    `build:
  context: ./backend`,
    { hostPath: 'folder' },
  ),
  dockerfile: text(
    'The Dockerfile to use, relative to the context, when it is not called `Dockerfile`.',
    `build:
  context: .
  dockerfile: docker/Dockerfile.prod`,
    { hostPath: 'file', fromBuildContext: true },
  ),
  dockerfile_inline: text(
    'The Dockerfile itself, written in the Compose file, so no separate file is needed.',
    `build:
  dockerfile_inline: |
    FROM nginx:alpine
    COPY site /usr/share/nginx/html`,
  ),
  entitlements: looseStringList(
    'Extra privileges the build may use, such as `network.host` or `security.insecure`; the builder must allow them.',
    `build:
  entitlements:
    - network.host`,
  ),
  args: {
    ...listOrDict(
      'Values for the Dockerfile\'s `ARG`s. A key without a value takes it from your environment when Compose runs.',
      `build:
  args:
    NODE_VERSION: "20"
    GIT_COMMIT:`,
      'one build argument',
      FROM_ENVIRONMENT,
    ),
    namesBuildArgs: true,
  },
  ssh: {
    ...listOrDict(
      'SSH agents or keys the build may use (`RUN --mount=type=ssh`), e.g. to clone private repositories. `default` forwards your running agent.',
      `build:
  ssh:
    - default`,
      'one SSH source',
    ),
    uniqueItems: 'refused',
  },
  labels: labelList(
    'Labels stored in the built image\'s metadata.',
    `build:
  labels:
    org.opencontainers.image.source: https://example.com/repo`,
  ),
  cache_from: looseStringList(
    'Where the builder may find cached layers to reuse, e.g. an image in a registry or `type=local,src=path`.',
    `build:
  cache_from:
    - myorg/app:cache`,
  ),
  cache_to: looseStringList(
    'Where the builder exports its cache so later builds can reuse it.',
    `build:
  cache_to:
    - type=local,dest=.buildcache`,
  ),
  no_cache: flag(
    'Builds every step from scratch, ignoring cached layers.',
    `build:
  no_cache: true`,
  ),
  no_cache_filter: stringOrList(
    'Rebuilds these stages from scratch while still using the cache for the others.',
    `build:
  no_cache_filter: deps`,
  ),
  additional_contexts: listOrDict(
    'More named build contexts (folders, images as `docker-image://...`, other services as `service:NAME`) that the Dockerfile can use with `COPY --from=NAME` or `FROM NAME`.',
    `build:
  additional_contexts:
    shared: ../shared`,
    'one named context',
    'an empty value',
    'env-entry',
    // Compose 2.26.1 stops with a panic on a number, a boolean or nothing here: it reads every value as a path or URL.
    ['string'],
  ),
  network: suggest(
    ['default', 'none', 'host'],
    'The network `RUN` steps use during the build: `default`, `none` (builds offline) or `host` (the host\'s network). The name of a network works only with the classic builder: BuildKit, which Compose v2 builds with, refuses it.',
    `build:
  network: host`,
    {
      typoWarned: 'a build network',
      // Measured with Compose 2.26.1: "network mode "NAME" not supported by buildkit".
      typoOthers: 'Any other word names a network, which BuildKit, the builder Compose v2 uses, refuses ("network mode not supported by buildkit"); only the classic builder takes one.',
    },
  ),
  provenance: key(['string', 'boolean'], 'Attaches a provenance attestation (how and from what the image was built). `true`, `false` or an option string such as `mode=max`.', `build:
  provenance: mode=max`),
  sbom: key(['string', 'boolean'], 'Attaches a software bill of materials listing the image\'s packages. `true`, `false` or an option string.', `build:
  sbom: true`),
  pull: flag(
    'Pulls the newest version of the base images before building, instead of using what is already local.',
    `build:
  pull: true`,
  ),
  target: text(
    'Builds only up to this stage of a multi-stage Dockerfile (`FROM ... AS NAME`).',
    `build:
  target: dev`,
    { namesStage: true },
  ),
  shm_size: byteSize(
    'The size of /dev/shm for the build\'s `RUN` steps.',
    `build:
  shm_size: 256m`,
    ['integer', 'string'],
  ),
  extra_hosts: { ...extraHosts, doc: 'Extra host names and addresses written into /etc/hosts while building, as in `HOST:IP`.' },
  isolation: suggest(
    ['default', 'process', 'hyperv'],
    'The isolation used for build containers; only Windows has a choice.',
    `build:
  isolation: hyperv`,
  ),
  privileged: flag(
    'Runs the build with extended privileges (needs the `security.insecure` entitlement).',
    `build:
  privileged: true`,
  ),
  secrets: {
    ...serviceConfigsOrSecrets('secret', { modeTakesText: false }),
    doc: 'Secrets from the top-level `secrets` that `RUN --mount=type=secret,id=NAME` steps may read; they never end up in the image.',
    example: `build:
  secrets:
    - npm_token`,
  },
  tags: looseStringList(
    'More names to tag the built image with, besides `image`.',
    `build:
  tags:
    - myorg/app:latest
    - registry.local/app:1.0`,
    // The build refuses a tag it cannot read as an image name ("invalid tag ...: invalid reference format").
    { format: 'image-reference' },
  ),
  ulimits: { ...buildUlimits, doc: 'Resource limits (open files, processes...) for the build\'s `RUN` steps.' },
  platforms: looseStringList(
    'Builds the image for each of these platforms (a multi-platform image).',
    `build:
  platforms:
    - linux/amd64
    - linux/arm64`,
    { format: 'platform' },
  ),
};

export const build: KeySpec = key(
  ['string', 'mapping'],
  'Builds the image from a Dockerfile instead of (or before) pulling it. A string is the build context folder; a mapping sets context, Dockerfile, args, target and more. With `image` too, the built image gets that name.',
  `build:
  context: .
  dockerfile: Dockerfile
  args:
    APP_ENV: production`,
  {
    hostPath: 'folder',
    properties: buildProperties,
    extensions: true,
    // Compose refuses a build that names both: there would be two Dockerfiles.
    exclusive: [['dockerfile', 'dockerfile_inline']],
    // `c`: the folder before the cache options; `a`: build arguments before additional contexts.
    commonKeys: ['context', 'dockerfile', 'args', 'target'],
  },
);
