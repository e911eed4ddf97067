import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // test/slow (a million-row upload) runs with `npm run test:slow`; CI runs it too.
    include: process.env.OUTCOME_LEDGER_SLOW_TESTS ? ['test/slow/**/*.test.ts'] : ['test/**/*.test.ts'],
    exclude: process.env.OUTCOME_LEDGER_SLOW_TESTS ? [] : ['test/slow/**'],
    // Each file opens its own database (PGlite in memory, or a throwaway database on the
    // server named by DATABASE_URL); files run in parallel, tests within a file in order.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});
