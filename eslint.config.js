// Lint rules for every TypeScript file in the project. The i18n rules keep literal text out of
// JSX in the plugin and the shell: every visible string goes through t().
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      '.cache/',
      'coverage/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/plugin/**/*.{ts,tsx}', 'src/shell/**/*.{ts,tsx}'],
    plugins: { react, 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    settings: { react: { version: '18.3' } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // Text in JSX goes through t(): no literal children, no literal strings in the
      // attributes people read or hear.
      'react/jsx-no-literals': ['error', { noStrings: false, ignoreProps: true }],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'JSXAttribute[name.name=/^(aria-label|aria-description|alt|title|titleText|placeholder|label|helperText|screenreaderText)$/] > Literal',
          message: 'Text people read or hear goes through t().',
        },
      ],
    },
  },
  {
    // Tests may name things in plain text; the rule is for what users see.
    files: ['**/*.test.{ts,tsx}'],
    rules: { 'react/jsx-no-literals': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    // Tests and measuring scripts assert their own invariants; `!` keeps them short.
    files: ['**/*.test.{ts,tsx}', 'scripts/**', 'integration-tests/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // The plugin imports only its own files, common/, and packages (DESIGN.md section 3).
    files: ['src/plugin/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/shell/**', '**/bff/**', '**/embedded-cluster/**'],
              message: 'The plugin may import only its own files, common/ and packages.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/plugin/**', '**/shell/**', '**/bff/**', '**/embedded-cluster/**'],
              message: 'common/ depends on nothing of ours.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/bff/**/*.ts', 'src/embedded-cluster/**/*.ts', 'src/shell/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/plugin/**'],
              message: 'Only the console loads the plugin; import from common/ instead.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
