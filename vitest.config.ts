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
      // The EPUB end-to-end test (epubcheck and DAISY Ace on both editions) took 21 min on a
      // loaded machine, which does not fit CI's 30-minute budget next to the other outputs:
      // `npm run test:epub` runs it until it is made faster (issue #4 stays open until then).
      { test: { name: 'slow', include: ['test/slow/**/*.test.ts'], fileParallelism: false, ...timeouts } },
    ],
  },
});
