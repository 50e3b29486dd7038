import { defineConfig } from 'vitest/config';

// The browser lab. `npm start` serves it; `npm run build` writes a static site to dist/web.
export default defineConfig({
  base: './',
  build: { outDir: 'dist/web', emptyOutDir: true },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    // Whole-scenario runs (determinism, property tests) take seconds each; on a loaded 2-core CI
    // machine the 5 s default is too tight. Speed targets live in the benchmarks, not here.
    testTimeout: 60_000,
  },
});
