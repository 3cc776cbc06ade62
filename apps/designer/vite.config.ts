import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The app compiles the workspace packages from source: no package build is needed to run it.
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^@fieldkit\/core\/validate$/, replacement: r('../../packages/core/src/validate/index.ts') },
      { find: /^@fieldkit\/core\/typescript$/, replacement: r('../../packages/core/src/typescript/index.ts') },
      { find: /^@fieldkit\/core$/, replacement: r('../../packages/core/src/index.ts') },
      { find: /^@fieldkit\/react$/, replacement: r('../../packages/react/src/index.ts') },
      // json-schema-to-typescript (lazy-loaded for the TypeScript export) is written for Node.
      // prettier: loaded eagerly by it, reads `process` at load and weighs megabytes; the shim only
      // re-indents (src/shims/prettier.ts). path: used to name in-memory schemas (src/shims/path.ts).
      { find: /^prettier$/, replacement: r('./src/shims/prettier.ts') },
      { find: /^(node:)?path$/, replacement: r('./src/shims/path.ts') },
    ],
  },
  define: {
    // json-schema-to-typescript's DEFAULT_OPTIONS calls process.cwd() at module load; ref-parser
    // asks Buffer.isBuffer() of parsed data. Neither exists in a browser; both answers are inert here.
    'process.cwd': '(() => "/")',
    'Buffer.isBuffer': '((_value) => false)',
  },
  server: { port: 5178, strictPort: true, host: '127.0.0.1' },
  preview: { port: 5178, strictPort: true, host: '127.0.0.1' },
});
