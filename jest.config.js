/** Unit tests (`*.spec.ts`, pure logic) and integration tests (`*.int-spec.ts`, `*.e2e-spec.ts`, real PostgreSQL and Redis). */
const { availableParallelism } = require('node:os');
const { compilerOptions } = require('./tsconfig.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };

module.exports = {
  // Two test files at a time even on two cores (jest's default there is one): the integration files spend
  // much of their time waiting on PostgreSQL, Chromium and sockets, and two at a time cut a full run by
  // about a third on this 2-core machine. Each file has its own database, so files never see each other.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  // Per test: some integration tests start processes or render hundreds of badges.
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'],
      transform,
      moduleNameMapper,
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/test/**/*.web-spec.ts'],
      transform,
      moduleNameMapper,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
