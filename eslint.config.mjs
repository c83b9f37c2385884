// Lint for the whole repository. The import rules below are the architecture:
// pure core modules do no I/O and import no adapter, shared code imports no
// side's internals, the renderer never imports Electron, and the Electron shell
// never imports the renderer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['fs', 'fs/promises', 'net', 'http', 'https', 'tls', 'dgram', 'child_process', 'os', 'path', 'crypto', 'worker_threads', 'cluster', 'readline'];
const IO_PACKAGES = ['better-sqlite3', 'tedious', 'tarn', 'pino', 'ws', 'electron', 'node-notifier'];

/** Pure core: no sockets, no files, no database, no clock reads; time comes in with the data. */
const PURE_CORE = [
  'connector/src/errors.ts',
  'connector/src/phone/**/*.ts',
  'connector/src/config/iniParser.ts',
  'connector/src/config/settingsReader.ts',
  'connector/src/config/k2Config.ts',
  'connector/src/db/sqlValues.ts',
  'connector/src/db/repositories/callHistoryRecord.ts',
  'connector/src/seed/demoData.ts',
  'connector/src/seed/historyGenerator.ts',
  'connector/src/seed/names.ts',
  'connector/src/seed/pragueTime.ts',
  'connector/src/seed/random.ts',
  'connector/src/service/health.ts',
  'connector/src/ami/codec/**/*.ts',
  'connector/src/ami/connection/connectionMachine.ts',
  'connector/src/ami/simulator/sessionFilter.ts',
  'connector/src/ami/simulator/callTemplates.ts',
  'connector/src/ami/simulator/callRewriter.ts',
  'connector/src/ami/simulator/callRequests.ts',
  'connector/src/ami/trackerEvents.ts',
  'connector/src/ami/lineChannel.ts',
  'connector/src/tracker/callTracker.ts',
  'connector/src/tracker/callRows.ts',
  'connector/src/tracker/trackerState.ts',
  'protocol/src/callEvents.ts',
  'connector/src/contacts/contactIndex.ts',
  'connector/src/recorder/rowRecord.ts',
  'connector/src/desk/liveCallBoard.ts',
  'connector/src/desk/livePopup.ts',
  'connector/src/desk/dialPolicy.ts',
  'connector/src/desk/loginThrottle.ts',
  'connector/src/desk/rateLimiter.ts',
  'connector/src/recorder/missedCallText.ts',
];
const ADAPTER_MODULES = ['**/db/database.js', '**/db/migrations.js', '**/db/migrationFiles.js', '**/http/**', '**/log/**', '**/cli/**', '**/service/main.js', '**/paths.js', '**/version.js'];

const CLIENT_TO_CONNECTOR = { group: ['@cc/connector', '**/connector/**'], message: 'the client talks to the connector through @cc/protocol only' };

const noIo = (extraPatterns = []) => ({
  'no-restricted-imports': ['error', {
    paths: [...NODE_BUILTINS, ...IO_PACKAGES].map((name) => ({ name, message: 'pure code does no I/O: move this into an adapter', allowTypeImports: true })),
    patterns: [
      { group: ['node:*'], message: 'pure code imports no node:* module: move this into an adapter' },
      { group: ADAPTER_MODULES, message: 'pure code imports no adapter', allowTypeImports: true },
      ...extraPatterns,
    ],
  }],
});

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // `const { t: _t, ...rest } = record` drops a field on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-floating-promises': ['error', {
        allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it'] }],
      }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, 'no-console': 'off' },
  },
  {
    files: PURE_CORE,
    ignores: ['**/*.test.ts'],
    rules: {
      ...noIo(),
      // Time and chance come in as arguments, so the same input always gives the same output.
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'pure code reads no clock: take the time as an argument' },
        { object: 'Math', property: 'random', message: 'pure code draws no chance: take a random source as an argument' }],
    },
  },
  {
    files: ['protocol/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: noIo([{ group: ['@cc/connector', '@cc/desktop-client', '@cc/dashboards', '**/connector/**', '**/desktop-client/**', '**/dashboards/**'], message: 'the protocol depends on no side' }]),
  },
  {
    files: ['dashboards/src/**/*.ts', 'dashboards/src/**/*.tsx'],
    ignores: ['**/*.test.ts'],
    rules: noIo([{ group: ['@cc/connector', '**/connector/**', '@cc/desktop-client'], message: 'the dashboards talk to the connector through @cc/protocol only' }]),
  },
  {
    // Shared by the Electron shell and the page: no I/O, no clock, and neither side's code.
    files: ['desktop-client/src/common/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      ...noIo([CLIENT_TO_CONNECTOR, { group: ['**/renderer/**', '**/main/**', '**/preload/**'], message: 'common code is shared by the shell and the page: it imports neither side' }]),
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'common code reads no clock: take the time as an argument' },
        { object: 'Math', property: 'random', message: 'common code draws no chance: take a random source as an argument' }],
    },
  },
  {
    // The page runs sandboxed in Electron and as a plain web page: it reaches the shell only through window.deskShell.
    files: ['desktop-client/src/renderer/**/*.ts', 'desktop-client/src/renderer/**/*.tsx'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          ...['electron', 'node-notifier'].map((name) => ({ name, message: 'the renderer imports no Electron: it reaches the shell through window.deskShell (common/shellBridge.ts)' })),
          ...[...NODE_BUILTINS, ...IO_PACKAGES.filter((name) => name !== 'electron' && name !== 'node-notifier')].map((name) => ({ name, message: 'the renderer is a web page: it does no I/O of Node', allowTypeImports: true })),
        ],
        patterns: [
          { group: ['node:*'], message: 'the renderer is a web page: it imports no node:* module' },
          { group: ['**/main/**', '**/preload/**'], message: 'the renderer reaches the shell through window.deskShell only' },
          CLIENT_TO_CONNECTOR,
        ],
      }],
    },
  },
  {
    // The Electron shell wires; what it shows comes from ../common, never from the page's code.
    files: ['desktop-client/src/main/**/*.ts', 'desktop-client/src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/renderer/**', '../renderer'], message: 'the shell imports nothing of the renderer: share it through desktop-client/src/common' },
          CLIENT_TO_CONNECTOR,
        ],
      }],
    },
  },
);
