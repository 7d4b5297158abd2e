// Lint rules: typescript-eslint's recommended set, plus the layer rules of STYLE.md section 3
// and the hot-path rule of section 8 (no `throw` in decode/ and flow/).
import tseslint from 'typescript-eslint';

const layer = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'web/dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  layer(
    ['src/core/**/*.ts'],
    [{ group: ['../*', '!../core/*'], message: 'core imports nothing internal' }],
  ),
  layer(
    ['src/capture/**/*.ts'],
    [
      {
        group: [
          '**/decode/**',
          '**/flow/**',
          '**/events/**',
          '**/pipeline/**',
          '**/cli/**',
          '**/api/**',
        ],
        message: 'capture depends on core only',
      },
    ],
  ),
  layer(
    ['src/decode/**/*.ts'],
    [
      {
        group: [
          '**/flow/**',
          '**/events/**',
          '**/pipeline/**',
          '**/cli/**',
          '**/api/**',
          '**/capture/*',
          '!**/capture/source.js',
        ],
        message: 'decode depends on core (and capture types) only',
      },
    ],
  ),
  layer(
    ['src/analysis/**/*.ts'],
    [
      {
        group: [
          '**/flow/**',
          '**/pipeline/**',
          '**/cli/**',
          '**/api/**',
          '**/capture/**',
          '**/decode/*',
          '!**/decode/decoder.js',
          '**/decode/app/*/*',
          '!**/decode/app/*/events.js',
        ],
        message:
          'analysis consumes events (the decoder contract and event types, events/) and core only',
      },
    ],
  ),
  layer(
    ['src/flow/**/*.ts'],
    [
      {
        group: ['**/events/**', '**/pipeline/**', '**/cli/**', '**/api/**', '**/decode/app/**'],
        message: 'flow depends on core and decode types only',
      },
    ],
  ),
  {
    files: ['src/decode/**/*.ts', 'src/flow/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ThrowStatement',
          message: 'the hot path never throws: count an anomaly and return a status',
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
