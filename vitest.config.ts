import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The dashboard serves only bundles built beforehand (dashboard/web-bundle.ts).
    globalSetup: ['test/harness/build-web.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            '{core,broker,ingest,dashboard,firmware-sim,platform,cli,state,store,compliance,bench}/**/*.test.ts',
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
