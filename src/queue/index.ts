import PgBoss from 'pg-boss';
import { Context } from '../context.ts';
import { Doc, type ErrorRecord, type InputKind, type GivenMeta } from '../doc.ts';
import { readInputs, type ReadOptions } from '../read/index.ts';
import { storedSource } from '../read/source-label.ts';
import { errorRecord, isErrorRecord } from '../read/errors.ts';
import { STAGES } from '../pipeline.ts';
import { toResult } from '../result.ts';
import { PostgresStore, parsePostgresUrl } from '../store/postgres/index.ts';
import type { IngestOutcome } from '../store/types.ts';

/**
 * The ingest queue: `sitrep ingest --queue` reads the inputs and enqueues one job per document
 * (pg-boss, in the same PostgreSQL database as the store); `sitrep worker` processes jobs with the
 * normal pipeline and stores each result in one transaction. Any number of workers, on any
 * machines that reach the database, share the queue.
 *
 * Delivery is at least once: a job whose worker died is handed out again after its timeout
 * (`jobTimeoutSeconds`), and a job may be retried after a store error. Neither duplicates a
 * document: the store keys documents by their bytes (the same text is `unchanged`), and a
 * document's transaction is all or nothing, so a worker killed mid-document leaves nothing.
 * Extraction errors are not retried: they are recorded as skips of the run, with their error.
 */
export const QUEUE = 'sitrep-ingest';

/** pg-boss's own schema beside the store's: `pgboss` for `public`, else `<schema>_queue`. */
export function queueSchema(storeSchema: string): string {
  return storeSchema === 'public' ? 'pgboss' : `${storeSchema}_queue`;
}

/** A Doc as a job carries it: everything the pipeline reads (the HTML view map as base64). */
export interface JobDoc {
  id: string;
  source: string;
  text: string;
  kind: InputKind;
  given: GivenMeta;
  view: { text: string; starts: string; ends: string } | null;
}

export interface IngestJob {
  /** The ingest run this document counts in. */
  run: number;
  doc: JobDoc;
  /** Extraction options of the run. */
  referenceDate?: string;
  packs?: string[];
}

