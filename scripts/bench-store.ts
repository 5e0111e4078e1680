/**
 * Store benchmarks (run by `npm run bench` through `runStoreBench`, or alone:
 * `node --import tsx scripts/bench-store.ts [events]`). Measured, never asserted.
 *
 *   benchStoreIngest  docs/s of the whole ingest path (read -> pipeline -> store, one transaction
 *                     per document) into a fresh SQLite file, over the bundled samples plus the dev
 *                     texts when ../shared is present; each document given a unique line so none is
 *                     deduplicated. Also the store alone (constructed results, no pipeline).
 *   benchStoreQuery   generates N (default 100k) events through the normal ingest path (synthetic
 *                     documents: 5 events each, 10 years, 10 actors, 5 countries), then times filtered
 *                     `listEvents` queries (first page of 100): type+dates, country+dates, actor, near,
 *                     all combined, and a cursor page; reports p50/p95 per query and overall.
 * Targets (issue 5): ingest >= 150 docs/s; filtered query on 100k events <= 50 ms p95.
 */
import { rmSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Context } from '../src/context.ts';
import { Doc } from '../src/doc.ts';
import { runPipeline } from '../src/pipeline.ts';
import { toResult } from '../src/result.ts';
import { SqliteStore } from '../src/store/sqlite/index.ts';
import { ingestDocs } from '../src/store/ingest.ts';
import type { EventQuery } from '../src/store/types.ts';
import { syntheticDoc } from '../test/store/generate.ts';
import { benchCopies, benchCorpus } from './bench-corpus.ts';
import { loadavg } from 'node:os';


