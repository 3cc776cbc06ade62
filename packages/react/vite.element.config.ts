import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// A self-contained ES module for non-React hosts: React, the core and the styles are bundled in,
// and importing it registers <fieldkit-designer> (src/element.ts).
export default defineConfig({
  resolve: {
    alias: [{ find: /^@fieldkit\/core$/, replacement: r('../core/src/index.ts') }],
  },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    lib: { entry: r('src/element.ts'), formats: ['es'], fileName: () => 'element.js' },
    sourcemap: false,
    minify: true,
  },
});
