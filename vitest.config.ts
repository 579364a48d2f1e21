import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          environment: 'node',
          // Vitest's default is one worker fewer than the cores: one on the 2-core CI machine. Most integration
          // tests wait on child processes, browsers and servers, so two files at a time take about 280 s there
          // instead of about 385 s.
          maxWorkers: Math.max(2, os.availableParallelism() - 1),
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time: the CI machine has two cores.
          fileParallelism: false,
          // A page under a loaded CI machine (or a team server's first
          // connection) can take more than vitest's default second to settle.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
