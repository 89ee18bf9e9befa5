// Definition, references, highlight and rename from one table: each case is a
// fixture with the place asked at ($0, or the places listed in `at`) and every
// definition (`def`) and use (`use`) of the name there marked. All four
// features must agree with the marks, asked from each place: definition finds
// the defs, references the defs then the uses (in the project's order, which
// the sections follow), highlight this file's part of those in the same order
// (defs as writes), prepareRename offers the name, and rename changes exactly
// the marked ranges. A source that holds several names serves several cases,
// each with its own labels (`def-TAG`, `use-TAG`).
//
// What the table cannot say stays in definition.test.ts (a path opens a file,
// the editor's text over the disk, nothing where no name is),
// references.test.ts (no highlight on a top-level key) and rename.test.ts
// (refusals).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentHighlightKind } from 'vscode-languageserver';
import { definition } from '../../../server/src/features/definition';
import { documentHighlights } from '../../../server/src/features/highlight';
import { references } from '../../../server/src/features/references';
import { prepareRename, rename } from '../../../server/src/features/rename';
import { fixture, type Fixture, type Mark } from '../../support/fixture';

interface Case {
  readonly name: string;
  /** The name asked about: every mark must cover exactly it. */
  readonly symbol: string;
  /** What to rename it to. */
  readonly renameTo: string;
  readonly source: string;
  /** The places asked at (`$0` by default): from each, every feature must give the same answers. */
  readonly at?: readonly number[];
  /**
   * Where one source holds several names, each case is one of them: its marks
   * are labelled `def-TAG` and `use-TAG` instead of `def` and `use`.
   */
  readonly tag?: string;
}

/** One project asked about five names: included services and networks, an extends target, and that target's neighbour. */
const INCLUDES = `#- compose.yaml
include:
  - db/compose.yaml
  - path: cache/compose.yaml
    project_directory: cache
services:
  web:
    depends_on:
      - d$1b
#       ^^ use-db
      - r$2edis
#       ^^^^^ use-redis
    extends: {file: common/base.yaml, service: b$4ase}
#                                              ^^^^ use-base
    networks: [s$3hared]
#              ^^^^^^ use-shared
#- db/compose.yaml
services:
  db:
# ^^ def-db
    image: postgres
networks:
  shared: {}
# ^^^^^^ def-shared

#- cache/compose.yaml
services:
  redis:
# ^^^^^ def-redis
    image: redis

#- common/base.yaml
services:
  base:
# ^^^^ def-base
    image: busybox
  $6web:
#   ^^^ def-web
    image: other
`;

/** An extends target used in its own file and by the file that extends it, which has its own service of that name. */
const EXTENDS = `#- common.yaml
services:
  $1ba$0se:
#   ^^^^ def-target
    image: busybox
  other:
    extends: base
#            ^^^^ use-target
#- compose.yaml
services:
  web:
    extends: {file: common.yaml, service: $2base}
#                                           ^^^^ use-target
  $3base:
#   ^^^^ def-own
    image: not-the-same
`;

/** Files named by COMPOSE_FILE in .env form one project. */
const COMPOSE_FILE = `#- .env
COMPOSE_FILE=base.yml:dev.yml

#- base.yml
services:
  app:
# ^^^ def-app
    image: app
  db:
# ^^ def-db
    image: postgres

#- dev.yml
services:
  $2app:
#   ^^^ def-app
    depends_on: [$1db]
#                  ^^ use-db
`;

/** An anchor merged with <<, and a quoted service key used quoted. */
const QUOTED = `x-a: &common
#     ^^^^^^ def-common
  restart: always
services:
  "w$2eb":
#  ^^^ def-web
    <<: *c$1ommon
#        ^^^^^^ use-common
  api:
    depends_on: ["web"]
#                 ^^^ use-web
`;

