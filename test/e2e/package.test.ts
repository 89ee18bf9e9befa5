// `npm run package`: the .vsix holds only what the extension needs at run
// time (bundled dist/*.js, the grammars, icon, README, LICENSE, CHANGELOG)
// and stays small. Installing it is what every other e2e test does.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { before, describe, it } from 'node:test';
import { packagedVsix, repoRoot } from './harness';
import { zipEntries, type ZipEntry } from './harness/zipEntries';

let vsix: string;
let entries: ZipEntry[];

before(async () => {
  vsix = await packagedVsix();
  entries = zipEntries(vsix);
});

describe('the packaged .vsix', () => {
  it('is dockhand-<version>.vsix in the repository root', async () => {
    const { version } = await import('../../package.json', { with: { type: 'json' } }).then((m) => m.default ?? m);
    assert.equal(dirname(vsix), repoRoot);
    assert.equal(basename(vsix), `dockhand-${version}.vsix`);
  });

  it('is under 2 MB', () => {
    const size = statSync(vsix).size;
    assert.ok(size < 2 * 1024 * 1024, `${size} bytes`);
  });

  it('holds the run-time files', () => {
    const names = new Set(entries.map((e) => e.name.toLowerCase()));
    for (const required of [
      'extension/package.json',
      'extension/dist/extension.js',
      'extension/dist/server.js',
      'extension/dist/serverboot.js',
      'extension/dist/cli.js',
      'extension/syntaxes/compose-injection.tmlanguage.json',
      'extension/syntaxes/dockercompose.tmlanguage.json',
      'extension/images/icon.png',
      'extension/readme.md',
      'extension/license.txt',
      'extension/changelog.md',
    ]) {
      assert.ok(names.has(required), `${required} is missing; the package holds:\n${[...names].join('\n')}`);
    }
  });

  it('holds nothing else: no sources, maps, tests, examples or node_modules', () => {
    const allowed = [
      /^\[Content_Types\]\.xml$/,
      /^extension\.vsixmanifest$/,
      /^extension\/package\.json$/,
      /^extension\/dist\/[^/]+\.js$/,
      /^extension\/syntaxes\/[^/]+\.json$/,
      /^extension\/images\/[^/]+\.(png|svg)$/, // the icon and the activity-bar icons
      /^extension\/(readme\.md|LICENSE\.txt|changelog\.md)$/i,
    ];
    const unexpected = entries.map((e) => e.name).filter((name) => !allowed.some((pattern) => pattern.test(name)));
    assert.deepEqual(unexpected, []);
  });

  it('bundles the language server: dist/server.js is not a stub', () => {
    const server = entries.find((e) => e.name === 'extension/dist/server.js');
    assert.ok(server && server.size > 50_000, `dist/server.js is ${server?.size} bytes`);
  });
});
