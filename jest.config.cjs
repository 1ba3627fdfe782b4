// Two projects: `domain` (pure code, also re-run under another process time zone by `npm run jest:tz`)
// and `product` (the built bundle on the in-memory Workspace, the browser, the scenario runner).
const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] };
module.exports = {
  // The bundle is built once per run (test/helpers/bundle.ts reads it).
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  projects: [
    {
      displayName: 'domain',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/domain/**/*.test.ts'],
    },
    {
      displayName: 'product',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['<rootDir>/test/domain/'],
    },
  ],
};
