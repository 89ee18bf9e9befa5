// What the user's own Compose says of a saved project, the way the client asks it (client/src/composeOnSave.ts:
// `config --quiet` through compose/session.ts) and the server shows it (server/src/diagnostics/composeRefusal.ts),
// with the real Compose here (2.26.1): keys a later Compose brought are refused, and the finding lands on them.
import { strict as assert } from 'node:assert';
import { before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { fallbackProject, prepareCompose, runCompose, type Prepared } from '../../client/src/compose/session';
import { LanguageService } from '../../server/src/service';
import { pathToUri } from '../../server/src/model/workspace';
import { ensureEngine, tempProject } from './helpers/engine';

/** `files` saved as a project, Compose asked as the client asks it, and the compose-refuses findings of compose.yaml (open). */
async function refusalOf(prepared: Prepared, files: Record<string, string>): Promise<{ said: string; found: { line: number; text: string; severity?: number; message: string }[] }> {
  const project = tempProject(files);
  try {
    const path = project.file('compose.yaml');
    const run = await runCompose(prepared, fallbackProject(path), { name: 'config', quiet: true }, { skipEngineCheck: true, timeoutMs: 60_000 });
    assert.ok(run.ok);
    const { result } = run.value;
    const service = new LanguageService({});
    const uri = pathToUri(path);
    const document = TextDocument.create(uri, 'dockercompose', 3, files['compose.yaml']!);
    service.documentChanged(document);
    const others = fallbackProject(path).files.filter((file) => file !== path);
    service.composeChecked({
      compose: prepared.compose.version,
      files: [{ uri, path, version: 3 }, ...others.map((file) => ({ uri: pathToUri(file), path: file }))],
      ...(result.code === 0 ? {} : { refusal: result.output }),
    });
    const found = service.diagnostics(uri).filter((d) => d.code === 'compose-refuses');
    return { said: result.output, found: found.map((d) => ({ line: d.range.start.line, text: document.getText(d.range), severity: d.severity, message: typeof d.message === 'string' ? d.message : d.message.value })) };
  } finally {
    project.cleanup();
  }
}

describe('compose-refuses: the Compose here refuses keys newer than it, and the finding is on them', { timeout: 300_000 }, () => {
  let prepared: Prepared;
  before(async () => {
    await ensureEngine();
    const found = await prepareCompose();
    assert.ok(found.ok, 'Compose is found as the client finds it');
    prepared = found.value;
  });

  it('develop.watch[].initial_sync, interface_name, build provenance, top-level models: each at its key', async () => {
    const cases: { text: string; at: string; beside?: Record<string, string> }[] = [
      { text: 'services:\n  web:\n    image: nginx\n    develop:\n      watch:\n        - path: ./src\n          action: sync\n          target: /app\n          initial_sync: true\n', at: 'initial_sync' },
      { text: 'services:\n  web:\n    image: nginx\n    networks:\n      default:\n        interface_name: eth3\n', at: 'interface_name' },
      { text: 'services:\n  web:\n    build:\n      context: .\n      provenance: true\n', at: 'provenance', beside: { Dockerfile: 'FROM alpine\n' } },
      { text: 'models:\n  llm:\n    model: ai/smollm2\nservices:\n  web:\n    image: nginx\n', at: 'models' },
    ];
    for (const { text, at, beside } of cases) {
      const { said, found } = await refusalOf(prepared, { 'compose.yaml': text, ...beside });
      assert.match(said, new RegExp(`Additional property ${at} is not allowed`), 'Compose refuses it');
      assert.equal(found.length, 1, `${at}: ${said}`);
      assert.equal(found[0]!.text, at);
      assert.equal(found[0]!.severity, DiagnosticSeverity.Error);
      assert.ok(found[0]!.message.startsWith(`Compose ${prepared.compose.version} refuses this project as saved: `), found[0]!.message);
    }
  });

  it('a value newer than it (pull_policy: daily) is found at its key; a file it loads has no finding', async () => {
    const refused = await refusalOf(prepared, { 'compose.yaml': 'services:\n  web:\n    image: nginx\n    pull_policy: daily\n' });
    assert.deepEqual(refused.found.map((f) => [f.line, f.text]), [[3, 'pull_policy']], refused.said);
    const loads = await refusalOf(prepared, { 'compose.yaml': 'services:\n  web:\n    image: nginx\n    pull_policy: always\n' });
    assert.deepEqual(loads.found, []);
  });

  it('a refusal in the override, which is not open, is shown on compose.yaml naming the override', async () => {
    const { said, found } = await refusalOf(prepared, {
      'compose.yaml': 'services:\n  web:\n    image: nginx\n',
      'compose.override.yaml': 'services:\n  web:\n    pull_policy: weekly\n',
    });
    assert.equal(found.length, 1, said);
    assert.match(found[0]!.message, /compose\.override\.yaml\)$/);
  });
});