function tmpDb(name: string): { path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-'));
  return { path: join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

export interface IngestBench {
  docs: number;
  /** End to end (read docs -> pipeline -> store, one transaction per document). */
  seconds: number;
  docsPerSec: number;
  /** The same per CPU-second of this process (robust when other processes share the machine). */
  docsPerCpuSec: number;
  /** End to end with the threaded writer (`ingestDocs(..., { threaded: true })`, what `sitrep ingest` uses). */
  threadedSeconds: number;
  threadedDocsPerSec: number;
  /** The pipeline alone on the same documents, per CPU-second (for comparison). */
  pipelineDocsPerCpuSec: number;
  /** The store's share: storing precomputed pipeline results of the same documents. */
  storeOnlyDocsPerSec: number;
  storeOnlyMsPerDoc: number;
  storeOnlyCpuMsPerDoc: number;
}

function cpuSec(from: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1e6;
}

/** Whole-path ingest throughput (pipeline + store), and the store's own cost per document. */
export async function benchStoreIngest(opts: { minDocs?: number } = {}): Promise<IngestBench> {
  const base = await benchCorpus();
  const minDocs = opts.minDocs ?? 500;
  const make = (): Doc[] => benchCopies(base, Math.max(minDocs, base.length));
  const ctx = new Context();
  for (const d of make().slice(0, 50)) runPipeline(d, ctx); // load resources once, as a long-running ingest would have
  const db = tmpDb('ingest.db');
  const store = new SqliteStore(db.path);
  const docs = make();
  const c0 = process.cpuUsage();
  const t = performance.now();
  const run = await ingestDocs(store, docs, { ctx, command: 'bench' });
  const seconds = (performance.now() - t) / 1000;
  const cpu = cpuSec(c0);
  await store.close();
  db.cleanup();

  // The same with the threaded writer (extraction and storage overlap on two cores).
  const dbT = tmpDb('ingest-threaded.db');
  const storeT = new SqliteStore(dbT.path);
  const docsT = make();
  const tT = performance.now();
  const runT = await ingestDocs(storeT, docsT, { ctx, command: 'bench', threaded: true });
  const secondsT = (performance.now() - tT) / 1000;
  await storeT.close();
  dbT.cleanup();

  // The store alone on the same documents: pipeline results computed first, then only stored.
  const cp = process.cpuUsage();
  const inputs = make().map((d) => ({ result: toResult(runPipeline(d, ctx), { debug: false }), text: d.text }));
  const pipelineCpu = cpuSec(cp);
  const db2 = tmpDb('store-only.db');
  const s2 = new SqliteStore(db2.path);
  const c2 = process.cpuUsage();
  const t2 = performance.now();
  for (const i of inputs) await s2.ingest(i);
  const s2sec = (performance.now() - t2) / 1000;
  const s2cpu = cpuSec(c2);
  await s2.close();
  db2.cleanup();
  return {
    docs: run.added,
    seconds,
    docsPerSec: run.added / seconds,
    docsPerCpuSec: run.added / cpu,
    threadedSeconds: secondsT,
    threadedDocsPerSec: runT.added / secondsT,
    pipelineDocsPerCpuSec: inputs.length / pipelineCpu,
    storeOnlyDocsPerSec: inputs.length / s2sec,
    storeOnlyMsPerDoc: (s2sec * 1000) / inputs.length,
    storeOnlyCpuMsPerDoc: (s2cpu * 1000) / inputs.length,
  };
}

export interface QueryBench {
  events: number;
  generateSeconds: number;
  perQuery: Record<string, { p50: number; p95: number; cpuP95: number }>;
  /** Wall-clock p95 (ms) over every query run. */
  p95: number;
  /** CPU-time p95 (ms): what a query costs when the machine is not shared. */
  cpuP95: number;
}

/** Filtered query latency on `events` generated events (default 100k). */
export async function benchStoreQuery(opts: { events?: number; runs?: number; path?: string } = {}): Promise<QueryBench> {
  const target = opts.events ?? 100_000;
  const perDoc = 5;
  const db = opts.path ? { path: opts.path, cleanup: () => {} } : tmpDb('query.db');
  const store = new SqliteStore(db.path);
  const t0 = performance.now();
  // Batches of documents per transaction only to generate faster; each document is still stored
  // by the normal ingest path (clustering, summaries, change feed).
  const count = () => (store.db.prepare('SELECT COUNT(*) AS n FROM events WHERE deleted = 0').get() as { n: number }).n;
  let i = 0;
  for (let have = count(); have < target; have = count()) {
    const batch = Math.max(1, Math.min(500, Math.ceil((target - have) / perDoc)));
    const docs = Array.from({ length: batch }, () => syntheticDoc(i++, { events: perDoc, mentions: 5, days: 3650 }));
    store.ingestBatch(docs);
  }
  const events = count();
  const generateSeconds = (performance.now() - t0) / 1000;
  store.db.exec('ANALYZE');

  let seed = 42;
  const r = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const year = () => 2015 + Math.floor(r() * 10);
  const types = ['Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Strategic developments', 'Protests'];
  const actors = ['org:isis', 'org:sdf', 'org:isf', 'org:cjtf-oir', 'org:pmf', 'org:hts', 'org:kdp'];
  const countries = ['SY', 'IQ', 'TR', 'LB', 'JO'];
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const queries: Record<string, () => EventQuery> = {
    'type+dates': () => {
      const y = year();
      return { type: pick(types), since: `${y}-01-01`, until: `${y}-12-31` };
    },
    'country+dates': () => {
      const y = year();
      return { country: pick(countries), since: `${y}-03-01`, until: `${y}-08-31` };
    },
    actor: () => ({ actor: pick(actors) }),
    'actor+since': () => ({ actor: pick(actors), since: `${year()}-06-01` }),
    near: () => ({ near: { lat: 30 + r() * 8, lon: 36 + r() * 10, km: 50 } }),
    combined: () => ({ type: pick(types), country: pick(countries), actor: pick(actors), since: `${year()}-01-01` }),
    'actor name': () => ({ actor: 'hts' }),
  };
  const runs = opts.runs ?? 100;
  const perQuery: QueryBench['perQuery'] = {};
  const all: number[] = [];
  const allCpu: number[] = [];
  for (const [name, make] of Object.entries(queries)) {
    const times: number[] = [];
    const cpus: number[] = [];
    for (let k = 0; k < runs; k++) {
      const q = make();
      const c = process.cpuUsage();
      const t = performance.now();
      const page = await store.listEvents({ ...q, limit: 100 });
      if (k % 10 === 0 && page.next) await store.listEvents({ ...q, limit: 100, cursor: page.next });
      times.push(performance.now() - t);
      cpus.push(cpuSec(c) * 1000);
    }
    perQuery[name] = { p50: pct(times, 50), p95: pct(times, 95), cpuP95: pct(cpus, 95) };
    all.push(...times);
    allCpu.push(...cpus);
  }
  await store.close();
  db.cleanup();
  return { events, generateSeconds, perQuery, p95: pct(all, 95), cpuP95: pct(allCpu, 95) };
}

/** What `npm run bench` calls: prints one "bench store ..." line per measure. */
export async function runStoreBench(opts: { events?: number } = {}): Promise<void> {
  const load = () => `load average ${loadavg()[0].toFixed(1)}`;
  const ing = await benchStoreIngest();
  console.log(
    `bench store ingest: ${ing.docs} docs (pipeline + SQLite, one transaction each): threaded writer ${ing.threadedDocsPerSec.toFixed(0)} docs/s wall (${ing.threadedSeconds.toFixed(2)} s); ` +
      `inline ${ing.docsPerSec.toFixed(0)} docs/s wall (${ing.seconds.toFixed(2)} s), ` +
      `${ing.docsPerCpuSec.toFixed(0)} docs per CPU-second (target >= 150; pipeline alone ${ing.pipelineDocsPerCpuSec.toFixed(0)} docs per CPU-second); ` +
      `the store's share ${ing.storeOnlyCpuMsPerDoc.toFixed(2)} ms CPU/doc, ${ing.storeOnlyMsPerDoc.toFixed(2)} ms wall/doc (${ing.storeOnlyDocsPerSec.toFixed(0)} docs/s alone); ${load()}`,
  );
  const q = await benchStoreQuery({ events: opts.events });
  const parts = Object.entries(q.perQuery).map(([k, v]) => `${k} ${v.p95.toFixed(1)}/${v.cpuP95.toFixed(1)}`);
  console.log(
    `bench store query: ${q.events} events (generated in ${q.generateSeconds.toFixed(0)} s); filtered listEvents (first page of 100) p95 ${q.p95.toFixed(1)} ms wall, ` +
      `${q.cpuP95.toFixed(1)} ms CPU (target <= 50); p95 wall/CPU ms: ${parts.join(', ')}; ${load()}`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runStoreBench({ events: process.argv[2] ? Number(process.argv[2]) : undefined });
}
