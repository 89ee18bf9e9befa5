// Definition, references, highlight and rename from one table: each case is a
// fixture with the cursor ($0) and every definition (`def`) and use (`use`) of
// the name under it marked. All four features must agree with the marks:
// definition finds the defs, references the defs then the uses (in the
// project's order, which the sections follow), highlight this file's marks
// (defs as writes), and rename changes exactly the marked ranges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentHighlightKind } from 'vscode-languageserver';
import { definition } from '../../../server/src/features/definition';
import { documentHighlights } from '../../../server/src/features/highlight';
import { references } from '../../../server/src/features/references';
import { rename } from '../../../server/src/features/rename';
import { fixture, type Fixture } from '../../support/fixture';

interface Case {
  readonly name: string;
  /** The name at the cursor: every mark must cover exactly it. */
  readonly symbol: string;
  /** What to rename it to. */
  readonly renameTo: string;
  readonly source: string;
}

const CASES: readonly Case[] = [
  {
    name: 'a service defined in compose.yaml and its override, used by every kind of reference',
    symbol: 'db',
    renameTo: 'database',
    source: `#- compose.yaml
services:
  web:
    depends_on: [d$0b]
#                ^^ use
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
  db:
# ^^ def
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
    name: 'a service of an included file, used by the including project',
    symbol: 'db',
    renameTo: 'postgres',
    source: `#- db/compose.yaml
services:
  d$0b:
# ^^ def
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
  {
    name: 'an extends target, used in its own file and by the file that extends it',
    symbol: 'base',
    renameTo: 'template',
    source: `#- common.yaml
services:
  ba$0se:
# ^^^^ def
    image: busybox
  other:
    extends: base
#            ^^^^ use
#- compose.yaml
services:
  web:
    extends: {file: common.yaml, service: base}
#                                         ^^^^ use
  base:
    image: not-the-same
`,
  },
];

/** The fixture's files with every marked range replaced by `to`. */
function renamedByMarks(fx: Fixture, to: string): Record<string, string> {
  const result: Record<string, string> = {};
  const files = [...new Set(fx.marks.map((m) => m.file))];
  for (const file of files) {
    const edits = fx.marks.filter((m) => m.file === file).map((m) => ({ range: m.range, newText: to }));
    result[file] = fx.apply({ changes: { [fx.uri(file)]: edits } })[file]!;
  }
  return result;
}

for (const c of CASES) {
  test(`navigation table: ${c.name}`, (t) => {
    const fx = fixture(t, c.source);
    const defs = fx.marked('def');
    const uses = fx.marked('use');
    for (const mark of [...defs, ...uses]) assert.ok(mark.endsWith(`:${c.symbol}`), `the mark ${mark} covers "${c.symbol}"`);

    assert.deepEqual(fx.describe(definition(fx.atCursor())).sort(), [...defs].sort(), 'definition');
    assert.deepEqual(fx.describe(references(fx.atCursor(), true)), [...defs, ...uses], 'references with the declaration');
    assert.deepEqual(fx.describe(references(fx.atCursor(), false)), uses, 'references without the declaration');

    const here = fx.cursor!.file;
    const highlights = documentHighlights(fx.atCursor()).map((h) => `${h.kind === DocumentHighlightKind.Write ? 'def' : 'use'}@${h.range.start.line}:${h.range.start.character}`);
    const marked = fx.marks.filter((m) => m.file === here).map((m) => `${m.label}@${m.range.start.line}:${m.range.start.character}`);
    assert.deepEqual(highlights.sort(), marked.sort(), 'highlight');

    const edit = rename(fx.atCursor(), c.renameTo);
    assert.ok(edit, 'rename');
    assert.deepEqual(fx.apply(edit), renamedByMarks(fx, c.renameTo), 'rename');
  });
}
