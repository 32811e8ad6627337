import { defineConfig } from 'vitest/config';

// Two projects: the unit/API tests, and the browser tests that drive Debian's Chromium against the
// real server. Browser tests walk through whole screens (with accessibility checks), so they get a
// longer timeout and run one file at a time, which keeps them from starving each other on a
// two-core machine.
export default defineConfig({
  test: {
    // Each test file gets its own database file (and PostgreSQL schema), so files run in parallel.
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'api',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
          exclude: ['test/browser/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // After the API tests, so the browser does not compete with them for the CPU.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
