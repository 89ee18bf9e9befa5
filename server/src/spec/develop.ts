/** `develop`: what `docker compose watch` does when source files change. */
import { key, mapping, oneOf, stringOrList, text } from './common';
import { serviceHookItem } from './service-lifecycle';
import type { KeySpec } from './types';

const watchExample = `develop:
  watch:
    - action: sync
      path: ./src
      target: /app/src
      ignore:
        - node_modules/
    - action: rebuild
      path: package.json`;

const watchRule = mapping(
  'One rule: which files to watch and what to do when they change.',
  watchExample,
  {
    path: text('The file or folder to watch, relative to the Compose file.', `watch:
  - action: sync
    path: ./src
    target: /app/src`, { emptyRefused: 'Compose refuses the file ("value can\'t be blank")', hostPath: 'any' }),
    action: oneOf(
      ['rebuild', 'sync', 'restart', 'sync+restart', 'sync+exec'],
      'What to do on a change: `sync` copies the changed files into the container, `rebuild` rebuilds the image and replaces the container, `restart` restarts it, `sync+restart` does both, `sync+exec` syncs then runs `exec`.',
      `watch:
  - action: sync+restart
    path: ./config
    target: /etc/app`,
    ),
    target: text('Where in the container the changed files are copied to; the `sync` actions need it.', `watch:
  - action: sync
    path: ./src
    target: /app/src`),
    ignore: stringOrList('Patterns (as in .dockerignore, relative to `path`) of files whose changes are ignored.', `watch:
  - action: sync
    path: .
    target: /app
    ignore:
      - node_modules/`),
    include: stringOrList('Patterns of files to watch within `path`; other files are ignored.', `watch:
  - action: rebuild
    path: .
    include:
      - "*.go"`),
    exec: {
      ...serviceHookItem(
        'in the container after changed files are synced',
        `watch:
  - action: sync+exec
    path: ./web
    target: /app/web
    exec:
      command: ["npm", "run", "build"]`,
      ),
      doc: 'The command run in the container after changed files are synced (for `sync+exec`).',
    },
    initial_sync: key(['boolean'], 'Copies all watched files into the container once when watching starts, so it is not behind from the outset.', `watch:
  - action: sync
    path: ./src
    target: /app/src
    initial_sync: true`),
  },
  {
    required: ['path', 'action'],
    // Compose refuses a sync with nowhere to copy to ("target is required for non-rebuild actions"); `restart` needs none.
    requiredWhen: ['sync', 'sync+restart', 'sync+exec'].map((action) => ({ key: 'action', value: action, keys: ['target'] })),
  },
);

export const develop: KeySpec = key(
  ['mapping', 'null'],
  'Settings for working on the service: what `docker compose watch` does when you edit files, so the running container stays up to date without a manual rebuild.',
  watchExample,
  {
    extensions: true,
    properties: {
      watch: key(['list'], 'The rules `docker compose watch` follows: for each watched path, sync files into the container, rebuild or restart it.', watchExample, {
        items: watchRule,
      }),
    },
  },
);
