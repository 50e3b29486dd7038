import { builtinModules } from 'node:module';
import { defineConfig, type UserConfig } from 'vite';
import pkg from '../package.json' with { type: 'json' };

/**
 * A benchmark bundled alone for Node (`dist/bench-<name>/<name>.js`), with Node's modules and the
 * package's dependencies left external, so it builds whatever state the other entries are in.
 * `withDevDependencies`: the web benchmark also imports playwright-core.
 */
export function nodeBundle(name: string, entry: string, withDevDependencies = false): UserConfig {
  const external = [
    ...builtinModules,
    ...builtinModules.map((m) => `node:${m}`),
    ...Object.keys(pkg.dependencies ?? {}),
    ...(withDevDependencies ? Object.keys(pkg.devDependencies ?? {}) : []),
  ];
  return defineConfig({
    build: {
      ssr: true,
      outDir: `dist/bench-${name}`,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rollupOptions: {
        input: { [name]: entry },
        external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
        output: { format: 'esm', entryFileNames: '[name].js' },
      },
    },
  });
}
