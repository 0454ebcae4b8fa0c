/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // tsconfig's isolatedModules makes ts-jest transpile file by file; `npm run typecheck` checks types.
  transform: { '^.+\\.ts$': 'ts-jest' },
  moduleNameMapper: {
    '^adaptivecards$': '<rootDir>/node_modules/adaptivecards/dist/adaptivecards.js',
  },
  testTimeout: 20000,
  // Many suites wait on timers, processes and sockets rather than the CPU: two workers on two cores.
  maxWorkers: 2,
};
