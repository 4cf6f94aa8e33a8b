// ESLint over the TypeScript tree (npm run lint, run by .ci/run before the tests).
// typescript-eslint's recommended type-checked rules: one TypeScript program for the whole
// tree (the project service reads tsconfig.json), so the rules that need types (floating or
// misused promises, unsafe any, awaiting non-promises) cost one type check, like a build.
import eslint from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['dist/', 'dist-*/', 'node_modules/', 'test-results/', 'data/']),
  {
    files: ['{src,projections,sagas,test,bench,demo}/**/*.ts'],
    extends: [eslint.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The compiler's convention (noUnusedLocals/Parameters): a leading _ names what is left unused on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Port implementations are async on purpose: a synchronous store's throw becomes a rejection, as a remote one's.
      '@typescript-eslint/require-await': 'off',
      // A caught error (unknown since TypeScript 4.4) is passed on as it was thrown.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // node:test's describe/it/test return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] },
          ],
        },
      ],
    },
  },
  {
    // Tests, benchmarks and the demo read HTTP, gRPC and JSON answers untyped; the assertion on each field is the check.
    files: ['{test,bench,demo}/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
