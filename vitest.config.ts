import { defineConfig } from 'vitest/config';

// Two projects: `api` (unit and integration tests, each file on a fresh migrated database: PGlite,
// or PostgreSQL with TEST_DATABASE_URL) and `e2e` (Chromium against one real server, see
// apps/web/e2e/). `npm test` runs them as separate phases: `vitest run --project api` per database,
// then `vitest run --project e2e` once.
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'api',
          include: [
            'apps/api/src/**/*.test.ts',
            'apps/web/src/**/*.test.{ts,tsx}',
            'packages/**/*.test.ts',
            'tools/**/*.test.{ts,js}',
          ],
          globalSetup: ['apps/api/src/testing/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['apps/web/e2e/**/*.e2e.test.ts'],
          // Builds the web app when stale and starts one server for the whole run.
          globalSetup: ['apps/web/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          // One server, two cores: files run one after another (each with its own Chromium).
          fileParallelism: false,
        },
      },
    ],
  },
});
