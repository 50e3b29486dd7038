import { defineConfig } from 'vitest/config';

// The browser lab. `npm start` serves it; `npm run build` writes a static site to dist/web.
export default defineConfig({
  base: './',
  build: { outDir: 'dist/web', emptyOutDir: true },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
  },
});
