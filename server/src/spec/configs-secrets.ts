/**
 * Configs and secrets: the top-level definitions (where the content comes
 * from) and a service's grants (where the file appears in its container).
 */
import { cutToWhole, driverOptions, external, key, labelList, mapping, numberOnly, suggest, text } from './common';
import { NAME_PATTERN } from './service-network';
import type { KeySpec } from './types';

/**
 * A service's `configs` or `secrets` (also `build.secrets`): which ones it may read, and where. Compose 2.26.1
 * reads a service's `mode` from text too, but decodes a build secret's as a number only ("expected type 'uint32',
 * got unconvertible type 'string'", also from a variable), which the schema allows: `modeTakesText: false`.
 */
export function serviceConfigsOrSecrets(kind: 'config' | 'secret', { modeTakesText = true } = {}): KeySpec {
  const isSecret = kind === 'secret';
  const plural = isSecret ? 'secrets' : 'configs';
  const defaultPath = isSecret ? '/run/secrets/NAME' : '/NAME';
  const example = `${plural}:
  - ${isSecret ? 'db_password' : 'app_config'}
  - source: ${isSecret ? 'api_key' : 'nginx_conf'}
    target: ${isSecret ? '/run/secrets/key' : '/etc/nginx/nginx.conf'}`;
  return key(
    ['list'],
    `Gives the service read access to ${plural} from the top-level \`${plural}\`: each appears as a file in the container, at \`${defaultPath}\` unless \`target\` says otherwise.`,
    example,
    {
      // Compose keeps one of two equal entries and drops the other (checked with `config`).
      uniqueItems: true,
      items: key(
        ['string', 'mapping'],
        `A ${kind} to mount: its name, or a mapping with \`source\` and where and how to mount it.`,
        example,
        {
          refersTo: kind,
          extensions: true,
          properties: {
            source: text(`The name of the ${kind} in the top-level \`${plural}\`.`, `${plural}:
  - source: ${isSecret ? 'api_key' : 'nginx_conf'}`, { refersTo: kind }),
            target: text(
              `Where the file appears in the container. A bare name is placed in \`${isSecret ? '/run/secrets/' : '/'}\`. Defaults to \`${defaultPath}\`.`,
              `${plural}:
  - source: ${isSecret ? 'api_key' : 'nginx_conf'}
    target: ${isSecret ? 'api_key.txt' : '/etc/nginx/nginx.conf'}`,
            ),
            uid: text('The user id that owns the file in the container (as a string). Defaults to 0, root.', `${plural}:
  - source: ${isSecret ? 'api_key' : 'nginx_conf'}
    uid: "103"`),
            gid: text('The group id that owns the file in the container (as a string). Defaults to 0, root.', `${plural}:
  - source: ${isSecret ? 'api_key' : 'nginx_conf'}
    gid: "103"`),
            mode: (modeTakesText ? cutToWhole : numberOnly)(
              modeTakesText
                ? `The file's permission bits, in octal: write them unquoted (\`0440\`); Compose reads a quoted \`"0440"\` as the decimal number 440. Defaults to \`${isSecret ? '0400' : '0444'}\` (read-only${isSecret ? ' for the owner' : ''}).`
                : `The file's permission bits, in octal, written unquoted (\`0440\`): a build takes no text here. Defaults to \`0400\` (read-only for the owner).`,
              `${plural}:
  - source: ${isSecret ? 'api_key' : 'nginx_conf'}
    mode: 0440`,
              { permissionBits: true },
            ),
          },
        },
      ),
    },
  );
}

const templateDriver = (kind: string, plural: string) =>
  suggest(['golang'], `Renders the ${kind} as a template before handing it to containers; \`golang\` uses Go templates. Swarm only.`, `${plural}:
  app_${kind}:
    file: ./${kind}.tmpl
    template_driver: golang`, { swarmOnly: true });

const configExample = `configs:
  nginx_conf:
    file: ./nginx.conf
  app_settings:
    content: |
      debug=false`;

