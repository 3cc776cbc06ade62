import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The app compiles the workspace packages from source: no package build is needed to run it.
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^@fieldkit\/core\/infer$/, replacement: r('../../packages/core/src/infer-only.ts') },
      { find: /^@fieldkit\/core\/validate$/, replacement: r('../../packages/core/src/validate/index.ts') },
      { find: /^@fieldkit\/core\/typescript$/, replacement: r('../../packages/core/src/typescript/index.ts') },
      { find: /^@fieldkit\/core$/, replacement: r('../../packages/core/src/index.ts') },
      { find: /^@fieldkit\/react$/, replacement: r('../../packages/react/src/index.ts') },
    ],
  },
  // The main chunk carries React and CodeMirror (~250 kB gzip); ajv and json-schema-to-typescript
  // are split out and loaded on first use (the TypeScript export runs in a worker).
  build: { chunkSizeWarningLimit: 1000 },
  worker: { format: 'es' },
  server: { port: 5178, strictPort: true, host: '127.0.0.1' },
  preview: { port: 5178, strictPort: true, host: '127.0.0.1' },
});
