import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';
import pkg from '../package.json' with { type: 'json' };

// The traffic benchmark alone, bundled for Node: `npm run bench:traffic`.
const external = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies ?? {}),
];

export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist/bench-traffic',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: {
      input: { traffic: 'bench/traffic.ts' },
      external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
      output: { format: 'esm', entryFileNames: '[name].js' },
    },
  },
});
