#!/usr/bin/env node
// Entry point of the `flotilla` command: runs the bundle that `npm install` (prepare) builds.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli/flotilla.js', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('flotilla: the CLI is not built yet; run `npm run build:cli` (npm install does it)\n');
  process.exit(2);
}
const { main } = await import(bundle);
process.exitCode = await main(process.argv.slice(2));
