import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';
import pkg from '../package.json' with { type: 'json' };

// The lab's frame-time benchmark, bundled for Node: `npm run bench:web` (it drives Chromium).
const external = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.devDependencies ?? {}),
];

export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist/bench-web',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: {
      input: { web: 'bench/web.ts' },
      external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
      output: { format: 'esm', entryFileNames: '[name].js' },
    },
  },
});
