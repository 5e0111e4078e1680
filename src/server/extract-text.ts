import type { Context } from '../context.ts';
import type { DocResult, ErrorRecord } from '../doc.ts';
import { readerFor, sniff, type ReadItem } from '../read/index.ts';
import { errorRecord, isErrorRecord } from '../read/errors.ts';
import { runPipeline } from '../pipeline.ts';
import { toResult } from '../result.ts';

/**
 * Extraction of one uploaded body (pasted text, an uploaded file): the same readers and pipeline
 * as `sitrep extract`, fed from bytes instead of a path. The reader is chosen by the file name
 * when one is given, else sniffed from the first bytes (HTML, feed, JSONL, WARC, plain text).
 * Yields one item per document the bytes hold (a feed, a JSONL file or a WARC holds several),
 * each with its own source as the reader names it (`upload.jsonl#3`, a feed item's link, a WARC
 * record's target URI), exactly as `sitrep ingest` would store it. The server runs this in a
 * worker thread (extract-worker.ts); it is plain code so that tests may call it directly.
 */
export interface Extracted {
  result: DocResult;
  /** The text as read: every offset in `result` points into it. */
  text: string;
  kind: string;
  /** When the page was fetched (a WARC record's date), stored as the document's fetch time. */
  fetchedAt: string | null;
}

export interface ExtractOptions {
  filename?: string;
  referenceDate?: string;
  /**
   * Asked before each document is extracted: true when the store already holds these bytes, so
   * the document is passed over as a `Known` item (as `sitrep ingest` does: known bytes are not
   * extracted again, which makes a re-upload cheap as well as a no-op).
   */
  isKnown?: (text: string, source: string) => Promise<boolean>;
}

/** A document passed over because the store already holds its text. */
export interface Known {
  known: true;
  source: string;
}

export async function* extractItems(bytes: Buffer, source: string, ctx: Context, opts: ExtractOptions = {}): AsyncGenerator<Extracted | ErrorRecord | Known> {
  const reader = (opts.filename && readerFor(opts.filename)) || sniff(bytes);
  let items: Iterable<ReadItem> | AsyncIterable<ReadItem>;
  try {
    items = reader(bytes, source, { referenceDate: opts.referenceDate });
    for await (const item of items) {
      if (isErrorRecord(item)) {
        yield item;
        continue;
      }
      if (opts.isKnown && (await opts.isKnown(item.text, item.source))) {
        yield { known: true, source: item.source };
        continue;
      }
      let out: Extracted | ErrorRecord;
      try {
        out = { result: toResult(runPipeline(item, ctx), { debug: false }), text: item.text, kind: item.kind, fetchedAt: item.given.crawled ?? null };
      } catch (e) {
        out = errorRecord(item.source, e, item.given.id);
      }
      yield out;
    }
  } catch (e) {
    // The reader itself failed (a feed that does not parse, an empty JSONL): one error for the upload.
    yield errorRecord(source, e);
  }
}

/** All of `extractItems` at once. */
export async function extractBytes(bytes: Buffer, source: string, ctx: Context, opts: ExtractOptions = {}): Promise<Array<Extracted | ErrorRecord | Known>> {
  const out: Array<Extracted | ErrorRecord | Known> = [];
  for await (const item of extractItems(bytes, source, ctx, opts)) out.push(item);
  return out;
}
