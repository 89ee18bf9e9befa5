// What Compose 2.26 and the engine make of a file, and what Dockhand reports on the same text: the shared
// steps of the verdict suites (compose-verdicts: what Compose loads or refuses; engine-verdicts: what the
// engine refuses at `up`, `run` or `build`).
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver';
import { LanguageService } from '../../../server/src/service';
import { pathToUri } from '../../../server/src/model/workspace';
import { dockerCli, removeProject, tempProject, uniqueName } from './engine';

/** What Dockhand reports on the Compose file at `file`, open in the editor as its bytes read as UTF-8. */
export function findingsOf(file: string): Diagnostic[] {
  const service = new LanguageService({});
  const uri = pathToUri(file);
  service.documentChanged(TextDocument.create(uri, 'dockercompose', 1, readFileSync(file, 'utf8')));
  return service.diagnostics(uri);
}

/**
 * `files` (a `compose.yaml` among them) as a project under a fresh name: whether Compose loads it
 * (`config -q`), then `docker compose <command>` run on the engine (its code, what it printed), and the same
 * compose.yaml as Dockhand reads it; a command that runs until stopped (`watch`) is stopped after `timeoutMs`. The
 * project's containers, built images and folder are removed after.
 */
export async function onEngine(files: Record<string, string>, command: string[], prefix: string, timeoutMs = 120_000): Promise<{ loads: boolean; up: boolean; said: string; stdout: string; findings: Diagnostic[] }> {
  const name = uniqueName(prefix);
  const project = tempProject(files);
  try {
    const loads = dockerCli(['compose', 'config', '-q'], { cwd: project.dir }).code === 0;
    const run = dockerCli(['compose', '--project-name', name, ...command], { cwd: project.dir, timeoutMs });
    return { loads, up: run.code === 0, said: run.stderr, stdout: run.stdout, findings: findingsOf(project.file('compose.yaml')) };
  } finally {
    await removeProject(name);
    // The images a `build` made for this project (Compose labels them with it).
    const built = dockerCli(['image', 'ls', '--quiet', '--filter', `label=com.docker.compose.project=${name}`]).stdout.split('\n').filter(Boolean);
    if (built.length > 0) dockerCli(['image', 'rm', '--force', ...built]);
    project.cleanup();
  }
}

/**
 * `compose.yaml` with the first quick fix Dockhand offers for its first `code` finding applied (the fix's
 * title too): what the user gets from Ctrl+. there, to be held to Compose in turn.
 */
export function withFirstFix(files: Record<string, string>, code: string): { text: string; title: string } {
  const project = tempProject(files);
  try {
    const service = new LanguageService({});
    const uri = pathToUri(project.file('compose.yaml'));
    const document = TextDocument.create(uri, 'dockercompose', 1, files['compose.yaml']!);
    service.documentChanged(document);
    const target = service.diagnostics(uri).find((d) => d.code === code);
    assert.ok(target, `no ${code} to fix`);
    const action = service.codeActions(uri, target.range, [target])[0];
    assert.ok(action?.edit?.changes?.[uri], `a fix for ${code} that edits compose.yaml`);
    return { text: TextDocument.applyEdits(document, action.edit.changes[uri]), title: action.title };
  } finally {
    project.cleanup();
  }
}

/**
 * Each file's verdict from `docker compose config -q` and Dockhand's errors on it, the file open in the
 * editor as its bytes read as UTF-8: a file Compose refuses (its message matching `refused`) has exactly
 * `errors`; one without `refused` loads and has none.
 */
export async function verdictsAgree(files: Record<string, { text: string | Buffer; refused?: RegExp; errors?: string[] }>): Promise<void> {
  const project = tempProject({});
  try {
    const service = new LanguageService({});
    // All written first: a file may include or extend the others.
    for (const [file, { text }] of Object.entries(files)) writeFileSync(project.file(file), text);
    // Compose judges them side by side: a file nested 10,000 deep takes it ~28 s, on one core of two.
    const verdicts = await Promise.all(Object.keys(files).map((file) => composeConfig(project.dir, file)));
    for (const [index, [file, { refused, errors }]] of Object.entries(files).entries()) {
      const verdict = verdicts[index]!;
      const uri = pathToUri(project.file(file));
      service.documentChanged(TextDocument.create(uri, 'dockercompose', 1, readFileSync(project.file(file), 'utf8')));
      const found = service.diagnostics(uri).filter((d) => d.severity === 1).map((d) => d.code);
      if (refused) {
        assert.notEqual(verdict.code, 0, `${file}: Compose loads it`);
        assert.match(verdict.stderr, refused, file);
        assert.deepEqual(found, errors, file);
      } else {
        assert.equal(verdict.code, 0, `${file}: ${verdict.stderr}`);
        assert.deepEqual(found, [], file);
      }
    }
  } finally {
    project.cleanup();
  }
}

/** `docker compose -f <file> config -q` in `dir`: its exit code and what it printed on stderr. */
function composeConfig(dir: string, file: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile('docker', ['compose', '-f', file, 'config', '-q'], { cwd: dir, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr });
    });
  });
}
