#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so there is no build step between `npm ci` and `npx broadsheet`.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
