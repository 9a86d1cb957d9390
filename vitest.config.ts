import { defineConfig } from 'vitest/config';

// End-to-end builds and Python suites take minutes on a 2-core machine.
const timeouts = { testTimeout: 300_000, hookTimeout: 1_200_000 };

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { test: { name: 'unit', include: ['test/lib/**/*.test.ts', 'test/python/**/*.test.ts'], ...timeouts } },
      // The end-to-end files build into the one dist/: one file at a time.
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], fileParallelism: false, ...timeouts } },
    ],
  },
});