const CASES: readonly Case[] = [
  {
    name: 'a service defined in compose.yaml and its override, used by every kind of reference',
    symbol: 'db',
    renameTo: 'database',
    at: [0, 1, 2],
    source: `#- compose.yaml
services:
  web:
    depends_on: [$2d$0b]
#                  ^^ use
    links: ["db:database"]
#            ^^ use
    volumes_from: ["db:ro", "container:db"]
#                   ^^ use
  db:
# ^^ def
    image: postgres
  tool:
    network_mode: service:db
#                         ^^ use
    extends: db
#            ^^ use
#- compose.override.yaml
services:
  $1db:
#   ^^ def
    ports: ["5432:5432"]
  admin:
    depends_on:
      db: {condition: service_healthy}
#     ^^ use
`,
  },
  {
    name: 'a network in list and map form',
    symbol: 'front',
    renameTo: 'edge',
    source: `services:
  web:
    networks: [front]
#              ^^^^^ use
  api:
    networks:
      front: {aliases: [x]}
#     ^^^^^ use
networks:
  fr$0ont: {}
# ^^^^^ def
`,
  },
  {
    name: 'a network asked at its definition\'s first character, among volumes and secrets',
    symbol: 'front',
    renameTo: 'edge',
    source: `services:
  web:
    networks: [front]
#              ^^^^^ use
    volumes: ["data:/d", {type: volume, source: data, target: /e}]
    secrets: [{source: tok, target: t}]
  api:
    networks:
      front: {aliases: [x]}
#     ^^^^^ use
    secrets: [tok]
networks:
  $0front: {}
#   ^^^^^ def
volumes:
  data: {}
secrets:
  tok: {file: ./t}`,
  },
  {
    name: 'a volume with an explicit name: the key and the uses, never the name',
    symbol: 'pgdata',
    renameTo: 'dbdata',
    source: `services:
  db:
    volumes: ["pgdata:/var/lib/postgresql/data"]
#              ^^^^^^ use
volumes:
  pg$0data:
# ^^^^^^ def
    name: pgdata
`,
  },
  {
    name: 'a volume in short and long syntax on one line',
    symbol: 'data',
    renameTo: 'store',
    source: `services:
  web:
    volumes: ["d$0ata:/d", {type: volume, source: data, target: /e}]
#              ^^^^ use                           ^^^^ use
volumes:
  data: {}
# ^^^^ def
`,
  },
  {
    name: 'a secret in long and short syntax',
    symbol: 'tok',
    renameTo: 'token',
    source: `services:
  web:
    secrets: [{source: tok, target: t}]
#                      ^^^ use
  api:
    secrets: [$0tok]
#             ^^^ use
secrets:
  tok: {file: ./t}
# ^^^ def
`,
  },
  {
    name: 'an anchor redefined later: only the aliases before the redefinition',
    symbol: 'x',
    renameTo: 'y',
    source: `a: &x 1
#   ^ def
b: *$0x
#   ^ use
c: &x 2
d: *x
`,
  },
  {
    name: 'an anchor redefined: the later one has only the aliases after it',
    symbol: 'x',
    renameTo: 'y',
    source: `a: &x 1
b: *x
c: &$0x 2
#   ^ def
d: *x
#   ^ use
e: *x
#   ^ use
`,
  },
  {
    name: 'an anchor given as a whole mapping value',
    symbol: 'env',
    renameTo: 'vars',
    source: `x-env: &env
#       ^^^ def
  A: 1
services:
  web:
    environment: *e$0nv
#                 ^^^ use
`,
  },
  { name: 'an anchor merged with <<, asked at an alias', symbol: 'common', renameTo: 'defaults', source: QUOTED, tag: 'common', at: [1] },
  { name: 'a quoted service key and a quoted use keep their quotes', symbol: 'web', renameTo: 'front', source: QUOTED, tag: 'web', at: [2] },
  {
    name: 'a service of an included file, used by the including project',
    symbol: 'db',
    renameTo: 'postgres',
    at: [0, 1],
    source: `#- db/compose.yaml
services:
  $1d$0b:
#   ^^ def
    image: postgres
#- compose.yaml
include:
  - path: ./db/compose.yaml
services:
  web:
    depends_on: [db]
#                ^^ use
`,
  },
  { name: 'an extends target, used in its own file and by the file that extends it', symbol: 'base', renameTo: 'template', source: EXTENDS, tag: 'target', at: [0, 1, 2] },
  { name: 'the extending file\'s own service of the same name is another service', symbol: 'base', renameTo: 'mine', source: EXTENDS, tag: 'own', at: [3] },
  { name: 'a service of an included file', symbol: 'db', renameTo: 'database', source: INCLUDES, tag: 'db', at: [1] },
  { name: 'a service of a file included with its own project_directory', symbol: 'redis', renameTo: 'cache', source: INCLUDES, tag: 'redis', at: [2] },
  { name: 'a network of an included file', symbol: 'shared', renameTo: 'common', source: INCLUDES, tag: 'shared', at: [3] },
  { name: 'the service extends names in another file, not a same-named one here', symbol: 'base', renameTo: 'template', source: INCLUDES, tag: 'base', at: [4] },
  { name: 'a service of an extends target file is not the including project\'s service of that name', symbol: 'web', renameTo: 'site', source: INCLUDES, tag: 'web', at: [6] },
  { name: 'a service used in another file named by COMPOSE_FILE', symbol: 'db', renameTo: 'database', source: COMPOSE_FILE, tag: 'db', at: [1] },
  { name: 'a service defined in two files named by COMPOSE_FILE', symbol: 'app', renameTo: 'api', source: COMPOSE_FILE, tag: 'app', at: [2] },
  {
    name: 'a service renamed in every file of the project, only the name part of each use',
    symbol: 'db',
    renameTo: 'database',
    source: `#- compose.yaml
include: [extra.yaml]
services:
  web:
    depends_on: [db]
#                ^^ use
    links: ["db:database", db]
#            ^^ use        ^^ use
    network_mode: "service:db"
#                          ^^ use
    volumes_from: [db:ro, "container:db"]
#                  ^^ use
  db:
# ^^ def
    image: postgres

#- compose.override.yaml
services:
  d$0b:
# ^^ def
    ports: ["5432:5432"]

#- extra.yaml
services:
  tool:
    depends_on:
      db: {condition: service_started}
#     ^^ use
    ipc: service:db
#                ^^ use
`,
  },
];