export const configDefinition: KeySpec = mapping(
  'A config: non-secret content (a file, inline text or an environment variable) that services can mount as a file.',
  configExample,
  {
    name: text('The real name of the config in Docker; by default Compose prefixes the key with the project name.', `configs:
  app_config:
    name: myapp-config-v2
    file: ./config.json`),
    content: text(
      'The content itself, written in the Compose file. `${VAR}`s in it are interpolated.',
      `configs:
  app_settings:
    content: |
      port=8080
      name=\${COMPOSE_PROJECT_NAME}`,
    ),
    environment: text('Takes the content from this environment variable.', `configs:
  app_token:
    environment: APP_TOKEN`),
    file: text('Takes the content from this file, relative to the Compose file.', `configs:
  nginx_conf:
    file: ./nginx.conf`, { hostPath: 'file' }),
    external: external('config', `configs:
  shared_conf:
    external: true
    name: shared-config`),
    labels: labelList('Labels put on the config.', `configs:
  nginx_conf:
    file: ./nginx.conf
    labels:
      com.example.tier: web`),
    template_driver: templateDriver('config', 'configs'),
  },
  {
    // Compose refuses a config with more than one source of content, or none ("one of file|environment|content must be set").
    exclusive: [['file', 'environment'], ['file', 'content'], ['environment', 'content'], ['name', 'external.name']],
    requiredOneOf: { keys: ['file', 'environment', 'content'], unlessTrue: 'external' },
  },
);

const secretExample = `secrets:
  db_password:
    file: ./secrets/db_password.txt
  api_key:
    environment: API_KEY`;

export const secretDefinition: KeySpec = mapping(
  'A secret: sensitive content (a file or an environment variable) that services can read as a file under /run/secrets, kept out of the image and of `docker inspect`.',
  secretExample,
  {
    name: text('The real name of the secret in Docker; by default Compose prefixes the key with the project name.', `secrets:
  db_password:
    name: prod-db-password
    file: ./db_password.txt`),
    environment: text('Takes the secret from this environment variable.', `secrets:
  api_key:
    environment: API_KEY`, { emptyRefused: 'Compose refuses the file ("must declare either `file` or `environment`"), used or not' }),
    file: text('Takes the secret from this file, relative to the Compose file.', `secrets:
  db_password:
    file: ./secrets/db_password.txt`, { hostPath: 'file' }),
    external: external('secret', `secrets:
  db_password:
    external: true
    name: prod_db_password`),
    labels: labelList('Labels put on the secret.', `secrets:
  db_password:
    file: ./db_password.txt
    labels:
      com.example.env: prod`),
    driver: text('A secrets driver plugin that provides the value instead of a file or variable. Swarm only.', `secrets:
  vault_token:
    driver: vault`, { swarmOnly: true }),
    // Compose refuses a number with a fraction here (a secret's options are strings to it), not in a network's or volume's.
    driver_opts: driverOptions('Options for the secrets driver.', `secrets:
  vault_token:
    driver: vault
    driver_opts:
      path: secret/app`, ['string', 'integer']),
    template_driver: templateDriver('secret', 'secrets'),
  },
  {
    // Compose refuses a secret with both a file and a variable as its source, or neither (a `driver` alone is for Swarm).
    exclusive: [['file', 'environment'], ['name', 'external.name']],
    requiredOneOf: { keys: ['file', 'environment'], unlessTrue: 'external' },
  },
);

export const configsMap: KeySpec = key(
  ['mapping'],
  'Configs services can mount as files: each key names one, its value says where the content comes from.',
  configExample,
  { additional: configDefinition, keyPattern: NAME_PATTERN },
);

export const secretsMap: KeySpec = key(
  ['mapping'],
  'Secrets services can read as files under /run/secrets: each key names one, its value says where the content comes from.',
  secretExample,
  { additional: secretDefinition, keyPattern: NAME_PATTERN },
);
