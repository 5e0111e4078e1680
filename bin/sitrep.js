#!/usr/bin/env -S node --no-regexp-tier-up
// Entry point: run the compiled JavaScript in dist/ (built by `npm ci` / `npm run build`), which
// starts without compiling TypeScript. Run the sources through tsx instead when dist/ is missing
// (`npm ci --ignore-scripts`), older than a source file (a checkout being edited: stale code must
// never run silently), or when SITREP_FROM_SOURCE=1 asks for it.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The `sitrep` command (this file through its #! line) starts V8 with --no-regexp-tier-up: regular
// expressions are compiled to machine code at their first use instead of first running in V8's
// regexp interpreter. The pipeline's patterns are large (event triggers, place-name scans of 10 kB
// and more) and their interpreted runs cost more than compiling: on the dev geoparsing texts the
// events stage took 2.0 -> 1.1 s CPU, one article 1.1 -> 0.8 s CPU. Matching is the same either way.
// The flag must be given at start: switched on later (v8.setFlagsFromString) it crashed V8 now and
// then, on expressions compiled before the switch. `node bin/sitrep.js` runs without it, as fast as
// before.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = join(ROOT, 'dist/.build.json');

/** The first source file changed after `since` (ms), or null: a few ms for the whole tree. */
function newerSource(dir, since) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      const hit = newerSource(p, since);
      if (hit) return hit;
    } else if (statSync(p).mtimeMs > since) return p;
  }
  return null;
}

function sourceReason() {
  if (process.env.SITREP_FROM_SOURCE === '1') return null;
  if (!existsSync(STAMP)) return 'dist/ is missing (run `npm run build`)';
  const src = join(ROOT, 'src');
  const stale = existsSync(src) ? newerSource(src, statSync(STAMP).mtimeMs) : null;
  return stale ? `dist/ is older than ${stale.slice(ROOT.length + 1)} (run \`npm run build\`)` : '';
}

// A closed pipe (`sitrep extract ... | head`) is the reader's choice, not an error: stop quietly.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const reason = sourceReason();
let main;
if (reason === '') ({ main } = await import('../dist/cli/main.js'));
else {
  if (reason) process.stderr.write(`sitrep: ${reason}; running the sources through tsx\n`);
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
