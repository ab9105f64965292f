import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources; the aliases point workspace imports at src, not dist.
export default defineConfig({
  resolve: {
    alias: [
      {
        find: /^@voxelhub\/core\/node\/demo$/,
        replacement: fileURLToPath(new URL('./packages/core/src/node/demo-files.ts', import.meta.url)),
      },
      {
        find: /^@voxelhub\/core\/demo$/,
        replacement: fileURLToPath(new URL('./packages/core/src/demo/index.ts', import.meta.url)),
      },
      {
        find: /^@voxelhub\/core\/geometry$/,
        replacement: fileURLToPath(new URL('./packages/core/src/geometry/index.ts', import.meta.url)),
      },
      {
        find: /^@voxelhub\/core\/segmentation$/,
        replacement: fileURLToPath(new URL('./packages/core/src/segmentation/index.ts', import.meta.url)),
      },
      {
        find: /^@voxelhub\/core\/catalog$/,
        replacement: fileURLToPath(new URL('./packages/core/src/catalog/index.ts', import.meta.url)),
      },
      {
        find: /^@voxelhub\/core\/export$/,
        replacement: fileURLToPath(new URL('./packages/core/src/export/index.ts', import.meta.url)),
      },
      {
        find: /^@voxelhub\/core\/annotation$/,
        replacement: fileURLToPath(new URL('./packages/core/src/annotation/index.ts', import.meta.url)),
      },
      {
        find: /^@voxelhub\/core\/node$/,
        replacement: fileURLToPath(new URL('./packages/core/src/node/index.ts', import.meta.url)),
      },
      {
        find: /^@voxelhub\/core$/,
        replacement: fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url)),
      },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
