// Two projects: `domain` (pure code, also re-run under another process time zone by `npm run jest:tz`)
// and `product` (the built bundle on the in-memory Workspace, the browser, the scenario runner).
const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] };
module.exports = {
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
