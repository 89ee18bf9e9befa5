// ESLint: the layer boundaries of ARCHITECTURE.md as rules, plus the
// recommended checks. No type-aware rules: `tsc -b` already checks types, and
// lint stays a few seconds. typescript-eslint needs the TypeScript 6 API
// (the project compiles with TypeScript 7), so it lives in the scripts/lint
// workspace with its own TypeScript and is loaded from there.
import { createRequire } from 'node:module';

const lintRequire = createRequire(new URL('./scripts/lint/package.json', import.meta.url));
const js = lintRequire('@eslint/js');
const tseslint = lintRequire('typescript-eslint');
const globals = lintRequire('globals');

/** An import restriction by regular expression over the import's text (relative paths included). */
const forbid = (regex, message) => ({ regex, message });

const VSCODE = forbid('^vscode$', 'This layer runs without VS Code: pass what it needs in, or move the code to a VS Code-side module.');
const SERVER_INTERNALS = forbid('(^|/)server/src(/|$)', 'The client shares only common/ with the server: move the shared fact to common/src.');
const CLIENT = forbid('(^|/)client/src(/|$)', 'The server never depends on the client.');
const LANGUAGE_CLIENT = forbid('^vscode-languageclient', 'The language client belongs to the VS Code extension.');
const LSP_CONNECTION = forbid('^vscode-languageserver(/node)?$', 'The model and spec know no LSP connection: use vscode-languageserver-types or -textdocument.');
const FEATURES = forbid('(^|/)features(/|$)', 'The model and spec sit below the features: features ask them, never the reverse.');
const SERVER_ENTRY = forbid('^\\.\\./(server|service|diagnosticScheduler)$', 'The model and spec sit below the service and the LSP wiring.');

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.tsbuild/**', '.cache/**', '.tmp/**', 'node_modules/**', '**/node_modules/**', 'examples/**', 'test/e2e/.artifacts/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Unused names are errors, except the deliberately ignored `_name`.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Our .mjs scripts have no types to import; a described @ts-ignore says why.
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': 'allow-with-description' }],
      // YAML indentation is spaces: `/\n    image:/` reads better than `/\n {4}image:/`.
      'no-regex-spaces': 'off',
      // Our errors carry a message written for the user; the cause is logged where it is caught.
      'preserve-caught-error': 'off',
    },
  },
  // Boundaries. One entry per layer; ESLint applies the last matching rule, so each lists all it forbids.
  { files: ['common/src/**'], rules: restrict(VSCODE, LANGUAGE_CLIENT, SERVER_INTERNALS, CLIENT, forbid('^vscode-languageserver(/node)?$', 'common/ holds facts and protocol types, no connection.')) },
  { files: ['server/src/**'], rules: restrict(VSCODE, LANGUAGE_CLIENT, CLIENT) },
  { files: ['server/src/model/**', 'server/src/spec/**'], rules: restrict(VSCODE, LANGUAGE_CLIENT, CLIENT, LSP_CONNECTION, FEATURES, SERVER_ENTRY) },
  { files: ['client/src/**'], rules: restrict(SERVER_INTERNALS) },
  // The engine and Compose layers run without VS Code (the docker tier drives them directly); views/ and composeCommands/ are their VS Code side.
  { files: ['client/src/docker/**', 'client/src/compose/**'], rules: restrict(SERVER_INTERNALS, VSCODE) },
  // Webview scripts run in the page: browser globals, no Node, no VS Code API but the one the page is given.
  { files: ['client/src/views/webview/**'], languageOptions: { globals: { ...globals.browser } }, rules: restrict(SERVER_INTERNALS, VSCODE, LANGUAGE_CLIENT) },
);
