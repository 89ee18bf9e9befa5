// Bundles the extension client, the language server and the CLI into dist/.
// Every runtime library is bundled, so the .vsix and `node dist/server.js`
// need no node_modules beside them.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/**
 * `yaml` is bundled from its ES module build, not the CommonJS one Node's
 * resolution picks: a CommonJS module is reached through a getter per export
 * (esbuild's interop), and the server calls `isScalar`, `isMap` and the like
 * millions of times while it opens a large file (~20 ms of an open of 5,000
 * services in the getters alone); an ES module's exports are plain bindings in
 * the bundle. The ES build is the same source, and it also has none of the
 * CommonJS build's `process.env.LOG_TOKENS` check per token (~14% of a parse).
 */
const yamlAsModule = {
  name: 'yaml-as-module',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: fileURLToPath(new URL('./node_modules/yaml/browser/index.js', import.meta.url)) }));
  },
};

const common = {
  plugins: [yamlAsModule],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  // ssh2 (through dockerode) optionally loads native helpers; the engine is reached over a socket or TCP.
  external: ['vscode', 'cpu-features', './crypto/build/Release/sshcrypto.node'],
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  // The client's entry to the server: runs dist/server.js with the compiled code the last start saved (server/src/boot.ts).
  { entryPoints: ['server/src/boot.ts'], outfile: 'dist/serverBoot.js', external: [...common.external, './server.js'] },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

// The topology webview's script runs in the page (a browser), with elkjs bundled in: no network at run time.
const webview = {
  ...common,
  platform: 'browser',
  target: 'chrome114',
  format: 'iife',
  external: [],
  entryPoints: ['client/src/views/webview/topology.ts'],
  outfile: 'dist/topologyView.js',
};

if (watch) {
  for (const entry of [...entries.map((e) => ({ ...common, ...e })), webview]) {
    const ctx = await esbuild.context(entry);
    await ctx.watch();
  }
} else {
  await Promise.all([...entries.map((entry) => esbuild.build({ ...common, ...entry })), esbuild.build(webview)]);
  for (const entry of entries) await oneByteSource(entry.outfile);
}

/**
 * V8 keeps a script's source in memory as long as its functions live, one
 * byte per character only when every character is below U+0100: a single
 * Greek mu in a regular expression made the server's source two bytes per
 * character (2.2 MB instead of 1.1 MB, in every server process). esbuild
 * escapes other non-ASCII text but leaves regular expressions as written, so
 * such characters must be written as `\u` escapes in the source.
 */
async function oneByteSource(file) {
  const text = await readFile(file, 'utf8');
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0xff) {
      const line = text.slice(0, i).split('\n').length;
      throw new Error(`${file}:${line}: U+${text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')} in the bundle makes V8 hold its source two bytes per character: write it as a \\u escape`);
    }
  }
}
