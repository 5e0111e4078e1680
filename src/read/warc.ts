import { WARCParser, type WARCRecord } from 'warcio';
import { WarcFramer } from './warc-framing.ts';
import type { GivenMeta } from '../doc.ts';
import { declaredCharset, decode, hashId, MAX_DOC_BYTES } from './decode.ts';
import { errorRecord, InputError } from './errors.ts';
import { normalizeGivenDate } from './dates.ts';
import { htmlDoc } from './html.ts';
import type { ReadItem, ReadOptions } from './index.ts';
import { Doc } from '../doc.ts';
import { plainTextView } from './mojibake.ts';

/**
 * WARC files (.warc, .warc.gz), streamed record by record with warcio, so a 1 GB crawl is read in
 * bounded memory. Each `response` record with an HTML (or plain-text) payload is a document:
 * source = WARC-Target-URI, WARC-Date = `given.crawled` (when the page was fetched, never its
 * publication date). Other records (request, metadata, warcinfo, images...) are skipped. A record
 * that is truncated or oversized is an error record; the records after it still go on.
 */
export async function* streamWarc(chunks: AsyncIterable<Buffer>, source: string, opts: ReadOptions): AsyncGenerator<ReadItem> {
  let total = 0;
  const it = chunks[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) throw new InputError('empty', 'no WARC records in input');
  async function* counted(): AsyncGenerator<Uint8Array> {
    total += first.value.length;
    yield first.value;
    for (let r = await it.next(); !r.done; r = await it.next()) {
      total += r.value.length;
      yield r.value;
    }
  }
  // An uncompressed WARC is framed first (warc-framing.ts): a record cut inside its headers must
  // not swallow the records after it. (A gzip WARC has one member per record: gzip frames it.)
  const gzip = first.value[0] === 0x1f && first.value[1] === 0x8b;
  const framer = gzip ? null : new WarcFramer();
  const parser = new WARCParser(framer ? framer.frame(counted()) : counted());
  const problems = function* (before: number): Generator<ReadItem> {
    while (framer?.problems.length && framer.problems[0].passedBefore <= before) {
      const p = framer.problems.shift()!;
      reported++;
      yield errorRecord(p.uri ?? `${source}#${p.record}`, new InputError(p.code, p.message));
    }
  };
  let n = 0;
  let docs = 0;
  let seen = 0;
  let reported = 0;
  let previous: WARCRecord | null = null;
  for (;;) {
    let record;
    try {
      if (previous) await drain(previous);
      record = await parser.parse();
    } catch (e) {
      // The framing itself is broken (a truncated header): nothing after it can be trusted.
      yield* problems(Infinity);
      yield errorRecord(`${source}#${n + 1}`, new InputError('bad_warc', `WARC record ${n + 1} does not parse: ${(e as Error).message}`));
      return;
    }
    previous = record;
    if (!record) {
      yield* problems(Infinity);
      // gzip members cut short parse to nothing, but leave bytes behind that no record covered.
      if (!framer && total > parser.offset + 4) yield errorRecord(`${source}#${n + 1}`, new InputError('truncated', `WARC ends in a truncated record (${total - parser.offset} bytes after record ${n})`));
      break;
    }
    yield* problems(seen);
    seen++;
    n = framer ? (framer.ordinals[seen - 1] ?? seen) : seen;
    const headers = record.warcHeaders.headers;
    const merged = ['warc-type', 'warc-date', 'warc-record-id', 'content-length'].some((h) => (headers.get(h) ?? '').includes(','));
    if (!headers.get('warc-type') || !headers.get('content-length') || merged) {
      // Headers cut short, or running into the next record's headers: a truncated record.
      yield errorRecord(record.warcTargetURI?.split(',')[0] ?? `${source}#${n}`, new InputError('truncated', `WARC record ${n} has incomplete headers`));
      continue;
    }
    if (record.warcType !== 'response' && record.warcType !== 'resource') continue;
    const uri = record.warcTargetURI ?? `${source}#${n}`;
    const type = (record.httpHeaders?.headers.get('content-type') ?? record.warcHeaders.headers.get('content-type') ?? '').toLowerCase();
    const isHtml = /html|xml/.test(type);
    if (!isHtml && !/^text\/plain/.test(type)) continue;
    const declared = Number(record.warcHeaders.headers.get('content-length') ?? NaN);
    try {
      if (declared > MAX_DOC_BYTES) throw new InputError('too_large', `WARC record is ${declared} bytes; the limit is ${MAX_DOC_BYTES}`);
      const status = Number(record.httpHeaders?.statusCode ?? 200);
      if (status < 200 || status >= 300) continue; // redirects and errors carry no article
      // readFully(true): the payload with chunked transfer and gzip/deflate content encoding undone.
      const payload = Buffer.from(await record.readFully(true));
      // A record cut short by the end of the file: the block is shorter than its Content-Length.
      // warcio reads the block through a limit reader; bytes still owed after the end are a cut.
      const owed = (record as unknown as { _reader?: { limit?: unknown } })._reader?.limit;
      if (typeof owed === 'number' && owed > 0) throw new InputError('truncated', `WARC record ${n} is truncated (${owed} of ${declared} bytes missing)`);
      if (!payload.length) throw new InputError('empty', 'empty HTTP payload');
      const given: GivenMeta = { url: uri };
      const crawled = normalizeGivenDate(record.warcDate ?? undefined);
      if (crawled) given.crawled = crawled.value;
      if (opts.referenceDate) given.referenceDate = opts.referenceDate;
      const charset = /charset\s*=\s*["']?([\w.:-]+)/i.exec(type)?.[1] ?? (isHtml ? declaredCharset(payload) : undefined);
      const { text, encoding } = decode(payload, charset);
      const id = hashId(payload);
      const doc = isHtml ? htmlDoc(text, { id, source: uri, given }) : new Doc({ id, source: uri, text, kind: 'text', given, view: plainTextView(text) });
      doc.debug.encoding = encoding;
      doc.debug.warcRecord = n;
      docs++;
      yield doc;
    } catch (e) {
      yield errorRecord(uri, e);
    }
  }
  if (!n && !reported) throw new InputError('empty', 'no WARC records in input');
}

/**
 * Read what is left of a record the loop did not read (a skipped type, an oversized one) before the
 * next parse. warcio's own skip loops forever when the file ends before the record does (its
 * skipSize returns 0 at the end and the limit never reaches 0); iterating stops at the end.
 */
async function drain(record: WARCRecord): Promise<void> {
  const r = record as unknown as { consumed: string; _contentReader: unknown; _reader: AsyncIterable<Uint8Array> };
  if (r.consumed || r._contentReader) return;
  for await (const _ of r._reader) {
    // discard
  }
  r.consumed = 'skipped';
}
