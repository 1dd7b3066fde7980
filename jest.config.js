// Unit specs beside the code, end-to-end and browser specs under test/. Run through `npm test`,
// which provides the services and a per-run isolation id (scripts/test.mjs).
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
      baseUrl: __dirname,
      paths: {
        '@chadavkhi/platform': ['libs/platform/src'],
        '@chadavkhi/identity': ['libs/identity/src'],
        '@chadavkhi/learning': ['libs/learning/src'],
        '@chadavkhi/assessment': ['libs/assessment/src'],
        '@chadavkhi/certification': ['libs/certification/src'],
        '@chadavkhi/accountability': ['libs/accountability/src'],
        '@chadavkhi/notifications': ['libs/notifications/src'],
        '@chadavkhi/knowledge': ['libs/knowledge/src'],
      },
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: [
    '<rootDir>/{apps,libs}/**/*.spec.ts',
    '<rootDir>/test/architecture/*.spec.ts',
    '<rootDir>/test/service/*.service-spec.ts',
    '<rootDir>/test/**/*.e2e-spec.ts',
    '<rootDir>/test/**/*.browser-spec.ts',
  ],
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // meilisearch and jose ship only ES modules; let swc turn them into CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!(meilisearch|jose)/)'],
  moduleNameMapper: {
    '^@chadavkhi/platform$': '<rootDir>/libs/platform/src',
    '^@chadavkhi/identity$': '<rootDir>/libs/identity/src',
    '^@chadavkhi/learning$': '<rootDir>/libs/learning/src',
    '^@chadavkhi/assessment$': '<rootDir>/libs/assessment/src',
    '^@chadavkhi/certification$': '<rootDir>/libs/certification/src',
    '^@chadavkhi/accountability$': '<rootDir>/libs/accountability/src',
    '^@chadavkhi/notifications$': '<rootDir>/libs/notifications/src',
    '^@chadavkhi/knowledge$': '<rootDir>/libs/knowledge/src',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testSequencer: '<rootDir>/test/support/slow-first-sequencer.js',
  testTimeout: 60000,
  // Three files at a time on the 2-core machine the suite is measured on: a browser or process file
  // uses well under one core of CPU over its run (it waits on PostgreSQL, Chromium, child processes,
  // queue retries), so a third file fills the idle time. `npm test -- --maxWorkers=2` overrides it.
  maxWorkers: 3,
};
