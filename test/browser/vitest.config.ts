import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The browser tests (`npm run test:browser`): they drive Debian's Chromium against the built site
// in dist/web, so the main `npm test` (vite.config.ts) excludes them.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One Chromium at a time: the CI machine has two cores.
    fileParallelism: false,
  },
});
