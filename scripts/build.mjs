#!/usr/bin/env node
/**
 * `npm run build` (and `npm ci`, through `prepare`): compile src/ to dist/ so bin/sitrep.js starts
 * without compiling TypeScript at every run.
 *
 *   1. tsc -p tsconfig.build.json into a fresh folder (src/X.ts -> dist/X.js, the same depth, so
 *      every path the code resolves from its own file, `../../packs`, `../../data`, still lands in
 *      the project root);
 *   2. the files the code reads beside itself (JSON, SQL migrations, worker-thread bootstraps):
 *      every non-TypeScript file under src/ except READMEs;
 *   3. the bundled packs' YAML, parsed once into dist/pack-cache/<sha256 of the file>.json, which
 *      src/packs/load.ts reads instead of parsing YAML (a changed file has a new hash, so a stale
 *      entry is never used);
 *   4. the place index of the bundled gazetteer rows, dist/gazetteer/places.idx (src/gazetteer/
 *      build-index.ts, built by the compiled code itself so that its fingerprint is dist's), which
 *      loads by reading one file instead of folding 190k rows at every start;
 *   5. dist/.build.json, whose time bin/sitrep.js compares with the sources' to spot a stale build.
 *
 * The new tree replaces dist/ only once complete, so a command started meanwhile never sees half of
 * one. Plain JavaScript: it runs before anything is compiled.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');
const OUT = join(ROOT, 'dist');
const TMP = join(ROOT, `dist.tmp-${process.pid}`);
const require = createRequire(import.meta.url);

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

const t0 = performance.now();
rmSync(TMP, { recursive: true, force: true });
// Type errors are reported, not fatal: tsc still emits, tsx would run the same code, and
// `npm run typecheck` is the gate. A failure to emit at all (bad config, no compiler) is fatal.
const tsc = spawnSync(process.execPath, [join(dirname(require.resolve('typescript/package.json')), 'bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', TMP], { stdio: 'inherit' });
if (tsc.error || !existsSync(join(TMP, 'cli/main.js'))) {
  rmSync(TMP, { recursive: true, force: true });
  console.error(`build: tsc emitted nothing (${tsc.error?.message ?? `exit ${tsc.status}`})`);
  process.exit(1);
}
if (tsc.status !== 0) console.error('build: tsc reported type errors (above); dist/ is built anyway, run `npm run typecheck`');

let assets = 0;
for (const file of walk(SRC)) {
  if (file.endsWith('.ts') || /(^|\/)README\.md$/.test(file)) continue;
  const to = join(TMP, relative(SRC, file));
  mkdirSync(dirname(to), { recursive: true });
  cpSync(file, to);
  assets++;
}

// Only values JSON carries unchanged are cached (no dates, no infinities); any other file, or one
// that does not parse, is left to the YAML parser at run time, which reports its error there.
const YAML = require('yaml');
const cache = join(TMP, 'pack-cache');
mkdirSync(cache, { recursive: true });
let cached = 0;
const packsDir = join(ROOT, 'packs');
for (const file of existsSync(packsDir) ? walk(packsDir) : []) {
  if (!/\.ya?ml$/i.test(file)) continue;
  const raw = readFileSync(file, 'utf8');
  let value;
  try {
    value = YAML.parse(raw);
  } catch {
    continue;
  }
  const json = JSON.stringify(value);
  if (json === undefined || !isDeepStrictEqual(JSON.parse(json), value)) continue;
  writeFileSync(join(cache, `${createHash('sha256').update(raw).digest('hex')}.json`), json);
  cached++;
}

const tIndex = performance.now();
try {
  const { writeBundledIndex } = await import(pathToFileURL(join(TMP, 'gazetteer/build-index.js')).href);
  writeBundledIndex();
} catch (e) {
  // Not fatal: without the file, the first command builds the index (slower) and keeps it.
  console.error(`build: no place index (${e.message}); commands will build it at first use`);
}
const indexS = ((performance.now() - tIndex) / 1000).toFixed(1);

writeFileSync(join(TMP, '.build.json'), JSON.stringify({ builtAt: new Date().toISOString(), node: process.version }) + '\n');
const old = `${OUT}.old-${process.pid}`;
if (existsSync(OUT)) renameSync(OUT, old);
renameSync(TMP, OUT);
rmSync(old, { recursive: true, force: true });
console.error(`build: dist/ ready (${assets} assets, ${cached} pack files precompiled, place index in ${indexS} s) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
