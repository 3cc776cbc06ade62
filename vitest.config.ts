import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Tests import the workspace packages from source, so `vitest` needs no build of them.
// More specific subpaths come first: vite matches aliases in order.
const alias = [
  { find: /^@fieldkit\/core\/infer$/, replacement: r('./packages/core/src/infer-only.ts') },
  { find: /^@fieldkit\/core\/validate$/, replacement: r('./packages/core/src/validate/index.ts') },
  { find: /^@fieldkit\/core\/typescript$/, replacement: r('./packages/core/src/typescript/index.ts') },
  { find: /^@fieldkit\/core$/, replacement: r('./packages/core/src/index.ts') },
  { find: /^@fieldkit\/react$/, replacement: r('./packages/react/src/index.ts') },
];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: 'core', environment: 'node', include: ['packages/core/src/**/*.test.ts'] } },
      { resolve: { alias }, test: { name: 'cli', environment: 'node', include: ['packages/cli/src/**/*.test.ts'], testTimeout: 60_000 } },
      { resolve: { alias }, test: { name: 'react', environment: 'jsdom', include: ['packages/react/src/**/*.test.{ts,tsx}'] } },
      { resolve: { alias }, test: { name: 'fixtures', environment: 'node', include: ['test/**/*.test.ts'], testTimeout: 120_000 } },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['apps/designer/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
