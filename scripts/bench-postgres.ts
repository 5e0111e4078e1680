/**
 * PostgreSQL benchmarks: `node --import tsx scripts/bench-postgres.ts [docs] [postgres://URL]`
 * (default 300 documents, $SITREP_BENCH_PG or postgres://postgres@127.0.0.1:5432/test). Measured,
 * never asserted; every run works in fresh schemas, dropped at the end.
 *
 *   store only   the store's own cost: pipeline results computed first, then stored one document
 *                per transaction by one writer, and by two writers at once (the write lock
 *                serialises their cross-document step).
 *   queue        the scale-out path: the documents enqueued (`sitrep ingest --queue`), then drained
 *                by 1 and by 2 `sitrep worker` processes. Steady-state docs/s is measured between
 *                the first and the last stored document (worker start-up, which loads the
 *                gazetteer and models once per process, is reported apart as wall time).
 *
 * Documents: the bundled samples plus the dev texts when ../shared is present, each given a unique
 * trailing line so none is deduplicated.
 */
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { Context } from '../src/context.ts';
import { Doc } from '../src/doc.ts';
import { runPipeline } from '../src/pipeline.ts';
import { toResult } from '../src/result.ts';
import { PostgresStore } from '../src/store/postgres/index.ts';
import { SqliteStore } from '../src/store/sqlite/index.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { enqueueDocs } from '../src/queue/index.ts';
import type { IngestInput } from '../src/store/types.ts';
import { benchCopies, benchCorpus } from './bench-corpus.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.argv[2] ?? 300);
const BASE = process.argv[3] ?? process.env.SITREP_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const RUN = `sitrep_bench_${randomBytes(3).toString('hex')}`;
let nSchemas = 0;
const url = () => {
  const u = new URL(BASE);
  u.searchParams.set('schema', `${RUN}_${nSchemas++}`);
  return u.toString();
};

async function storeOnly(inputs: IngestInput[], writers: number): Promise<{ docsPerSec: number; msPerDoc: number }> {
  const u = url();
  const stores = Array.from({ length: writers }, () => new PostgresStore(u));
  await stores[0].schemaVersion();
  for (const s of stores.slice(1)) await s.schemaVersion();
  const t = performance.now();
  let next = 0;
  await Promise.all(stores.map(async (s) => {
    for (let i = next++; i < inputs.length; i = next++) await s.ingest(inputs[i]);
  }));
  const sec = (performance.now() - t) / 1000;
  for (const s of stores) await s.close();
  return { docsPerSec: inputs.length / sec, msPerDoc: (sec * 1000) / inputs.length };
}

async function queue(all: Doc[], workers: number): Promise<{ docsPerSec: number; wallSec: number; stored: number }> {
  const u = url();
  await enqueueDocs(u, all, { command: 'bench' });
  const t = performance.now();
  const bin = join(ROOT, 'bin/sitrep.js');
  const codes = await Promise.all(
    Array.from({ length: workers }, () => new Promise<number>((res) => spawn(process.execPath, [bin, 'worker', '--db', u, '--drain'], { stdio: ['ignore', 'ignore', 'inherit'] }).on('exit', (c) => res(c ?? 1)))),
  );
  const wallSec = (performance.now() - t) / 1000;
  if (codes.some((c) => c !== 0)) throw new Error(`a worker failed: ${codes}`);
  const s = new PostgresStore(u);
  const st = await s.stats();
  const docsList = (await s.listDocuments({ limit: 10_000 })).items.map((d) => Date.parse(d.ingestedAt)).sort((a, b) => a - b);
  await s.close();
  const span = (docsList.at(-1)! - docsList[0]) / 1000;
  return { docsPerSec: (docsList.length - 1) / span, wallSec, stored: st.documents };
}

async function dropAll(): Promise<void> {
  const c = new pg.Client({ connectionString: BASE });
  await c.connect();
  for (const r of (await c.query('SELECT nspname FROM pg_namespace WHERE nspname LIKE $1', [`${RUN}%`])).rows) await c.query(`DROP SCHEMA ${r.nspname} CASCADE`);
  await c.end();
}

const all = benchCopies(await benchCorpus(), N);
try {
  process.stderr.write(`bench-postgres: ${N} documents, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on this machine\n`);
  const ctx = new Context();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const inputs: IngestInput[] = all.map((d) => {
    const fresh = new Doc({ id: d.id, source: d.source, text: d.text, kind: d.kind, given: d.given });
    return { result: toResult(runPipeline(fresh, ctx), { debug: false }), text: d.text, kind: d.kind };
  });
  const pipeSec = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  console.log(`pipeline alone (this process, incl. first-use loading): ${(N / pipeSec).toFixed(0)} docs/s wall, ${(N / ((cpu.user + cpu.system) / 1e6)).toFixed(0)} docs/CPU-s`);
  {
    // The same documents into a SQLite file, for scale: the machine may be shared and loaded.
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-pg-'));
    const s = new SqliteStore(join(dir, 'b.db'));
    const t = performance.now();
    for (const i of inputs) await s.ingest(i);
    const sec = (performance.now() - t) / 1000;
    await s.close();
    rmSync(dir, { recursive: true, force: true });
    console.log(`store only, SQLite file (for comparison): ${(N / sec).toFixed(0)} docs/s (${((sec * 1000) / N).toFixed(1)} ms/doc)`);
  }
  for (const w of [1, 2]) {
    const r = await storeOnly(inputs, w);
    console.log(`store only, ${w} writer(s): ${r.docsPerSec.toFixed(0)} docs/s (${r.msPerDoc.toFixed(1)} ms/doc)`);
  }
  for (const w of [1, 2]) {
    const r = await queue(all, w);
    console.log(`queue, ${w} worker process(es): ${r.docsPerSec.toFixed(0)} docs/s steady (first to last stored), ${r.wallSec.toFixed(1)} s wall incl. start-up; ${r.stored} stored`);
  }
} finally {
  await dropAll();
}
