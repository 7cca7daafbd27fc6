// force timezone to UTC to allow tests to work regardless of local timezone
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');

/**
 * Three projects on the create-plugin base config:
 *  - frontend: React editors, panels and pages in jsdom (@testing-library/react)
 *  - node: domain logic, backend and integration tests (real Prometheus, Alertmanager, the built executable)
 *  - e2e: renders in headless Chromium; needs `npm run build` first
 */
const node = { ...base, testEnvironment: 'node', setupFilesAfterEnv: ['<rootDir>/tests/support/jest-timeout.js'] };

module.exports = {
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.js'],
  projects: [
    {
      ...base,
      // @grafana/data pulls d3-color etc., which ship only .mjs; the base transform covers .js/.ts only.
      transform: { ...base.transform, '^.+\\.mjs$': base.transform['^.+\\.(t|j)sx?$'] },
      displayName: 'frontend',
      testMatch: ['<rootDir>/src/{app,datasource,panels}/**/*.test.{ts,tsx}', '<rootDir>/tests/unit/frontend/**/*.test.{ts,tsx}'],
    },
    {
      ...node,
      displayName: 'node',
      testMatch: [
        '<rootDir>/src/{core,backend,demo,cli}/**/*.test.ts',
        '<rootDir>/tests/unit/**/*.test.ts',
        '<rootDir>/tests/integration/**/*.test.ts',
      ],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/unit/frontend/'],
    },
    {
      ...node,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
    },
  ],
};
