// One Jest run for the quick suite: shared and server unit specs, then end-to-end journeys.
// TypeScript goes through SWC with decorator metadata, which Nest's injection needs.
const path = require('node:path');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@jointduty/shared$': path.join(__dirname, 'shared/src/index.ts'),
    '^@jointduty/server/(.*)$': path.join(__dirname, 'server/src/$1'),
  },
};

module.exports = {
  // testTimeout is a global option: a project's own is not read in a multi-project run. Journeys
  // start real servers (about 2.5 s each on a busy 2-core machine), so the default 5 s is too short.
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'shared', rootDir: path.join(__dirname, 'shared'), testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    { ...common, displayName: 'server', rootDir: path.join(__dirname, 'server'), testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      rootDir: path.join(__dirname, 'test'),
      testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
      testTimeout: 30000,
    },
    // The lint rules themselves: import boundaries and file size, checked against fixtures.
    { ...common, displayName: 'lint', rootDir: path.join(__dirname, 'test'), testMatch: ['<rootDir>/lint/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'browser',
      rootDir: path.join(__dirname, 'test'),
      testMatch: ['<rootDir>/browser/**/*.browser-spec.ts'],
      testTimeout: 60000,
    },
  ],
};
