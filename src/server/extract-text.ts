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
 * Returns one item per document the bytes hold (a feed or a JSONL upload may hold several).
 */
export interface Extracted {
  result: DocResult;
  /** The text as read: every offset in `result` points into it. */
  text: string;
  kind: string;
}

export async function extractBytes(bytes: Buffer, source: string, ctx: Context, opts: { filename?: string; referenceDate?: string } = {}): Promise<Array<Extracted | ErrorRecord>> {
  const reader = (opts.filename && readerFor(opts.filename)) || sniff(bytes);
  const out: Array<Extracted | ErrorRecord> = [];
  let items: Iterable<ReadItem> | AsyncIterable<ReadItem>;
  try {
    items = reader(bytes, source, { referenceDate: opts.referenceDate });
    for await (const item of items) {
      if (isErrorRecord(item)) {
        out.push(item);
        continue;
      }
      try {
        const result = toResult(runPipeline(item, ctx), { debug: false });
        out.push({ result, text: item.text, kind: item.kind });
      } catch (e) {
        out.push(errorRecord(item.source, e, item.given.id));
      }
    }
  } catch (e) {
    out.push(errorRecord(source, e));
  }
  return out;
}
