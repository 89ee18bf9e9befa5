// The extension manifest is complete and honest: what the Marketplace and
// VS Code read from package.json.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const contributes = manifest.contributes ?? {};

describe('package.json as an extension manifest', () => {
  it('has the Marketplace metadata', () => {
    for (const field of ['name', 'displayName', 'description', 'version', 'publisher', 'license', 'icon']) {
      assert.ok(typeof manifest[field] === 'string' && manifest[field].length > 0, `${field} is missing`);
    }
    assert.ok(Array.isArray(manifest.categories) && manifest.categories.length > 0, 'no categories');
    assert.ok(Array.isArray(manifest.keywords) && manifest.keywords.length > 0, 'no keywords');
    assert.ok(manifest.keywords.length <= 30, 'the Marketplace takes at most 30 keywords');
    assert.match(manifest.repository?.url ?? '', /^https:\/\//);
    assert.ok(manifest.galleryBanner?.color, 'no galleryBanner colour');
  });

  it('asks for no VS Code newer than the 1.139 that code-server bundles', () => {
    const match = /^\^?(\d+)\.(\d+)\.\d+$/.exec(manifest.engines.vscode);
    assert.ok(match, `engines.vscode is ${manifest.engines.vscode}`);
    const [major, minor] = [Number(match[1]), Number(match[2])];
    assert.ok(major === 1 && minor <= 139, `engines.vscode ${manifest.engines.vscode} is newer than 1.139`);
    const typesVersion = JSON.parse(readFileSync(join(repoRoot, 'node_modules', '@types', 'vscode', 'package.json'), 'utf8')).version;
    assert.ok(Number(typesVersion.split('.')[1]) <= minor, `@types/vscode ${typesVersion} is newer than engines.vscode (vsce refuses that)`);
  });

  it('has a 128x128 PNG icon', () => {
    const icon = readFileSync(join(repoRoot, manifest.icon));
    assert.equal(icon.subarray(1, 4).toString('ascii'), 'PNG');
    assert.equal(icon.readUInt32BE(16), 128);
    assert.equal(icon.readUInt32BE(20), 128);
  });

  it('says honestly what works in an untrusted workspace', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    assert.match(untrusted?.description ?? '', /language features/i);
  });

  it('activates only on Compose files and on its own commands and views', () => {
    const allowed = [
      /^onLanguage:dockercompose$/,
      /^workspaceContains:/,
      /^onCommand:dockhand\./,
      /^onView:dockhand/,
    ];
    for (const event of manifest.activationEvents ?? []) {
      assert.ok(allowed.some((pattern) => pattern.test(event)), `activation event ${event}`);
    }
    assert.ok(!(manifest.activationEvents ?? []).includes('*'));
  });

  it('gives every command a title and the Dockhand category', () => {
    for (const command of contributes.commands ?? []) {
      assert.match(command.command, /^dockhand\.[a-z][A-Za-z.]*$/, `command id ${command.command}`);
      assert.ok(command.title, `${command.command} has no title`);
      assert.equal(command.category, 'Dockhand', `${command.command} has category ${command.category}`);
    }
  });

  it('gives every setting a description and a default', () => {
    const configurations = Array.isArray(contributes.configuration) ? contributes.configuration : [contributes.configuration];
    const properties = Object.entries(Object.assign({}, ...configurations.map((c: { properties?: object }) => c?.properties ?? {}))) as [
      string,
      { description?: string; markdownDescription?: string; default?: unknown },
    ][];
    assert.ok(properties.some(([name]) => name === 'dockhand.composeFiles'), 'dockhand.composeFiles is not contributed');
    for (const [name, property] of properties) {
      assert.match(name, /^dockhand\./);
      assert.ok(property.description || property.markdownDescription, `${name} has no description`);
      assert.ok('default' in property, `${name} has no default`);
    }
  });

  it('claims the Compose file names of the design for the dockercompose language', () => {
    const language = (contributes.languages ?? []).find((l: { id: string }) => l.id === 'dockercompose');
    assert.ok(language, 'no dockercompose language');
    assert.deepEqual(
      [...language.filenames].sort(),
      ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'],
    );
    assert.deepEqual(
      [...language.filenamePatterns].sort(),
      ['compose.*.yaml', 'compose.*.yml', 'docker-compose.*.yaml', 'docker-compose.*.yml'],
    );
  });

  it('points every grammar at a file that exists', () => {
    for (const grammar of contributes.grammars ?? []) assert.ok(existsSync(join(repoRoot, grammar.path)), grammar.path);
  });
});
