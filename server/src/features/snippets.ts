// Ready-made blocks that completion offers: whole services for common images
// (under `services:`), a port mapping, and the nested body of keys whose value
// is a block. Written as LSP snippets; `snippetToPlain` serves clients without
// snippet support.

export interface ServiceSnippet {
  /** What the user types to find it (also the default service name). */
  readonly label: string;
  readonly description: string;
  /** The whole service, from its name down, in LSP snippet syntax, indented from column 0. */
  readonly body: string;
}

// Images are pinned to a major version so a new release does not surprise anyone.
export const SERVICE_SNIPPETS: readonly ServiceSnippet[] = [
  {
    label: 'postgres',
    description: 'PostgreSQL database, with a healthcheck so dependants can wait for it',
    body: [
      '${1:db}:',
      '  image: postgres:${2:16}',
      '  environment:',
      '    POSTGRES_USER: ${3:app}',
      '    POSTGRES_PASSWORD: ${4:change-me}',
      '    POSTGRES_DB: ${5:app}',
      '  ports:',
      '    - "${6:5432}:5432"',
      '  healthcheck:',
      '    test: ["CMD-SHELL", "pg_isready -U ${3:app}"]',
      '    interval: 5s',
      '    retries: 10',
      '$0',
    ].join('\n'),
  },
  {
    label: 'mysql',
    description: 'MySQL database',
    body: [
      '${1:db}:',
      '  image: mysql:${2:8.4}',
      '  environment:',
      '    MYSQL_ROOT_PASSWORD: ${3:change-me}',
      '    MYSQL_DATABASE: ${4:app}',
      '  ports:',
      '    - "${5:3306}:3306"',
      '  healthcheck:',
      '    test: ["CMD", "mysqladmin", "ping", "-h", "localhost"]',
      '    interval: 5s',
      '    retries: 10',
      '$0',
    ].join('\n'),
  },
  {
    label: 'mariadb',
    description: 'MariaDB database',
    body: [
      '${1:db}:',
      '  image: mariadb:${2:11}',
      '  environment:',
      '    MARIADB_ROOT_PASSWORD: ${3:change-me}',
      '    MARIADB_DATABASE: ${4:app}',
      '  ports:',
      '    - "${5:3306}:3306"',
      '$0',
    ].join('\n'),
  },
  {
    label: 'mongo',
    description: 'MongoDB database',
    body: [
      '${1:mongo}:',
      '  image: mongo:${2:7}',
      '  environment:',
      '    MONGO_INITDB_ROOT_USERNAME: ${3:root}',
      '    MONGO_INITDB_ROOT_PASSWORD: ${4:change-me}',
      '  ports:',
      '    - "${5:27017}:27017"',
      '$0',
    ].join('\n'),
  },
  {
    label: 'redis',
    description: 'Redis cache',
    body: [
      '${1:redis}:',
      '  image: redis:${2:7-alpine}',
      '  ports:',
      '    - "${3:6379}:6379"',
      '  healthcheck:',
      '    test: ["CMD", "redis-cli", "ping"]',
      '    interval: 5s',
      '$0',
    ].join('\n'),
  },
  {
    label: 'nginx',
    description: 'nginx web server serving a local folder',
    body: [
      '${1:web}:',
      '  image: nginx:${2:alpine}',
      '  ports:',
      '    - "${3:8080}:80"',
      '  volumes:',
      '    - ${4:./html}:/usr/share/nginx/html:ro',
      '$0',
    ].join('\n'),
  },
  {
    label: 'rabbitmq',
    description: 'RabbitMQ message broker with its management UI',
    body: [
      '${1:rabbitmq}:',
      '  image: rabbitmq:${2:3-management}',
      '  ports:',
      '    - "${3:5672}:5672"',
      '    - "${4:15672}:15672"',
      '$0',
    ].join('\n'),
  },
  {
    label: 'node',
    description: 'A Node.js app built from the Dockerfile in a folder',
    body: [
      '${1:app}:',
      '  build: ${2:.}',
      '  ports:',
      '    - "${3:3000}:3000"',
      '  environment:',
      '    NODE_ENV: ${4:production}',
      '$0',
    ].join('\n'),
  },
  {
    label: 'service',
    description: 'An empty service running an image',
    body: ['${1:name}:', '  image: ${2:image}', '$0'].join('\n'),
  },
];

/**
 * A snippet offered where a value starts. `filterText` is the word that picks it, without the
 * quote or bracket its label starts with: VS Code filters the open list by what is typed, so a
 * label starting with `"` survived a typed `"`; inside that string VS Code asks the server no more
 * and opens nothing new, so the list stayed on screen, frozen, while the user typed `- "3000`
 * by hand, and an Enter there took `"8080:80"`. Without the quote in the word, the typed quote
 * empties the list and VS Code closes it.
 */
