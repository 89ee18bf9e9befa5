// Completion of paths on the host (spec `hostPath`): the entries of the
// folder typed so far, from the folder Compose reads the path from, each item
// replacing the last segment only; folders written with their `/` and asking
// for the list again; no list on a space after the key, and none where the
// value is no path.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemKind, CompletionTriggerKind, type CompletionItem } from 'vscode-languageserver';
import { fixture, labels } from '../../support/fixture';

const f = fixture(after, {
  'compose.yaml': 'services: {}\n',
  '.env': 'A=1\n',
  '.git/HEAD': 'ref\n',
  'app/Dockerfile': 'FROM busybox\n',
  'app/docker/Dockerfile.prod': 'FROM busybox\n',
  'config/app.env': 'B=2\n',
  'config/db.env': 'C=3\n',
  'db/compose.yaml': 'services: {}\n',
});

const service = (lines: string) => `services:\n  web:\n    image: nginx\n${lines}`;

/** The items but the typed text's own, each with the columns it replaces. */
function offered(items: readonly CompletionItem[]): string[] {
  return items.filter((i) => i.detail !== 'as typed').map((i) => {
    const edit = i.textEdit && 'range' in i.textEdit ? i.textEdit : undefined;
    return `${i.label}@${edit?.range.start.character}-${edit?.range.end.character}`;
  });
}

test('an env file: the entries of the project folder, folders with their / and asking for the list again, version control left out', () => {
  const items = f.completion(service('    env_file: ./$0\n'));
  assert.deepEqual(offered(items), ['.env@16-16', 'app/@16-16', 'compose.yaml@16-16', 'config/@16-16', 'db/@16-16']);
  const folder = items.find((i) => i.label === 'config/')!;
  assert.equal(folder.kind, CompletionItemKind.Folder);
  assert.equal(folder.command?.command, 'editor.action.triggerSuggest');
  assert.equal(items.find((i) => i.label === '.env')!.kind, CompletionItemKind.File);
  // Folders first where a file is asked for.
  assert.ok(folder.sortText! < items.find((i) => i.label === '.env')!.sortText!);
});

test('inside a folder: its entries, replacing the segment typed (to the next /), filtered by it', () => {
  assert.deepEqual(offered(f.completion(service('    env_file: config/a$0\n'))), ['app.env@21-22']);
  assert.deepEqual(offered(f.completion(service('    env_file:\n      - config/$0\n'))), ['app.env@15-15', 'db.env@15-15']);
  // The cursor inside a segment: the whole segment is replaced, what follows the / stays.
  assert.deepEqual(offered(f.completion(service('    env_file: ./con$0fig/app.env\n'))), ['config/@16-22']);
  // In quotes too.
  assert.deepEqual(offered(f.completion(service('    env_file: "./con$0"\n'))), ['config/@17-20']);
});

test('a name typed in full closes the list, so Enter ends the line; its / goes on into a folder', () => {
  assert.deepEqual(offered(f.completion(service('    env_file: ./config$0\n'))), []);
  assert.deepEqual(offered(f.completion('services:\n  web:\n    build:\n      context: ./app\n      dockerfile: Dockerfile$0\n')), []);
  assert.deepEqual(offered(f.completion(service('    env_file: ./config/$0\n'))), ['app.env@23-23', 'db.env@23-23']);
});

test('a path not there yet is kept: the typed text comes first', () => {
  const items = f.completion(service('    env_file: ./con$0\n'));
  assert.deepEqual(labels(items), ['con', 'config/']);
  assert.equal(items[0]!.preselect, true);
});

test('a build context is a folder: folders only; a Dockerfile is read from the build context', () => {
  assert.deepEqual(offered(f.completion('services:\n  web:\n    build: ./$0\n')), ['app/@13-13', 'config/@13-13', 'db/@13-13']);
  assert.deepEqual(offered(f.completion('services:\n  web:\n    build:\n      context: $0\n')), ['app/@15-15', 'config/@15-15', 'db/@15-15']);
  assert.deepEqual(offered(f.completion('services:\n  web:\n    build:\n      context: ./app\n      dockerfile: $0\n')), ['Dockerfile@18-18', 'docker/@18-18']);
});

test('included files, a secret\'s file and an extended service\'s file are paths too', () => {
  assert.deepEqual(offered(f.completion('include:\n  - ./d$0\n')), ['db/@6-7']);
  assert.deepEqual(offered(f.completion('include:\n  - path: db/$0\n')), ['compose.yaml@13-13']);
  assert.ok(labels(f.completion('services:\n  web:\n    image: nginx\nsecrets:\n  s:\n    file: $0\n')).includes('.env'));
  assert.ok(labels(f.completion('services:\n  web:\n    image: nginx\n    extends:\n      file: db/$0\n')).includes('compose.yaml'));
});

test('no list on the space after a path key; a / inside a path opens one; nothing where the value is no path or names variables', () => {
  const at = (text: string, triggerCharacter: string) => {
    const { uri, position } = f.edit(text);
    return f.service.completion(uri, position, { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter }).items;
  };
  assert.deepEqual(at(service('    env_file: $0\n'), ' '), []);
  assert.deepEqual(at('services:\n  web:\n    build: $0\n', ' '), []);
  assert.ok(labels(at(service('    env_file: ./$0\n'), '/')).includes('.env'));
  assert.deepEqual(f.completion(service('    command: ./$0\n')), []);
  assert.deepEqual(offered(f.completion(service('    env_file: ${CONF}/$0\n'))), []);
  assert.deepEqual(offered(f.completion(service('    env_file: ./missing/$0\n'))), []);
});

test("a bind mount's source in the short syntax is a path: up to its colon; a named volume's is a name, and the container's path nothing", () => {
  const volumes = (item: string) => service(`    volumes:\n      - ${item}\nvolumes:\n  data: {}\n`);
  assert.deepEqual(offered(f.completion(volumes('./co$0:/etc/app'))), ['compose.yaml@10-12', 'config/@10-12']);
  assert.deepEqual(offered(f.completion(volumes('./config/$0'))), ['app.env@17-17', 'db.env@17-17']);
  assert.deepEqual(labels(f.completion(volumes('da$0'))), ['da', 'data']);
  assert.deepEqual(f.completion(volumes('./config:/et$0')), []);
});
