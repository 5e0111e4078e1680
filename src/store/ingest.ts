import { Context, type ContextOptions } from '../context.ts';
import type { Doc, ErrorRecord } from '../doc.ts';
import { readInputs, readerFor, type ReadOptions } from '../read/index.ts';
import { storedSource } from '../read/source-label.ts';
import { errorRecord, isErrorRecord } from '../read/errors.ts';
import { runPipeline } from '../pipeline.ts';
import { toResult } from '../result.ts';
import type { IngestOutcome, IngestRun, Store } from './types.ts';
import { SqliteStore } from './sqlite/index.ts';
import { ThreadedWriter } from './sqlite/writer.ts';

/**
 * The pipeline composed with a store: read -> extract -> store, one transaction per document.
 * (The pipeline knows nothing of the store; this is the one place that joins them.) The text
 * stored is `doc.text`, the string every offset of the result points into.
 */
export interface IngestOptions extends ReadOptions, ContextOptions {
  ctx?: Context;
  command?: string;
  /** Called after each document (or skip), in input order, e.g. for progress output. */
  onDocument?: (outcome: IngestOutcome | ErrorRecord) => void;
  /**
   * Store from a worker thread while the main thread extracts the next documents (SQLite file
   * stores only; ignored otherwise). Worth it for batches: the thread costs a few hundred ms to start.
   */
  threaded?: boolean;
}

type Writer = Pick<Store, 'ingest'>;

/** Extract one document and hand it to the writer; the returned promise settles when it is stored. */
async function ingestDoc(store: Store, writer: Writer, doc: Doc, ctx: Context, runId: number): Promise<{ stored: Promise<IngestOutcome | ErrorRecord> }> {
  // Known bytes: no extraction at all (the store would discard the result anyway).
  const known = await store.ingestKnown(doc.text, runId);
  if (known) return { stored: Promise.resolve(known) };
  let result;
  try {
    result = toResult(runPipeline(doc, ctx), { debug: false });
  } catch (e) {
    const err = errorRecord(doc.source, e, doc.id);
    await store.recordSkip(runId, err);
    return { stored: Promise.resolve(err) };
  }
  // Not awaited here: with a threaded writer the next document is extracted while this one is stored.
  return { stored: writer.ingest({ result, text: doc.text, kind: doc.kind, fetchedAt: doc.given.crawled ?? null }, runId) };
}

/**
 * Ingest files, directories or `-` (stdin) into the store as one ingest run. Local files are
 * stored under their path as given, made relative to the working directory when given absolute
 * (see read/source-label.ts): nothing the store shows says where the server's files live.
 */
export async function ingestPaths(store: Store, paths: string[], opts: IngestOptions = {}): Promise<IngestRun> {
  return ingestDocs(store, readInputs(paths, { ...opts, label: storedSource }), { command: `ingest ${paths.map((p) => storedSource(p)).join(' ')}`, ...opts });
}

/** Ingest already-read documents (or read errors) as one ingest run. */
export async function ingestDocs(store: Store, items: Iterable<Doc | ErrorRecord> | AsyncIterable<Doc | ErrorRecord>, opts: IngestOptions = {}): Promise<IngestRun> {
  const ctx = opts.ctx ?? new Context(opts);
  const runId = await store.beginRun(opts.command ?? 'ingest');
  const threaded = opts.threaded && store instanceof SqliteStore && store.path !== ':memory:' ? new ThreadedWriter(store.path) : null;
  const writer: Writer = threaded ?? store;
  // Stored-or-failed promises in input order; a bounded window keeps memory flat.
  const queue: Array<Promise<IngestOutcome | ErrorRecord>> = [];
  const drain = async (keep: number) => {
    while (queue.length > keep) {
      const out = await queue.shift()!; // shift outside the optional call: `f?.(x)` skips evaluating x
      opts.onDocument?.(out);
    }
  };
  try {
    if (threaded) await threaded.ready;
    for await (const item of items) {
      if (isErrorRecord(item)) {
        await store.recordSkip(runId, item);
        queue.push(Promise.resolve(item));
      } else queue.push((await ingestDoc(store, writer, item, ctx, runId)).stored);
      await drain(threaded ? 64 : 0);
    }
    await drain(0);
  } finally {
    await Promise.allSettled(queue);
    await threaded?.close();
  }
  return store.finishRun(runId);
}

/**
 * Ingest one document given as raw content (what the API receives): `name` picks the reader by
 * its extension (`page.html`, `a.txt`, `feed.rss`, ...; plain text when unknown).
 */
export async function ingestRaw(
  store: Store,
  input: { content: string | Buffer; source: string; name?: string },
  opts: IngestOptions = {},
): Promise<{ run: IngestRun; outcomes: Array<IngestOutcome | ErrorRecord> }> {
  const ctx = opts.ctx ?? new Context(opts);
  const runId = await store.beginRun(opts.command ?? `ingest-raw ${input.source}`);
  const bytes = Buffer.isBuffer(input.content) ? input.content : Buffer.from(input.content, 'utf8');
  const reader = readerFor(input.name ?? input.source) ?? readerFor('x.txt')!;
  const outcomes: Array<IngestOutcome | ErrorRecord> = [];
  try {
    for await (const item of reader(bytes, input.source, opts)) {
      if (isErrorRecord(item)) {
        await store.recordSkip(runId, item);
        outcomes.push(item);
      } else outcomes.push(await (await ingestDoc(store, store, item, ctx, runId)).stored);
    }
  } catch (e) {
    const err = errorRecord(input.source, e);
    await store.recordSkip(runId, err);
    outcomes.push(err);
  }
  return { run: await store.finishRun(runId), outcomes };
}
