// Lint and the architecture's fences, run by `npm test` (scripts/test-all.js). The mini program
// has its own toolchain (Taro, Babel) and is type-checked by its own tsconfig.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from './config/eslint/module-boundaries.mjs';
import { KNOWN_CROSS_MODULE_ENTITY_IMPORTS } from './config/eslint/known-entity-imports.mjs';


export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'miniapp/**', 'coverage/**', 'reports/**', '.stryker-tmp/**', '**/*.js', '**/*.mjs', '**/*.cjs',
      // The benches and scripts are plain Node: linted for what breaks them (a bench that no longer parses went unnoticed).
      '!bench/*.js', '!scripts/*.js'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { kejing: boundaries },
    rules: {
      // A leading underscore marks a parameter or binding kept for its position or to drop a key.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Input checks refuse control characters on purpose, and say so with a character class.
      'no-control-regex': 'off',
      'kejing/entities-stay-home': ['error', { allowed: KNOWN_CROSS_MODULE_ENTITY_IMPORTS }],
    },
  },
  {
    files: ['shared/src/**/*.ts'],
    rules: {
      'kejing/shared-is-pure': 'error',
      // The domain never reads the clock, randomness or timers: callers pass `now` and seeds.
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'shared/ takes now from its caller' },
        { object: 'Math', property: 'random', message: 'shared/ takes randomness (a seed) from its caller' },
        { object: 'performance', property: 'now', message: 'shared/ takes now from its caller' },
      ],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'setImmediate', 'process', 'crypto', 'fetch'],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'shared/ takes now from its caller' }],
    },
  },
  {
    // Test helpers choose seeds and run counts from the environment (CI replays a fixed seed).
    files: ['shared/src/testing/**/*.ts'],
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    files: ['bench/*.js', 'scripts/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: Object.fromEntries(['require', 'module', 'exports', 'process', '__dirname', '__filename', 'console', 'Buffer', 'URL', 'fetch', 'AbortController',
        'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'queueMicrotask', 'structuredClone', 'TextEncoder', 'TextDecoder'].map((name) => [name, 'readonly'])),
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['tests/**/*.ts', '**/*.test.ts'],
    rules: {
      // Tests send numbers past 2^53 on purpose, to prove they are refused.
      'no-loss-of-precision': 'off',
    },
  },
);