const b64 = (a: Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
const i32 = (s: string) => {
  const b = Buffer.from(s, 'base64');
  return new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};

export function toJobDoc(d: Doc): JobDoc {
  const m = d.view.map;
  return { id: d.id, source: d.source, text: d.text, kind: d.kind, given: d.given, view: m ? { text: d.view.text, starts: b64(m.starts), ends: b64(m.ends) } : null };
}

export function fromJobDoc(j: JobDoc): Doc {
  const view = j.view ? { text: j.view.text, map: { starts: i32(j.view.starts), ends: i32(j.view.ends) } } : undefined;
  return new Doc({ id: j.id, source: j.source, text: j.text, kind: j.kind, given: j.given, view });
}

export interface QueueOptions {
  /** A job not completed this long after a worker took it goes back to the queue (default 300). */
  jobTimeoutSeconds?: number;
  /** Tries after a failure (store or database error) before the document is recorded as a skip (default 2). */
  retryLimit?: number;
}

/** Start pg-boss on the store's database (installing its schema and the queue when new). */
export async function openQueue(url: string, opts: QueueOptions & { supervise?: boolean } = {}): Promise<PgBoss> {
  const { connectionString, schema } = parsePostgresUrl(url);
  const boss = new PgBoss({ connectionString, schema: queueSchema(schema), max: 2, supervise: opts.supervise ?? false, schedule: false, migrate: true });
  // pg-boss reports background errors as events; without a listener they would crash the process.
  boss.on('error', (e) => process.stderr.write(`queue: ${(e as Error).message}\n`));
  await boss.start();
  if (!(await boss.getQueue(QUEUE))) {
    try {
      await boss.createQueue(QUEUE, { name: QUEUE, retryLimit: opts.retryLimit ?? 2, retryDelay: 1, expireInSeconds: opts.jobTimeoutSeconds ?? 300 });
    } catch (e) {
      // Another process created it first.
      if (!(await boss.getQueue(QUEUE))) throw e;
    }
  }
  return boss;
}

export interface EnqueueResult {
  run: number;
  jobs: number;
  /** Inputs that could not be read (recorded as skips of the run at once). */
  skipped: number;
}

/**
 * Read inputs and enqueue one job per document, as one ingest run (finished by the worker that
 * handles its last document). Read errors are recorded as skips of the run at once.
 */
export async function enqueuePaths(url: string, paths: string[], opts: EnqueueOptions = {}): Promise<EnqueueResult> {
  // Sources as `sitrep ingest` stores them: relative, never the server's absolute paths.
  return enqueueDocs(url, readInputs(paths, { ...opts, label: storedSource }), { command: `ingest --queue ${paths.map((p) => storedSource(p)).join(' ')}`, ...opts });
}

export type EnqueueOptions = ReadOptions & QueueOptions & { packs?: string[]; command?: string; onSkip?: (e: ErrorRecord) => void };

/** Enqueue already-read documents (or read errors) as one ingest run. */
export async function enqueueDocs(url: string, items: Iterable<Doc | ErrorRecord> | AsyncIterable<Doc | ErrorRecord>, opts: EnqueueOptions = {}): Promise<EnqueueResult> {
  const store = new PostgresStore(url);
  const boss = await openQueue(url, opts);
  try {
    const run = await store.beginRun(opts.command ?? 'ingest --queue');
    const perJob = { retryLimit: opts.retryLimit ?? 2, retryDelay: 1, expireInSeconds: opts.jobTimeoutSeconds ?? 300 };
    let batch: PgBoss.JobInsert[] = [];
    let jobs = 0;
    let skipped = 0;
    const flush = async () => {
      if (batch.length) await boss.insert(batch);
      jobs += batch.length;
      batch = [];
    };
    for await (const item of items) {
      if (isErrorRecord(item)) {
        await store.recordSkip(run, item);
        opts.onSkip?.(item);
        skipped++;
        continue;
      }
      const data: IngestJob = { run, doc: toJobDoc(item), referenceDate: opts.referenceDate, packs: opts.packs };
      batch.push({ name: QUEUE, data, ...perJob });
      if (batch.length >= 200) await flush();
    }
    await flush();
    // Now the run knows how many inputs it has; if workers already did them all, it ends here.
    await store.expectRun(run, jobs + skipped);
    return { run, jobs, skipped };
  } finally {
    await boss.stop({ graceful: false, close: true, wait: true }).catch(() => {});
    await store.close();
  }
}

export interface WorkerOptions extends QueueOptions {
  /** Stop when the queue holds no job (queued, retrying or in another worker's hands). Default: run forever. */
  drain?: boolean;
  /** Poll interval while idle, ms (default 1000). */
  idleMs?: number;
  /** Called after each job. */
  onJob?: (r: { job: string; outcome: IngestOutcome | ErrorRecord; retried: boolean }) => void;
  /** Called when a job is taken, before it is processed (tests use it to stretch a job). */
  onJobStart?: (job: string) => Promise<void> | void;
  /** Pipeline stages up to this one only (tests; default: every stage). */
  until?: string;
  /**
   * Documents one worker process handles at once (default 2): while one waits for the database,
   * the next is extracted. Extraction itself stays on one core.
   */
  inflight?: number;
  /** Stop after this many jobs (tests, benchmarks). */
  maxJobs?: number;
  /** Resolves to stop the worker after its current job (a signal handler). */
  stop?: Promise<void>;
}

export interface WorkerStats {
  jobs: number;
  stored: number;
  unchanged: number;
  skipped: number;
  retried: number;
}

/**
 * Process ingest jobs one at a time until stopped (or, with `drain`, until the queue is empty).
 * One process uses one core (extraction is CPU work): run several workers for more.
 */
export async function runWorker(url: string, opts: WorkerOptions = {}): Promise<WorkerStats> {
  const inflight = Math.max(1, opts.inflight ?? 2);
  const store = new PostgresStore(url, { max: inflight + 1 });
  const boss = await openQueue(url, { ...opts, supervise: true });
  const contexts = new Map<string, Context>();
  const ctxFor = (j: IngestJob) => {
    const key = JSON.stringify([j.packs ?? null, j.referenceDate ?? null]);
    let c = contexts.get(key);
    if (!c) contexts.set(key, (c = new Context({ packs: j.packs, referenceDate: j.referenceDate })));
    return c;
  };
  const stats: WorkerStats = { jobs: 0, stored: 0, unchanged: 0, skipped: 0, retried: 0 };
  let stopping = false;
  opts.stop?.then(() => (stopping = true));
  let lastExpire = 0;
  // `inflight` loops share the process: while one waits for the database, another extracts.
  const loop = async () => {
    while (!stopping && (opts.maxJobs == null || stats.jobs + busy < opts.maxJobs)) {
      const [job] = await boss.fetch<IngestJob>(QUEUE, { batchSize: 1, includeMetadata: true });
      if (!job) {
        try {
          // Jobs held by a worker that died come back once their timeout passes; a draining worker
          // waits for them (and sweeps them back itself) rather than stopping early.
          if (Date.now() - lastExpire > 1000) (await boss.expire(), (lastExpire = Date.now()));
          if (opts.drain && (await boss.getQueueSize(QUEUE, { before: 'completed' })) === 0) break;
        } catch (e) {
          // The database is away: a long-running worker waits for it; a draining one gives up.
          if (opts.drain) throw e;
          process.stderr.write(`queue: ${(e as Error).message}; waiting\n`);
        }
        await Promise.race([new Promise((r) => setTimeout(r, opts.idleMs ?? 1000)), opts.stop ?? new Promise(() => {})]);
        continue;
      }
      busy++;
      try {
        await handle(job);
      } finally {
        busy--;
      }
    }
  };
  let busy = 0;
  const handle = async (job: PgBoss.JobWithMetadata<IngestJob>) => {
    await opts.onJobStart?.(job.id);
    const data = job.data;
    let outcome: IngestOutcome | ErrorRecord;
    // A stored document's job is marked done in the document's own transaction: both or neither.
    let done = false;
    const complete = (exec: (sql: string, args?: unknown[]) => Promise<{ rows: any[] }>) =>
      boss.complete(QUEUE, job.id, undefined as unknown as object, { db: { executeSql: (sql, args) => ((done = true), exec(sql, args)) } });
    try {
      outcome = await processJob(store, data, ctxFor(data), opts.until, complete);
    } catch (e) {
      done = false; // rolled back with the document
      // A store or database error: retried by the queue, and recorded as a skip when out of tries.
      if (job.retryCount < job.retryLimit) {
        await boss.fail(QUEUE, job.id, { message: (e as Error).message });
        stats.retried++;
        opts.onJob?.({ job: job.id, outcome: errorRecord(data.doc.source, e, data.doc.id), retried: true });
        return;
      }
      outcome = errorRecord(data.doc.source, e, data.doc.id);
      await store.recordSkip(data.run, outcome);
    }
    // (The store finishes the run when it counts the run's last input.)
    if (!done) await boss.complete(QUEUE, job.id);
    stats.jobs++;
    if (isErrorRecord(outcome)) stats.skipped++;
    else if (outcome.status === 'unchanged') stats.unchanged++;
    else stats.stored++;
    opts.onJob?.({ job: job.id, outcome, retried: job.retryCount > 0 });
  };
  try {
    await Promise.all(Array.from({ length: inflight }, loop));
  } finally {
    await boss.stop({ graceful: false, close: true, wait: true }).catch(() => {});
    await store.close();
  }
  return stats;
}

/**
 * The pipeline (as pipeline.ts runs it), giving the event loop a turn between stages so that
 * another document's store round trips proceed meanwhile. One document is extracted at a time
 * (stages may keep per-run state in shared resources; two documents' stages never interleave).
 */
let extracting: Promise<unknown> = Promise.resolve();
function extractYielding(doc: Doc, ctx: Context, until?: string): Promise<Doc> {
  const run = extracting.then(async () => {
    for (const stage of STAGES) {
      stage.run(doc, ctx);
      if (stage.name === until) break;
      await new Promise((r) => setImmediate(r));
    }
    return doc;
  });
  extracting = run.catch(() => {});
  return run;
}

/** One document: known bytes cost nothing; else the pipeline, then one store transaction. */
async function processJob(store: PostgresStore, j: IngestJob, ctx: Context, until: string | undefined, also: Parameters<PostgresStore['ingest']>[2]): Promise<IngestOutcome | ErrorRecord> {
  const doc = fromJobDoc(j.doc);
  const known = await store.ingestKnown(doc.text, j.run);
  if (known) return known;
  let result;
  try {
    result = toResult(await extractYielding(doc, ctx, until), { debug: false });
  } catch (e) {
    // Extraction errors are the document's, not the worker's: a skip with the error, no retry.
    const err = errorRecord(doc.source, e, doc.id);
    await store.recordSkip(j.run, err);
    return err;
  }
  return store.ingest({ result, text: doc.text, kind: doc.kind, fetchedAt: doc.given.crawled ?? null }, j.run, also);
}
