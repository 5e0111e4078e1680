#!/usr/bin/env node
// Entry point: run the TypeScript sources through tsx (no build step to forget).
import { register } from 'tsx/esm/api';
register();
// A closed pipe (`sitrep extract ... | head`) is the reader's choice, not an error: stop quietly.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
