// The integration run: the same journeys against the real local PostgreSQL (one file at a time,
// since they share the database).
const path = require('node:path');
const base = require('../jest.config.js');

const e2e = base.projects.find((p) => p.displayName === 'e2e');

process.env.TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

module.exports = {
  ...e2e,
  displayName: 'postgres',
  rootDir: path.join(__dirname),
  testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts', '<rootDir>/integration/**/*.int-spec.ts'],
  // these two never touch a database: the quick suite runs them once
  testPathIgnorePatterns: ['/node_modules/', 'correlation-day', 'day-generator'],
  maxWorkers: 1,
};
