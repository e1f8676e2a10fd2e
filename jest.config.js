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

module.exports = {
  testTimeout: 60000,
  projects: [
    project('unit', '<rootDir>/src/**/*.spec.ts'),
    project('e2e', '<rootDir>/test/**/*.e2e-spec.ts', { testTimeout: 120000 }),
    // The TypeScript client (clients/typescript) against a live server.
    project('client', '<rootDir>/clients/typescript/test/**/*.e2e-spec.ts', { testTimeout: 120000 }),
  ],
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
