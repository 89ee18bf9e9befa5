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
const SERVER_ENTRY = forbid('^(\\.\\./)+(server|service|diagnosticScheduler|typingHold|warmUp|cli|composeCheck)$', 'The model and spec sit below the service, the LSP wiring and the CLI.');
const DOCKER_ENGINE = forbid('^dockerode$', 'The language server never talks to Docker: the client does, through client/src/docker.');
const YAML_PARSER = forbid('^yaml$', 'The client never parses a Compose file: it asks the server (dockhand/projectInfo) or Compose itself (config).');
// From client/src/docker or client/src/compose: a relative import that leaves those two folders but stays in client/src.
const CLIENT_VSCODE_SIDE = forbid('^\\.\\./(?!(docker|compose)/|\\.\\./)', 'docker/ and compose/ run without VS Code: they import each other and common/, never the client\'s VS Code side (views/, composeCommands/, extension.ts...), which would bring vscode in.');
// The server's entry and the compile cache it turns on run before the bundle loads: whatever they import is compiled without the cache.
const BOOT_IMPORTS = forbid('^(?!node:|\\./compileCache$|\\.\\./\\.\\./common/src/serverEnvironment$)', 'server/src/boot.ts and compileCache.ts load before the server\'s bundle: they import only Node\'s modules, each other and common/src/serverEnvironment.ts (anything more is compiled without the cache).');
const EXTERNAL_DATA = forbid('(^|/)(support/externalData|scripts/external-data\\.mjs)$', 'The unit and lsp tiers read nothing outside the repository: a test that needs the corpus or the schema belongs to the corpus tier (withExternalData).');

// Child processes get argv arrays: nothing from a Compose file reaches a shell.
const NO_SHELL = [
  { selector: 'Property[key.name="shell"][value.value=true]', message: 'Spawn with an argv array and no shell: paths and names from a Compose file must never reach a shell.' },
  { selector: 'ImportDeclaration[source.value=/^(node:)?child_process$/] > ImportSpecifier[imported.name=/^exec(Sync)?$/]', message: 'exec runs a shell: use spawn or execFile with an argv array.' },
];
// The custom requests and notifications travel by their typed constants in common/src/protocol.ts.
const NO_METHOD_STRING = { selector: 'Literal[value=/^dockhand\\//]', message: 'Pass the typed RequestType/NotificationType from common/src/protocol.ts, never the method string.' };

// The block reader (server/src/model/blockReader.ts) does not keep comments or blank-line marks on the nodes it builds.
const NO_NODE_COMMENTS = {
  selector: 'MemberExpression[property.name=/^(comment|commentBefore|spaceBefore)$/]',
  message: 'Nodes built by model/blockReader.ts carry no comments or blank-line marks: read comments from the text, not from `yaml` nodes.',
};

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
  { files: ['common/src/**'], rules: restrict(VSCODE, LANGUAGE_CLIENT, SERVER_INTERNALS, CLIENT, DOCKER_ENGINE, forbid('^vscode-languageserver(/node)?$', 'common/ holds facts and protocol types, no connection.')) },
  { files: ['server/src/**'], rules: restrict(VSCODE, LANGUAGE_CLIENT, CLIENT, DOCKER_ENGINE) },
  { files: ['server/src/model/**', 'server/src/spec/**'], rules: restrict(VSCODE, LANGUAGE_CLIENT, CLIENT, DOCKER_ENGINE, LSP_CONNECTION, FEATURES, SERVER_ENTRY) },
  { files: ['server/src/boot.ts', 'server/src/compileCache.ts'], rules: restrict(VSCODE, LANGUAGE_CLIENT, CLIENT, DOCKER_ENGINE, BOOT_IMPORTS) },
  { files: ['client/src/**'], rules: restrict(SERVER_INTERNALS, YAML_PARSER) },
  // The engine and Compose layers run without VS Code (the docker tier drives them directly); views/ and composeCommands/ are their VS Code side.
  { files: ['client/src/docker/**', 'client/src/compose/**'], rules: restrict(SERVER_INTERNALS, YAML_PARSER, VSCODE, CLIENT_VSCODE_SIDE) },
  // Webview scripts run in the page: browser globals, no Node, no VS Code API but the one the page is given.
  { files: ['client/src/views/webview/**'], languageOptions: { globals: { ...globals.browser } }, rules: restrict(SERVER_INTERNALS, YAML_PARSER, VSCODE, LANGUAGE_CLIENT) },
  // docker/engine.ts is the one door to the engine: every dockerode client is built there (elsewhere, dockerode's types only).
  {
    files: ['client/src/**'],
    ignores: ['client/src/docker/engine.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: 'dockerode', allowTypeImports: true, message: 'Build engine clients with dockerClient() in client/src/docker/engine.ts.' }] }] },
  },
  { files: ['common/src/**'], rules: { 'no-restricted-syntax': ['error', ...NO_SHELL] } },
  { files: ['client/src/**'], rules: { 'no-restricted-syntax': ['error', ...NO_SHELL, NO_METHOD_STRING] } },
  { files: ['server/src/**'], rules: { 'no-restricted-syntax': ['error', ...NO_SHELL, NO_METHOD_STRING, NO_NODE_COMMENTS] } },
  // Small modules, one idea each: past 400 lines of code (comments and blank lines aside) a file holds two (ARCHITECTURE.md, "Boundaries").
  { files: ['server/src/**/*.ts', 'client/src/**/*.ts', 'common/src/**/*.ts'], rules: { 'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }] } },
  // The corpus-fetch test checks the locator itself (on folders it makes).
  { files: ['test/unit/**', 'test/lsp/**'], ignores: ['test/unit/corpus-fetch.test.ts'], rules: restrict(EXTERNAL_DATA) },
);
