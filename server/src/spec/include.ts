/** `include`: other Compose applications pulled into this one. */
import { key, stringOrList, text } from './common';
import type { KeySpec } from './types';

const includeExample = `include:
  - ../shared/compose.yaml
  - path: ./backend/compose.yaml
    env_file: ./backend/.env`;

// Measured on Compose 2.26.1: an empty path is the project's folder, which it cannot read as a file.
const EMPTY_PATH = 'Compose refuses the file (an empty path names the folder: "is a directory")';
const EMPTY_ENV_FILE = 'Compose refuses the file (an empty path names the folder: "is not a file")';

export const include: KeySpec = key(
  ['list'],
  'Loads other Compose files as parts of this application, each with its own folder and `.env`, so teams can keep their own files. Their services, networks and volumes join this project.',
  includeExample,
  {
    items: key(
      // Nothing (`- `) is an entry Compose skips.
      ['string', 'mapping', 'null'],
      'One Compose file to include: its path, or a mapping with `path`, `env_file`, `project_directory`.',
      includeExample,
      {
        emptyRefused: EMPTY_PATH,
        hostPath: 'file',
        // Compose does not check an entry's keys: one it does not know is skipped without a word.
        unknownKeysIgnored: true,
        properties: {
          path: stringOrList('The Compose file to include, or several that are merged like override files.', `include:
  - path:
      - ./db/compose.yaml
      - ./db/compose.override.yaml`, { emptyRefused: EMPTY_PATH, hostPath: 'file' }, { emptyRefused: EMPTY_PATH, hostPath: 'file' }),
          env_file: stringOrList('The .env file(s) used to interpolate the included files, instead of the one beside them.', `include:
  - path: ./db/compose.yaml
    env_file: ./db/.env.prod`, { emptyRefused: EMPTY_ENV_FILE, hostPath: 'file' }, { emptyRefused: EMPTY_ENV_FILE, hostPath: 'file' }),
          project_directory: text('The folder that relative paths in the included files are resolved from; their own folder by default.', `include:
  - path: ./db/compose.yaml
    project_directory: .`, { hostPath: 'folder' }),
        },
      },
    ),
  },
);
