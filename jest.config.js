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
// e2e (the HTTP contract), client (the TypeScript client against a live server), slow (wall-clock
// and process tests), replica (reads on a real streaming replica) and e2e-embedded (the e2e files on the embedded database while
// TEST_DATABASE_URL names a server: CI's one run covers both databases). TEST_TIERS lists the
// projects of a run (`npm run test:slow` sets it); by default every one but slow, replica and
// e2e-embedded.
// An environment variable rather than --selectProjects, which would swallow a file path after it.
const tiers = [
  project('unit', '<rootDir>/src/**/*.spec.ts'),
  project('medium', '<rootDir>/test/medium/**/*.medium-spec.ts'),
  project('e2e', '<rootDir>/test/**/*.e2e-spec.ts', { testTimeout: 120000 }),
  project('client', '<rootDir>/clients/typescript/test/**/*.e2e-spec.ts', { testTimeout: 120000 }),
  project('slow', '<rootDir>/test/slow/**/*.slow-spec.ts', { testTimeout: 180000 }),
  // A real primary and streaming replica of the tier's own (test/helpers/replica-cluster.ts).
  project('replica', '<rootDir>/test/replica/**/*.replica-spec.ts', { testTimeout: 180000 }),
  project('e2e-embedded', '<rootDir>/test/**/*.e2e-spec.ts', {
    testTimeout: 120000,
    setupFiles: ['<rootDir>/test/setup/embedded-database.js'],
  }),
];
const selected = process.env.TEST_TIERS?.split(',').map((name) => name.trim());
const unknown = (selected ?? []).filter((name) => !tiers.some((tier) => tier.displayName === name));
if (unknown.length > 0) throw new Error(`TEST_TIERS names no tier: ${unknown.join(', ')}`);

module.exports = {
  testTimeout: 60000,
  // Each test file has a database of its own, so files run side by side.
  maxWorkers: 2,
  // Built once per run: the migrated embedded template, and the PostgreSQL template database.
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  transform,
  transformIgnorePatterns,
  projects: tiers.filter((tier) =>
    selected ? selected.includes(tier.displayName) : !['slow', 'replica', 'e2e-embedded'].includes(tier.displayName),
  ),
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
