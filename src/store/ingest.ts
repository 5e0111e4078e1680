import { Context, type ContextOptions } from '../context.ts';
import type { Doc, ErrorRecord } from '../doc.ts';
import { readInputs, readerFor, type ReadOptions } from '../read/index.ts';
import { errorRecord, isErrorRecord } from '../read/errors.ts';
import { runPipeline } from '../pipeline.ts';
import { toResult } from '../result.ts';
import type { IngestOutcome, IngestRun, Store } from './types.ts';

/**
 * The pipeline composed with a store: read -> extract -> store, one transaction per document.
 * (The pipeline knows nothing of the store; this is the one place that joins them.) The text
 * stored is `doc.text`, the string every offset of the result points into.
 */
export interface IngestOptions extends ReadOptions, ContextOptions {
  ctx?: Context;
  command?: string;
  /** Called after each document (or skip), e.g. for progress output. */
  onDocument?: (outcome: IngestOutcome | ErrorRecord) => void;
}

async function ingestDoc(store: Store, doc: Doc, ctx: Context, runId: number): Promise<IngestOutcome | ErrorRecord> {
  // Known bytes: no extraction at all (the store would discard the result anyway).
  const known = await store.ingestKnown(doc.text, runId);
  if (known) return known;
  let result;
  try {
    result = toResult(runPipeline(doc, ctx), { debug: false });
  } catch (e) {
    const err = errorRecord(doc.source, e, doc.id);
    await store.recordSkip(runId, err);
    return err;
  }
  return store.ingest({ result, text: doc.text, kind: doc.kind, fetchedAt: doc.given.crawled ?? null }, runId);
}

/** Ingest files, directories or `-` (stdin) into the store as one ingest run. */
export async function ingestPaths(store: Store, paths: string[], opts: IngestOptions = {}): Promise<IngestRun> {
  return ingestDocs(store, readInputs(paths, opts), { command: `ingest ${paths.join(' ')}`, ...opts });
}

/** Ingest already-read documents (or read errors) as one ingest run. */
export async function ingestDocs(store: Store, items: Iterable<Doc | ErrorRecord> | AsyncIterable<Doc | ErrorRecord>, opts: IngestOptions = {}): Promise<IngestRun> {
  const ctx = opts.ctx ?? new Context(opts);
  const runId = await store.beginRun(opts.command ?? 'ingest');
  for await (const item of items) {
    let out: IngestOutcome | ErrorRecord;
    if (isErrorRecord(item)) {
      await store.recordSkip(runId, item);
      out = item;
    } else out = await ingestDoc(store, item, ctx, runId);
    opts.onDocument?.(out);
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
      } else outcomes.push(await ingestDoc(store, item, ctx, runId));
    }
  } catch (e) {
    const err = errorRecord(input.source, e);
    await store.recordSkip(runId, err);
    outcomes.push(err);
  }
  return { run: await store.finishRun(runId), outcomes };
}
