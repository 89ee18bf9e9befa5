// What a completion inserts with its defaults is a file Compose takes: taking
// an item and leaving its placeholders as they are must not put an error on
// the line the user just completed (the `develop` body once inserted a `sync`
// rule with no `target`, which Compose refuses, in red at once). An item whose
// snippet leaves a placeholder empty (`depends_on: - ${1}`) asks the user to
// type there, and is left out. The items are inserted as the editor inserts
// them: their later lines indented as the line of the cursor.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, InsertTextFormat, type CompletionItem } from 'vscode-languageserver';
import { cursorIn, fixture } from '../../support/fixture';

const withSnippets = fixture(after, { Dockerfile: 'FROM busybox\n', 'src/index.js': '' });

/** Where key items are offered, `$0` the cursor on a line of its own. */
const PLACES: Record<string, string> = {
  'a service': 'services:\n  web:\n    build: .\n    $0\n',
  'deploy of a service': 'services:\n  web:\n    build: .\n    deploy:\n      $0\n',
  'develop of a service': 'services:\n  web:\n    build: .\n    develop:\n      $0\n',
  'a network': 'services:\n  web:\n    image: nginx\n    networks: [net]\nnetworks:\n  net:\n    $0\n',
  'a volume': 'services:\n  web:\n    image: nginx\n    volumes: [data:/data]\nvolumes:\n  data:\n    $0\n',
  'the services': 'services:\n  web:\n    image: nginx\n  $0\n',
};

/** Whether a snippet leaves a placeholder for the user to fill (`$1`, `${1}`, `${1:}`; `$0` is only where the cursor ends). */
function leavesPlaceholderEmpty(snippet: string): boolean {
  return /\$[1-9]|\$\{[1-9]\d*\}|\$\{\d+:\}/.test(snippet);
}

/** `text` with its later lines indented as `indent` (what the editor does with a multi-line item). */
function indented(text: string, indent: string): string {
  return text.replace(/\n/g, `\n${indent}`);
}

/** The text an item's insertion gives, with every placeholder at its default (the client without snippets asks for that). */
function withDefaults(items: readonly CompletionItem[], label: string): string | undefined {
  const item = items.find((i) => i.label === label);
  return item ? (item.textEdit && 'newText' in item.textEdit ? item.textEdit.newText : (item.insertText ?? item.label)) : undefined;
}

for (const [place, source] of Object.entries(PLACES)) {
  test(`each snippet completion in ${place}, taken as it is, leaves no error`, (t) => {
    const plain = fixture(t, { Dockerfile: 'FROM busybox\n', 'src/index.js': '' }, { client: { snippets: false } });
    const snippetItems = withSnippets.completion(source);
    const plainItems = plain.completion(source);
    const { text, offset } = cursorIn(source);
    const indent = /[ ]*$/.exec(text.slice(0, offset))![0];
    let checked = 0;
    const failures: string[] = [];
    for (const item of snippetItems) {
      const snippet = item.textEdit && 'newText' in item.textEdit ? item.textEdit.newText : (item.insertText ?? '');
      // A body of the key's own (a plain `key:` and an indented line to type in is the user's to fill).
      if (item.insertTextFormat !== InsertTextFormat.Snippet || !snippet.includes('\n') || leavesPlaceholderEmpty(snippet)) continue;
      const inserted = withDefaults(plainItems, String(item.label));
      assert.ok(inserted !== undefined, `${item.label} is offered without snippets too`);
      const result = text.slice(0, offset) + indented(inserted!, indent) + text.slice(offset);
      plain.write('compose.yaml', result);
      plain.open('compose.yaml', result);
      const errors = plain.diagnostics(undefined, 'compose.yaml').filter((d) => d.severity === DiagnosticSeverity.Error);
      if (errors.length > 0) failures.push(`${item.label}:\n${result}\n=> ${errors.map((d) => `${d.code}: ${d.message}`).join('\n   ')}`);
      checked++;
    }
    assert.ok(checked > 0, `some item in ${place} inserts a body`);
    assert.deepEqual(failures, []);
  });
}

test("a service snippet's name is one the project does not have yet", (t) => {
  const f = fixture(t, { 'compose.override.yaml': 'services:\n  db-2:\n    image: busybox\n' });
  const insert = (source: string, label: string) => {
    const item = f.completion(source).find((i) => i.label === label);
    return item?.textEdit && 'newText' in item.textEdit ? item.textEdit.newText : item?.insertText;
  };
  assert.match(insert('services:\n  web:\n    image: nginx\n  $0\n', 'postgres')!, /^\$\{1:db\}:\n/);
  // `db` here, `db-2` in the override: the next free one.
  assert.match(insert('services:\n  db:\n    image: postgres\n  $0\n', 'postgres')!, /^\$\{1:db-3\}:\n/);
  assert.match(insert('services:\n  web:\n    image: nginx\n  $0\n', 'nginx')!, /^\$\{1:web-2\}:\n/);
});