export interface ValueSnippet {
  readonly label: string;
  readonly filterText: string;
  readonly body: string;
  readonly description: string;
}

/** The items offered for one entry of `ports`. */
export const PORT_SNIPPETS: readonly ValueSnippet[] = [
  { label: '"HOST:CONTAINER"', filterText: 'HOST:CONTAINER', body: '"${1:8080}:${2:80}"', description: 'Publish a container port on a host port' },
  { label: '"127.0.0.1:HOST:CONTAINER"', filterText: '127.0.0.1:HOST:CONTAINER', body: '"127.0.0.1:${1:8080}:${2:80}"', description: 'Publish on this machine only' },
  { label: 'long syntax', filterText: 'long syntax', body: 'target: ${1:80}\n  published: "${2:8080}"\n  protocol: ${3|tcp,udp|}', description: 'target / published / protocol' },
];

/**
 * The list forms of a value whose list starts with one of a few words (a healthcheck's `test`: the spec's
 * `firstItem` values), by that word; offered in an empty value beside `${VAR}`.
 */
export const FIRST_WORD_SNIPPETS: Readonly<Record<string, ValueSnippet>> = {
  'CMD-SHELL': { label: '["CMD-SHELL", …]', filterText: 'CMD-SHELL', body: '["CMD-SHELL", "${1:curl -f http://localhost/ || exit 1}"]', description: 'Run a shell command: exit code 0 is healthy' },
  CMD: { label: '["CMD", …]', filterText: 'CMD', body: '["CMD", "${1:program}", "${2:argument}"]', description: 'Run a program directly, without a shell' },
  NONE: { label: '["NONE"]', filterText: 'NONE', body: '["NONE"]', description: "Turn off the image's own healthcheck" },
};

/**
 * The value block inserted after `key:` for keys whose value is usually a
 * block. Relative indentation; the client adds the line's own.
 */
export const KEY_BODY_SNIPPETS: Readonly<Record<string, string>> = {
  healthcheck: '\n  test: ${1:["CMD", "true"]}\n  interval: ${2:10s}\n  retries: ${3:3}',
  ports: '\n  - "${1:8080}:${2:80}"',
  expose: '\n  - "${1:3000}"',
  depends_on: '\n  - ${1}',
  environment: '\n  ${1:KEY}: ${2:value}',
  labels: '\n  ${1:com.example.key}: ${2:value}',
  build: '\n  context: ${1:.}\n  dockerfile: ${2:Dockerfile}',
  logging: '\n  driver: ${1:json-file}\n  options:\n    max-size: ${2:10m}',
  deploy: '\n  replicas: ${1:1}',
  resources: '\n  limits:\n    cpus: "${1:0.5}"\n    memory: ${2:512M}',
  restart_policy: '\n  condition: ${1|on-failure,any,none|}',
  extends: '\n  file: ${1:common.yaml}\n  service: ${2}',
  ulimits: '\n  nofile:\n    soft: ${1:20000}\n    hard: ${2:40000}',
  // With a target: the sync actions need one (Compose refuses the rule without), and `rebuild` ignores it.
  develop: '\n  watch:\n    - action: ${1|sync,rebuild,sync+restart,restart,sync+exec|}\n      path: ${2:./src}\n      target: ${3:/app/src}',
  watch: '\n  - action: ${1|sync,rebuild,sync+restart,restart,sync+exec|}\n    path: ${2:./src}\n    target: ${3:/app/src}',
  ipam: '\n  config:\n    - subnet: ${1:172.28.0.0/16}',
  external: ' ${1|true,false|}',
};

/** Snippet syntax -> the text it inserts with every placeholder at its default. */
export function snippetToPlain(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length) {
      out += snippet[++i];
      continue;
    }
    if (c !== '$') {
      out += c;
      continue;
    }
    const tabstop = /^\$(\d+)/.exec(snippet.slice(i));
    if (tabstop) {
      i += tabstop[0].length - 1;
      continue;
    }
    if (snippet[i + 1] === '{') {
      const close = matchingBrace(snippet, i + 2);
      const body = snippet.slice(i + 2, close < 0 ? snippet.length : close);
      const choice = /^\d+\|([^|]*)\|$/.exec(body);
      const placeholder = /^\d+:(.*)$/s.exec(body);
      if (choice) out += choice[1].split(',')[0];
      else if (placeholder) out += snippetToPlain(placeholder[1]);
      i = close < 0 ? snippet.length : close;
      continue;
    }
    out += c;
  }
  return out;
}

function matchingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Text that goes into a snippet literally: `$`, `}` and `\` would otherwise mean something. */
export function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}
