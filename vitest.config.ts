import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Spawned CLI tests start Node processes; keep the pool small on 2-core machines.
    pool: 'forks',
    testTimeout: 20_000,
  },
});
