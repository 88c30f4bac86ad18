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
  // With --coverage (npm test): scripts/coverage.mjs merges this with the dist/ runs' coverage,
  // prints the table and checks the thresholds.
  // src/local-action.ts runs only under @github/local-action (local-action.test.ts).
  collectCoverageFrom: ['src/**/*.ts', '!src/local-action.ts'],
  coverageProvider: 'v8',
  coverageDirectory: 'coverage/unit',
  coverageReporters: ['json'],
};
