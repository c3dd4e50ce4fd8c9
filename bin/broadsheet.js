#!/usr/bin/env node
// Runs the TypeScript sources with no build step between `npm ci` and `npx broadsheet`: compiled once per
// change of the sources (see compiled-sources.js), or through tsx when BROADSHEET_TSX=1.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
let main;
if (process.env.BROADSHEET_TSX === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  main = await import('../src/cli/main.ts');
} else {
  const { compiledPath } = await import('./compiled-sources.js');
  main = await import(await compiledPath(root, 'src/cli/main.ts'));
}
process.exitCode = await main.runCli(process.argv.slice(2));
