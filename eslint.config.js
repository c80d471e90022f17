import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Only these files may import `electron` (the thin shell); everything else is plain TS.
const ELECTRON_SHELL = ['electron/main.ts', 'electron/preload.ts', 'electron/platform/**/*.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'release/**', 'node_modules/**', 'electron/generated/**', 'test-results/**', 'bench/results*.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['electron/**/*.ts', 'e2e/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'packaging/**/*.ts', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['electron/**/*.ts', 'e2e/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'packaging/**/*.ts'],
    ignores: ELECTRON_SHELL,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only the Electron shell (main.ts, preload.ts, platform/) imports electron.', allowTypeImports: true }],
          patterns: [{ group: ['electron-store'], message: 'Use the store backend adapter in electron/platform/store-backend.ts.' }],
        },
      ],
    },
  },
  {
    // GitHub Desktop's rule: raw ipcMain / ipcRenderer only in the files that wire the contract.
    files: ['electron/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'IPC is wired only in main.ts and preload.ts from the contract.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'No Electron in the renderer.' }],
          patterns: [
            { regex: '^(\\.\\./)+electron/(?!ipc/contract$|ipc/omi-scopes$|ipc/omi-defaults$)', message: 'The renderer reaches main only through window.devkeys.' },
            { regex: '^(\\.\\./)+electron/ipc/contract$', allowTypeImports: true, message: 'Import the contract with `import type` only.' },
            { regex: '^node:', message: 'No Node APIs in the renderer.' },
          ],
        },
      ],
    },
  },
);
