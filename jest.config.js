/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  testTimeout: 30000,
  // Most tests wait on timers and loopback servers, not the CPU: 4 workers on CI's 2 cores
  // take the suite from about 180 s (jest's default there, 1 worker) to under 100 s.
  maxWorkers: 4,
  // With --coverage (npm test): scripts/coverage.mjs merges this with the dist/ runs' coverage,
  // prints the table and checks the thresholds.
  // src/local-action.ts runs only under @github/local-action (local-action.test.ts);
  // src/vendors/vendor.ts is the contract, interfaces only: no line of it runs.
  collectCoverageFrom: ['src/**/*.ts', '!src/local-action.ts', '!src/vendors/vendor.ts'],
  coverageProvider: 'v8',
  coverageDirectory: 'coverage/unit',
  coverageReporters: ['json'],
};
