// Lint keeps the layers: the engine is pure (no I/O, no process, no CLI or YAML libraries) and
// nothing but src/cli.ts ends the process or writes to the terminal.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const IO_MODULES = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'child_process', 'node:child_process', 'node:process', 'process', 'http', 'node:http', 'https', 'node:https', 'net', 'node:net'];
const UI_MODULES = ['commander', 'yaml', '@inquirer/prompts', 'chalk', 'cli-table3'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-globals': ['error', { name: 'fetch', message: 'No network access at run time.' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'exit', message: 'Only src/cli.ts ends the process, through exit codes.' },
        { object: 'process', property: 'stdout', message: 'Write through the Io passed in.' },
        { object: 'process', property: 'stderr', message: 'Write through the Io passed in.' },
      ],
    },
  },
  {
    files: ['src/engine/**/*.ts', 'src/report.ts', 'src/units.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...IO_MODULES, ...UI_MODULES].map((name) => ({ name, message: 'The engine is pure: load and print in commands.' })) }],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'The engine is pure: pass what it needs in.' },
        { name: 'fetch', message: 'No network access at run time.' },
      ],
    },
  },
);
