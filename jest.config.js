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
        '@chadavkhi/evaluation': ['libs/evaluation/src'],
        '@chadavkhi/knowledge': ['libs/knowledge/src'],
        '@chadavkhi/planning': ['libs/planning/src'],
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
  // meilisearch, jose, otpauth, openid-client and oauth4webapi ship only ES modules; let swc turn them into CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!(meilisearch|jose|otpauth|openid-client|oauth4webapi)/)'],
  moduleNameMapper: {
    '^@chadavkhi/platform$': '<rootDir>/libs/platform/src',
    '^@chadavkhi/identity$': '<rootDir>/libs/identity/src',
    '^@chadavkhi/learning$': '<rootDir>/libs/learning/src',
    '^@chadavkhi/assessment$': '<rootDir>/libs/assessment/src',
    '^@chadavkhi/certification$': '<rootDir>/libs/certification/src',
    '^@chadavkhi/accountability$': '<rootDir>/libs/accountability/src',
    '^@chadavkhi/notifications$': '<rootDir>/libs/notifications/src',
    '^@chadavkhi/evaluation$': '<rootDir>/libs/evaluation/src',
    '^@chadavkhi/knowledge$': '<rootDir>/libs/knowledge/src',
    '^@chadavkhi/planning$': '<rootDir>/libs/planning/src',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  // Two files at a time on a 2-core machine. Three were tried (most files wait more than they
  // compute), but the slowest files then start together with the type-check and lint, and timing
  // checks (a /health answer within 200 ms, timers on time beside an extraction) and browser steps
  // time out: a run took 920 s with nine failures against 518 s with none.
  maxWorkers: 2,
};
