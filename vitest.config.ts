import { defineConfig } from 'vitest/config';

const slow = Boolean(process.env.OUTCOME_LEDGER_SLOW_TESTS);

export default defineConfig({
  test: {
    // test/slow (server processes, a million-row upload, load) runs after the rest in `npm test`
    // (alone: `npm run test:slow`; the rest alone: `npm run test:fast`), one file at a time so that
    // the figures they report are not skewed by each other.
    include: slow ? ['test/slow/**/*.test.ts'] : ['test/**/*.test.ts'],
    exclude: slow ? [] : ['test/slow/**'],
    fileParallelism: !slow,
    // Each file opens its own database (PGlite in memory, or a throwaway database on the
    // server named by DATABASE_URL); files run in parallel, tests within a file in order.
    pool: 'forks',
    testTimeout: slow ? 900_000 : 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});
