import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const defaultExportBan = { selector: 'ExportDefaultDeclaration', message: 'Use named exports (STYLE.md).' }
// Helpers for tests live in test-support/ folders; production code never imports them.
const testSupportBan = {
  selector: 'ImportDeclaration[source.value=/test-support/]',
  message: 'test-support/ is for tests only; production code never imports it.',
}
const noDefaultExport = { 'no-restricted-syntax': ['error', defaultExportBan, testSupportBan] }
// Tests, their helpers, e2e, the bench and scripts may use test-support/.
const testFiles = ['**/*.test.ts', '**/*.test.tsx', '**/test-support/**', 'e2e/**', 'bench/**', 'scripts/**']

// The walls between the three rooms (STYLE.md): each folder may import only what it is allowed to.
const nodeModules = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'crypto',
  'child_process',
  'url',
  'util',
  'stream',
  'worker_threads',
]

// Capability wings of electron/main/services (STYLE.md): each wing is reached only through its index.ts, its
// public door. Inside services/ a wing file may import `../<wing>` but not `../<wing>/<file>`; everything
// outside (main, ipc, cli, e2e, bench, scripts) imports `.../services/<wing>`, never a file behind it.
const WINGS = [
  'storage',
  'workspace',
  'library',
  'search',
  'preview',
  'editing',
  'export',
  'import',
  'sync',
  'test-support',
]
const wingMessage = "Import another wing only through its door (index.ts): '../<wing>', not a file behind it."
const wingFromInside = {
  regex: `^(\\.\\./)+(${WINGS.join('|')})/.+|^\\./(${WINGS.join('|')})/.+`,
  message: wingMessage,
}
const wingFromOutside = { regex: `(^|/)services/(${WINGS.join('|')})/.+`, message: wingMessage }
// Arrows run one way (README, Architecture): a low wing never imports a wing above it, so no two wings import
// each other. storage/ imports no wing; library/ only storage/; workspace/ only library/ and storage/.
const wingsAbove = {
  storage: WINGS.filter((w) => w !== 'storage' && w !== 'test-support'),
  library: ['workspace', 'search', 'preview', 'editing', 'export', 'import', 'sync'],
  workspace: ['search', 'preview', 'editing', 'export', 'import', 'sync'],
}
const servicePatterns = [
  {
    group: ['electron', 'electron/*', 'electron-store'],
    message: 'Services and the CLI never import electron: they run under plain Node.',
  },
  { group: ['**/renderer/**'], message: 'electron/ never imports renderer/ code.' },
  wingFromInside,
  wingFromOutside,
]
const oneWay = Object.entries(wingsAbove).map(([wing, above]) => ({
  files: [`electron/main/services/${wing}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...servicePatterns,
          {
            regex: `^\\.\\./(${above.join('|')})(/.*)?$`,
            message: `Arrows run one way: ${wing}/ never imports a wing above it (${above.join(', ')}).`,
          },
        ],
      },
    ],
  },
}))

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      '.tsbuild/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/workspaces/**',
      'bench/results/**',
      '.tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      ...noDefaultExport,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*', 'electron-store'], message: 'shared/ is pure: no electron.' },
            { group: nodeModules, message: 'shared/ is pure: no Node modules.' },
            { group: ['react', 'react-dom', 'react/*', '@tiptap/react'], message: 'shared/ is pure: no React.' },
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ never imports app code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly' } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*', 'electron-store'],
              message: 'renderer/ never imports electron; use lib/bridge.ts.',
            },
            { group: nodeModules, message: 'renderer/ never imports Node modules.' },
            { group: ['**/electron/**'], message: 'renderer/ never imports electron/ code.' },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'newsdesk', message: 'Only renderer/lib/bridge.ts touches window.newsdesk.' },
      ],
    },
  },
  { files: ['renderer/lib/bridge.ts'], rules: { 'no-restricted-properties': 'off' } },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain', 'ipcRenderer'],
              message: 'ipcMain only in electron/main/ipc/, ipcRenderer only in electron/preload/.',
            },
          ],
          patterns: [
            { group: ['**/renderer/**'], message: 'electron/ never imports renderer/ code.' },
            wingFromOutside,
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/services/**/*.ts', 'electron/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: servicePatterns }] },
  },
  ...oneWay,
  {
    files: ['electron/main/ipc/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', importNames: ['ipcRenderer'], message: 'ipcRenderer only in electron/preload/.' },
          ],
          patterns: [
            { group: ['**/renderer/**'], message: 'electron/ never imports renderer/ code.' },
            wingFromOutside,
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', importNames: ['ipcMain'], message: 'ipcMain only in electron/main/ipc/.' }],
          patterns: [
            { group: ['**/renderer/**'], message: 'electron/ never imports renderer/ code.' },
            wingFromOutside,
          ],
        },
      ],
    },
  },
  {
    files: ['e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [wingFromOutside] }] },
  },
  { files: testFiles, rules: { 'no-restricted-syntax': ['error', defaultExportBan] } },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // Tool configs must default-export for their tools.
    files: ['*.config.ts', '*.config.js', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
)
