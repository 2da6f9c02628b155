// Lint rules for specguard's own code (not for API descriptions). Formatting is prettier's job,
// so eslint-config-prettier turns off every stylistic rule that would disagree with it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'bench/results/', 'bench/.cache/'] },
  js.configs.recommended,
  // Type-aware: the TypeScript sources and tests are linted with their types (one program, from
  // tsconfig.test.json, which includes them all).
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname } },
  },
  {
    // The scripts, bench and bin are plain JavaScript outside the TypeScript program.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
  {
    languageOptions: { globals: globals.node },
    rules: {
      // `_`-prefixed names are deliberately unused (callback positions).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Spectral's types are loose in places; casts there say so explicitly.
      '@typescript-eslint/no-explicit-any': 'error',
      // `x == null` is the one idiom for null or undefined.
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // Test files are type-checked by tsc (tsconfig.test.json); vitest's globals are imported explicitly.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
