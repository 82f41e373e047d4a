import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            '{core,broker,ingest,dashboard,firmware-sim,platform,cli,state,store,compliance}/**/*.test.ts',
          ],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Integration suites start real servers (aedes, Mosquitto, InfluxDB, Chromium) on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
