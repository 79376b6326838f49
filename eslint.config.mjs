// ESLint flat config. Besides the usual TypeScript rules it enforces the layering in ARCHITECTURE.md:
// each folder may import only the layers below it, so a violation fails `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const ban = (patterns, message, more = []) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        ...patterns.map((group) => ({ group: [group], message })),
        ...more.flatMap(([ps, m]) => ps.map((group) => ({ group: [group], message: m }))),
      ],
    },
  ],
});
const pure = 'pure layers take strings in and give data out: no LSP, no vscode, no network, no file system';
const lspOnly = ['vscode-languageserver', 'vscode-languageserver/*'];
const io = ['node:fs', 'node:fs/*', 'fs', 'node:net', 'net', 'node:child_process', 'ssh2'];
/** Import patterns for the given folders of server/src, from anywhere below server/src. */
const folders = (...names) => names.flatMap((n) => [`**/${n}`, `**/${n}/*`]);
const pureBans = ['vscode', ...lspOnly, ...io, '**/lsp', '**/lsp/*', '**/cli/*', '**/deploy/*', '**/deploy'];
const pureIgnores = ['**/*.test.ts', '**/*-testing.ts', 'server/src/l7/pcap-writer.ts'];
// The order among the pure layers (ARCHITECTURE.md): syntax <- schema <- analysis, l7 <- lint, features,
// codegen. A layer imports only layers to its left (analysis and l7 may use each other).
const order = (layer, above) => [
  [folders(...above), `${layer} sits below ${above.join(', ')} in the layer order of ARCHITECTURE.md`],
];
// lint/support/ is what the rules share; code outside lint/ (features, lsp, cli, ...) uses lint's public
// face (lint/index.ts, lint/types.ts) and reads the script's models from the layers below.
const lintSupport = [
  folders('lint/support'),
  "lint/support/ is the lint rules' own: move what other code needs to the layer it belongs to (as l7/script.ts)",
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'test-results/', 'test/ui/.cache/', '**/*.mjs', 'bin/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Order matters: for the same rule a later block replaces an earlier one, so the general server ban
  // comes first and the stricter folder bans (which repeat it) after.
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/lsp/**', 'server/src/server.ts', 'server/src/main.ts', '**/*.test.ts'],
    rules: ban(['vscode', ...lspOnly], 'only lsp/ knows the LSP connection; only client/ knows vscode', [
      lintSupport,
    ]),
  },
  {
    files: ['server/src/lsp/**/*.ts', 'server/src/server.ts', 'server/src/main.ts'],
    ignores: ['**/*.test.ts'],
    rules: ban(...lintSupport),
  },
  {
    files: ['server/src/{schema,analysis,l7,lint,features,codegen}/**/*.ts'],
    ignores: pureIgnores,
    rules: ban(pureBans, pure, [lintSupport]),
  },
  {
    files: ['server/src/schema/**/*.ts'],
    ignores: pureIgnores,
    rules: ban(pureBans, pure, order('schema/', ['analysis', 'l7', 'lint', 'features', 'codegen'])),
  },
  {
    files: ['server/src/{analysis,l7}/**/*.ts'],
    ignores: pureIgnores,
    rules: ban(pureBans, pure, order('analysis/ and l7/', ['lint', 'features', 'codegen'])),
  },
  {
    files: ['server/src/syntax/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: ban(
      ['vscode', ...lspOnly, ...io, '../*'],
      'syntax/ depends on nothing else of ours and on no I/O',
    ),
  },
);
