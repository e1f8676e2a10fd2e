// One transform for both projects: @swc/jest compiles the TypeScript (with decorator metadata)
// and also the ESM-only NestJS packages, which Jest on Node 20 cannot load as they are.
const transform = {
  '^.+\\.(t|j|mj)s$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};
const transformIgnorePatterns = [
  '/node_modules/(?!(@nestjs|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit|load-esm)/)',
];
const project = (displayName, testMatch, extra = {}) => ({
  displayName,
  rootDir: '.',
  testMatch: [testMatch],
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns,
  ...extra,
});

// The tiers (docs/testing.md): unit (no database), medium (services on a real database, no HTTP),
// e2e (the HTTP contract), client (the TypeScript client against a live server), and slow
// (wall-clock and process tests: `npm run test:slow`; `npm test` leaves it out).
module.exports = {
  testTimeout: 60000,
  // Each test file has a database of its own, so files run side by side.
  maxWorkers: 2,
  // Built once per run: the migrated embedded template, and the PostgreSQL template database.
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  transform,
  transformIgnorePatterns,
  projects: [
    project('unit', '<rootDir>/src/**/*.spec.ts'),
    project('medium', '<rootDir>/test/medium/**/*.medium-spec.ts'),
    project('e2e', '<rootDir>/test/**/*.e2e-spec.ts', { testTimeout: 120000 }),
    // The TypeScript client (clients/typescript) against a live server.
    project('client', '<rootDir>/clients/typescript/test/**/*.e2e-spec.ts', { testTimeout: 120000 }),
    project('slow', '<rootDir>/test/slow/**/*.slow-spec.ts', { testTimeout: 180000 }),
    // CI's one run covers both databases: with TEST_DATABASE_URL set, this project runs the e2e
    // files again on the embedded database when TEST_ALSO_EMBEDDED=1 (.ci/run sets it).
    ...(process.env.TEST_DATABASE_URL && process.env.TEST_ALSO_EMBEDDED
      ? [
          project('e2e-embedded', '<rootDir>/test/**/*.e2e-spec.ts', {
            testTimeout: 120000,
            setupFiles: ['<rootDir>/test/setup/embedded-database.js'],
          }),
        ]
      : []),
  ],
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
