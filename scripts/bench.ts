/**
 * `npm run bench`: throughput and memory, measured, never asserted.
 *
 *   extract   docs/s and peak RSS of the whole pipeline, single process, over a fixed corpus:
 *             every text of ../shared/dev/*.jsonl plus the bundled sample articles (samples/ only,
 *             when ../shared is absent). Resources are loaded first; the first pass over unseen
 *             documents is the figure (a second pass over the same documents is shown beside it).
 *   jsonl     docs/s of `sitrep extract FILE.jsonl` as a child process, start-up included, so the
 *             per-process and per-file overheads show.
 *   startup   wall time of `sitrep extract` on one short article (the smallest bundled sample), the
 *             median of 5 runs: what a one-article command costs, start to exit.
 *   store     (when the store is present) ingest docs/s and filtered query p95 on 100k events.
 *   watch     latency of `sitrep watch`: a new item in a local feed to its event on an open
 *             dashboard's change stream (scripts/bench-watch.ts).
 *
 * docs/s depends on document length (each line gives the corpus's characters per document; news
 * articles run 2-5 KB), so characters/s is printed beside it. scripts/bench-naive.ts
 * (`npm run bench:naive`) compares sitrep with the naive pipeline of issue 14 on the same corpus.
 *
 * Each section prints one summary line starting with "bench ". `npm run bench -- extract jsonl`
 * runs only the sections named.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { Context } from '../src/context.ts';
import { recordDoc } from '../src/read/records.ts';
import { readInputs } from '../src/read/index.ts';
import { isErrorRecord } from '../src/read/errors.ts';
import { runPipeline } from '../src/pipeline.ts';
import { toResult } from '../src/result.ts';
import { Doc } from '../src/doc.ts';
import { median, timed } from './bench-naive.ts';

/** The V8 flag the `sitrep` command starts with (bin/sitrep.js's #! line): every run here has it too. */
export const SITREP_NODE_FLAGS = ['--no-regexp-tier-up'];
// V8 flags must be given at start, so the in-process figures come from a process started with them.
if (!SITREP_NODE_FLAGS.every((f) => process.execArgv.includes(f))) {
  const r = spawnSync(process.execPath, [...SITREP_NODE_FLAGS, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEV = resolve(ROOT, '../shared/dev');
const SAMPLES = existsSync(join(ROOT, 'samples')) ? join(ROOT, 'samples') : resolve(ROOT, '../shared/corpus/seeds');

async function corpus(): Promise<Doc[]> {
  const docs: Doc[] = [];
  if (existsSync(DEV)) {
    for (const f of readdirSync(DEV).filter((f) => f.endsWith('.jsonl')).sort()) {
      readFileSync(join(DEV, f), 'utf8')
        .split('\n')
        .filter(Boolean)
        .forEach((line, i) => docs.push(recordDoc(JSON.parse(line), `${f}#${i + 1}`)));
    }
  }
  if (existsSync(SAMPLES)) for await (const d of readInputs([SAMPLES])) if (!isErrorRecord(d)) docs.push(d);
  return docs;
}

async function benchExtract(): Promise<void> {
  const ctx = new Context();
  const docs = await corpus();
  // Load the shared resources (packs, gazetteer, model) on a few throwaway copies first, as any
  // long run has them; then time one pass over documents the process has not seen before.
  const tLoad = performance.now();
  for (const d of docs.slice(0, 20)) runPipeline(new Doc({ id: d.id, source: d.source, text: d.text + ' ', kind: d.kind, given: d.given }), ctx);
  const loadMs = performance.now() - tLoad;
  const chars = docs.reduce((n, d) => n + d.text.length, 0);
  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  // Like `sitrep extract`, which streams: a document is let go once its result is out.
  for (let i = 0; i < docs.length; i++) {
    toResult(runPipeline(docs[i], ctx));
    docs[i] = undefined as unknown as Doc;
  }
  const s = (performance.now() - t1) / 1000;
  // CPU seconds beside wall seconds: on a shared machine the wall time also counts others' work.
  const c = process.cpuUsage(cpu1);
  const cpuS = (c.user + c.system) / 1e6;
  const n = docs.length;
  const again = await corpus();
  const t2 = performance.now();
  for (let i = 0; i < again.length; i++) {
    toResult(runPipeline(again[i], ctx));
    again[i] = undefined as unknown as Doc;
  }
  const s2 = (performance.now() - t2) / 1000;
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(
    `bench extract: ${n} docs (${(chars / 1e6).toFixed(2)} M chars, ${Math.round(chars / n)}/doc), first pass ${s.toFixed(2)} s = ${(n / s).toFixed(0)} docs/s, ${(chars / s / 1e3).toFixed(0)} K chars/s; ` +
      `${cpuS.toFixed(2)} s CPU = ${(chars / cpuS / 1e3).toFixed(0)} K chars per CPU-s ` +
      `(same documents again: ${(again.length / s2).toFixed(0)} docs/s); resource loading ${(loadMs / 1000).toFixed(2)} s; peak RSS ${rss.toFixed(0)} MB`,
  );
}

function benchJsonlCli(): void {
  const file = existsSync(join(DEV, 'tr-news.jsonl')) ? join(DEV, 'tr-news.jsonl') : null;
  if (!file) return void console.log('bench jsonl: skipped (../shared/dev absent)');
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const n = lines.length;
  const chars = lines.reduce((k, l) => k + String(JSON.parse(l).text ?? '').length, 0);
  const t = performance.now();
  const r = spawnSync(process.execPath, [...SITREP_NODE_FLAGS, join(ROOT, 'bin/sitrep.js'), 'extract', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  const s = (performance.now() - t) / 1000;
  console.log(`bench jsonl: sitrep extract tr-news.jsonl, ${n} records in ${s.toFixed(2)} s wall (start-up included) = ${(n / s).toFixed(0)} docs/s, ${(chars / s / 1e3).toFixed(0)} K chars/s; exit ${r.status}`);
}

function benchStartup(): void {
  const texts = existsSync(SAMPLES) ? readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).map((f) => join(SAMPLES, f)) : [];
  if (!texts.length) return void console.log('bench startup: skipped (no sample article)');
  const file = texts.map((f) => ({ f, n: statSync(f).size })).sort((a, b) => a.n - b.n)[0];
  const runs = Array.from({ length: 5 }, () => timed([...SITREP_NODE_FLAGS, join(ROOT, 'bin/sitrep.js'), 'extract', file.f]));
  const from = runs.some((r) => /running the sources through tsx/.test(r.stderr)) ? 'TypeScript sources through tsx (dist/ missing or stale)' : 'dist/';
  const walls = runs.map((r) => r.wall);
  // CPU time beside wall time: on a shared machine the wall time also counts others' work.
  const rss = runs[0].rssMB == null ? '' : `; ${median(runs.map((r) => r.cpu!)).toFixed(2)} s CPU; peak RSS ${Math.max(...runs.map((r) => r.rssMB!)).toFixed(0)} MB`;
  console.log(
    `bench startup: sitrep extract on one ${file.n}-byte article, median of 5: ${median(walls).toFixed(2)} s wall ` +
      `(runs ${walls.map((w) => w.toFixed(2)).join(', ')})${rss}; ran ${from}`,
  );
}

async function benchStore(): Promise<void> {
  const path = join(ROOT, 'scripts/bench-store.ts');
  if (!existsSync(path)) return void console.log('bench store: skipped (no store yet)');
  const mod = await import(path);
  await mod.runStoreBench?.();
}

// `npm run bench -- extract` runs the named sections only; no names runs them all.
const only = process.argv.slice(2);
const want = (name: string) => !only.length || only.includes(name);
if (want('extract')) await benchExtract();
if (want('jsonl')) benchJsonlCli();
if (want('startup')) benchStartup();
if (want('store')) await benchStore();
if (want('watch')) await (await import('./bench-watch.ts')).runWatchBench();