/** The fixture's files with each of `marks` replaced by `to`. */
function renamedByMarks(fx: Fixture, marks: readonly Mark[], to: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const file of new Set(marks.map((m) => m.file))) {
    const edits = marks.filter((m) => m.file === file).map((m) => ({ range: m.range, newText: to }));
    result[file] = fx.apply({ changes: { [fx.uri(file)]: edits } })[file]!;
  }
  return result;
}

for (const c of CASES) {
  test(`navigation table: ${c.name}`, (t) => {
    const fx = fixture(t, c.source);
    const def = c.tag ? `def-${c.tag}` : 'def';
    const use = c.tag ? `use-${c.tag}` : 'use';
    const ours = fx.marks.filter((m) => m.label === def || m.label === use);
    const defs = fx.marked(def);
    const uses = fx.marked(use);
    assert.ok(defs.length > 0, 'the case marks a definition');
    for (const mark of [...defs, ...uses]) assert.ok(mark.endsWith(`:${c.symbol}`), `the mark ${mark} covers "${c.symbol}"`);

    for (const n of c.at ?? [0]) {
      const asked = `asked at $${n}`;
      assert.deepEqual(fx.describe(definition(fx.at(n))).sort(), [...defs].sort(), `definition, ${asked}`);
      assert.deepEqual(fx.describe(references(fx.at(n), true)), [...defs, ...uses], `references with the declaration, ${asked}`);
      assert.deepEqual(fx.describe(references(fx.at(n), false)), uses, `references without the declaration, ${asked}`);

      // This file's part of the references, in their order: definitions (as writes) first.
      const here = fx.stops[n]!.file;
      const highlights = documentHighlights(fx.at(n)).map((h) => `${h.kind === DocumentHighlightKind.Write ? def : use}@${h.range.start.line}:${h.range.start.character}`);
      const inThisFile = (label: string) => ours.filter((m) => m.file === here && m.label === label).map((m) => `${label}@${m.range.start.line}:${m.range.start.character}`);
      assert.deepEqual(highlights, [...inThisFile(def), ...inThisFile(use)], `highlight, ${asked}`);

      const prepared = prepareRename(fx.at(n));
      assert.equal(prepared?.placeholder, c.symbol, `prepareRename, ${asked}`);
      assert.equal(fx.rangeText(here, prepared.range), c.symbol, `prepareRename's range, ${asked}`);
      const edit = rename(fx.at(n), c.renameTo);
      assert.ok(edit, `rename, ${asked}`);
      assert.deepEqual(fx.apply(edit), renamedByMarks(fx, ours, c.renameTo), `rename, ${asked}`);
    }
  });
}
