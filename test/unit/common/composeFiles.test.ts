// The Compose file names have one home (common/src/composeFiles.ts); the
// manifest says them again in the forms VS Code reads. These tests keep the
// two equal, and check the project-files rule that client and server share.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, matchesGlob, resolve } from 'node:path';
import { describe, it } from 'node:test';
import {
  COMPOSE_FILE_GLOB,
  COMPOSE_FILE_NAME,
  COMPOSE_VARIANT_GLOBS,
  MAIN_COMPOSE_FILES,
  composeProjectFiles,
  isComposeFileName,
  isComposeVariantName,
  mayChangeAnyProject,
} from '../../../common/src/composeFiles';

const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', '..', '..', 'package.json'), 'utf8'));
const language = manifest.contributes.languages.find((l: { id: string }) => l.id === 'dockercompose');

/** Names Compose reads by itself or with -f as a variant, and names it does not. */
const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml', 'compose.override.yaml', 'docker-compose.override.yml', 'compose.prod.eu.yml', 'compose.my-app.yaml'];
const OTHER_NAMES = ['compose.json', 'docker-compose.txt', 'composer.yaml', 'mycompose.yml', 'docker-compose-dev.yml', 'compose-dev.yaml', 'compose.yaml.bak', 'stack.yml', '.compose.yaml', 'compose.'];

/** Every `resourceFilename =~ /.../` regex in the manifest's menus. */
function whenRegexes(): string[] {
  const found: string[] = [];
  for (const items of Object.values(manifest.contributes.menus) as { when?: string }[][]) {
    for (const item of items) {
      for (const m of (item.when ?? '').matchAll(/resourceFilename =~ \/(.*?)\/(?=\s|\)|$)/g)) found.push(m[1]);
    }
  }
  return found;
}

describe('Compose file names', () => {
  it('are the manifest’s filenames and filenamePatterns', () => {
    assert.deepEqual([...language.filenames].sort(), [...MAIN_COMPOSE_FILES].sort());
    assert.deepEqual([...language.filenamePatterns].sort(), [...COMPOSE_VARIANT_GLOBS].sort());
  });

  it('are what the manifest’s when clauses test', () => {
    const regexes = whenRegexes();
    assert.ok(regexes.length > 0, 'no when clause tests resourceFilename');
    for (const source of regexes) assert.equal(source, COMPOSE_FILE_NAME.source);
  });

  it('match exactly what VS Code’s globs claim for the language', () => {
    const claimed = (name: string) => language.filenames.includes(name) || language.filenamePatterns.some((g: string) => matchesGlob(name, g));
    for (const name of COMPOSE_NAMES) {
      assert.ok(isComposeFileName(join('some', 'dir', name)), name);
      assert.ok(claimed(name), `the manifest does not claim ${name}`);
      assert.ok(matchesGlob(`a/${name}`, COMPOSE_FILE_GLOB), `COMPOSE_FILE_GLOB misses ${name}`);
      assert.ok(mayChangeAnyProject(join('a', name)), `mayChangeAnyProject misses ${name}`);
    }
    for (const name of OTHER_NAMES) {
      assert.ok(!isComposeFileName(name), name);
      assert.ok(!claimed(name), `the manifest claims ${name}`);
      assert.ok(!matchesGlob(`a/${name}`, COMPOSE_FILE_GLOB), `COMPOSE_FILE_GLOB matches ${name}`);
    }
  });

  it('count any Compose-like file and .env as changing every project, and not a Dockerfile, an env file or a backup', () => {
    for (const name of ['.env', 'docker-compose-dev.yml', 'mycompose.yml', 'compose-dev.yaml', 'compose.prod.yaml']) assert.ok(mayChangeAnyProject(join('a', name)), name);
    for (const name of ['Dockerfile', 'app.env', '.env.local', 'compose.yaml.bak', 'stack.yml', 'compose.json']) assert.ok(!mayChangeAnyProject(join('a', name)), name);
  });

  it('activate the extension', () => {
    const globs = (manifest.activationEvents as string[]).filter((e) => e.startsWith('workspaceContains:')).map((e) => e.slice('workspaceContains:'.length));
    for (const name of COMPOSE_NAMES) assert.ok(globs.some((g) => matchesGlob(`a/${name}`, g)), `no activation on ${name}`);
  });

  it('tell variants from main files', () => {
    for (const name of MAIN_COMPOSE_FILES) assert.ok(!isComposeVariantName(name), name);
    assert.ok(isComposeVariantName('compose.override.yaml'));
    assert.ok(isComposeVariantName('docker-compose.prod.yml'));
    assert.ok(!isComposeVariantName('extra.yaml'));
  });
});

describe('the files of a project', () => {
  // A folder as the rule sees it, through `exists`.
  const dir = resolve('/srv/app');
  const present = ['compose.yaml', 'compose.override.yaml', 'compose.prod.yaml', 'docker-compose.yml', 'extra.yaml'].map((n) => join(dir, n));
  const exists = (p: string) => present.includes(p);
  const at = (name: string) => join(dir, name);

  it('are the main file with its override, whichever of them is asked about', () => {
    assert.deepEqual(composeProjectFiles(at('compose.yaml'), exists), [at('compose.yaml'), at('compose.override.yaml')]);
    assert.deepEqual(composeProjectFiles(at('compose.override.yaml'), exists), [at('compose.yaml'), at('compose.override.yaml')]);
  });

  it('lay a variant over the main file, and leave other files alone', () => {
    assert.deepEqual(composeProjectFiles(at('compose.prod.yaml'), exists), [at('compose.yaml'), at('compose.prod.yaml')]);
    // compose.yaml wins over docker-compose.yml, which then stands alone.
    assert.deepEqual(composeProjectFiles(at('docker-compose.yml'), exists), [at('docker-compose.yml')]);
    assert.deepEqual(composeProjectFiles(at('extra.yaml'), exists), [at('extra.yaml')]);
    assert.deepEqual(composeProjectFiles(at('compose.prod.yaml'), () => false), [at('compose.prod.yaml')]);
  });

  it('follow COMPOSE_FILE when it lists the file, missing files included', () => {
    const variables = { COMPOSE_FILE: 'extra.yaml;missing.yaml;compose.yaml', COMPOSE_PATH_SEPARATOR: ';' };
    assert.deepEqual(composeProjectFiles(at('compose.yaml'), exists, variables), [at('extra.yaml'), at('missing.yaml'), at('compose.yaml')]);
    assert.deepEqual(composeProjectFiles(at('compose.prod.yaml'), exists, variables), [at('compose.yaml'), at('compose.prod.yaml')]);
  });
});
