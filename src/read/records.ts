import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { Doc, type GivenMeta } from '../doc.ts';
import { decode, hashId, MAX_DOC_BYTES } from './decode.ts';
import { errorRecord, InputError } from './errors.ts';
import { normalizeGivenDate } from './dates.ts';
import type { ReadItem, ReadOptions } from './index.ts';
import { htmlDoc } from './html.ts';
import { plainTextView } from './mojibake.ts';

/**
 * Document records (JSON objects), one per JSONL line or in a JSON file (one object or an array).
 * Recognised by their keys:
 * - a plain record `{ id, text, published?, url?, title?, outlet? }`;
 * - a gold record of `sitrep evaluate` `{ id, text, doc_date?, title?, outlet? }`;
 * - news-please JSON `{ maintext, title, date_publish, date_download, url, source_domain, language }`;
 * - trafilatura JSON `{ text, title, date, url | source, hostname | sitename, language }`.
 * The text field is the input: offsets point into it. Dates, titles and outlets given by the record
 * are metadata with evidence "record"; the record's date is also the reference for relative times.
 */

/** Keys that may hold the article text, in order of preference. */
const TEXT_KEYS = ['text', 'maintext', 'raw_text', 'body', 'content', 'html'];
const DATE_KEYS = ['published', 'doc_date', 'date_publish', 'datePublished', 'date_published', 'published_at', 'pubDate', 'date'];
const CRAWL_KEYS = ['crawled', 'date_download', 'crawl_date', 'fetched', 'retrieved'];
const OUTLET_KEYS = ['outlet', 'sitename', 'source_domain', 'hostname', 'publisher', 'site_name'];
const URL_KEYS = ['url', 'link', 'source_url'];

const looksUrl = (s: string) => /^(https?:\/\/|www\.)\S+$/i.test(s) || /^[a-z0-9-]+(\.[a-z0-9-]+)+(\/\S*)?$/i.test(s);

/** Which record format the keys say this is (for debug and the reader's choice of fields). */
export function recordFormat(r: Record<string, unknown>): string {
  if ('maintext' in r || 'date_publish' in r || 'source_domain' in r) return 'news-please';
  if ('doc_date' in r || 'dataset' in r) return 'gold';
  if ('fingerprint' in r || 'raw_text' in r || 'hostname' in r || 'sitename' in r) return 'trafilatura';
  return 'plain';
}

export function recordDoc(rec: unknown, source: string, opts: ReadOptions = {}): Doc {
  if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) throw new InputError('bad_record', 'record is not a JSON object');
  const r = rec as Record<string, unknown>;
  let text: unknown;
  for (const k of TEXT_KEYS) {
    if (r[k] === undefined || r[k] === null) continue;
    text = r[k];
    break;
  }
  if (text === undefined) throw new InputError('no_text', `record has no text field (${TEXT_KEYS.join(', ')})`);
  if (typeof text !== 'string') throw new InputError('bad_text', 'record text is not a string');
  if (!text.trim()) throw new InputError('empty', 'record text is empty');
  const str = (k: string) => (typeof r[k] === 'string' && (r[k] as string).trim() ? (r[k] as string).trim() : undefined);
  const first = (keys: string[]) => keys.map(str).find((v) => v !== undefined);
  const format = recordFormat(r);

  const given: GivenMeta = {};
  const ownId = str('id') ?? (typeof r.id === 'number' ? String(r.id) : undefined);
  if (ownId) given.id = ownId;
  const title = first(['title', 'title_page', 'title_rss', 'headline']);
  if (title) given.title = title;
  // `source` is a URL in trafilatura output and an outlet name in some gold files ("BBC Online").
  const src = str('source');
  const url = first(URL_KEYS) ?? (src && looksUrl(src) ? src : undefined);
  if (url) given.url = url;
  const outlet = first(OUTLET_KEYS) ?? (src && !looksUrl(src) ? src : undefined);
  if (outlet) given.outlet = outlet;
  const lang = first(['language', 'lang']);
  if (lang) given.language = lang;
  const debug: Record<string, unknown> = { recordFormat: format };
  for (const k of DATE_KEYS) {
    if (r[k] === undefined || r[k] === null || r[k] === '') continue;
    const d = normalizeGivenDate(r[k]);
    if (d) {
      given.published = d.value;
      debug.givenPublishedKey = k;
    } else debug.unparsedDate = { key: k, value: r[k] };
    break;
  }
  for (const k of CRAWL_KEYS) {
    const d = normalizeGivenDate(r[k]);
    if (d) {
      given.crawled = d.value;
      break;
    }
  }
  if (opts.referenceDate) given.referenceDate = opts.referenceDate;
  const id = given.id ?? hashId(Buffer.from(text, 'utf8'));
  // Some exports keep the article's HTML in the text field: read it through the HTML view, all
  // of it the body (offsets still point into the field's string).
  const doc = looksHtml(text) ? htmlDoc(text, { id, source, given, whole: true }) : new Doc({ id, source, text, kind: 'record', given, view: plainTextView(text) });
  Object.assign(doc.debug, debug);
  return doc;
}

function looksHtml(text: string): boolean {
  return /^\s*</.test(text) && /<\/(p|div|span|a|li|h[1-6]|article|body)\s*>|<br\s*\/?>/i.test(text.slice(0, 20000));
}

/** One record -> a Doc or an error record that names where it was (FILE#LINE). */
function recordItem(rec: unknown, source: string, opts: ReadOptions): ReadItem {
  try {
    return recordDoc(rec, source, opts);
  } catch (e) {
    const id = rec && typeof rec === 'object' && typeof (rec as { id?: unknown }).id === 'string' ? (rec as { id: string }).id : undefined;
    return errorRecord(source, e, id);
  }
}

/** A .json file: one record, or an array of records (FILE#N, N counted from 1). */
export function* readJson(bytes: Buffer, source: string, opts: ReadOptions): Generator<ReadItem> {
  const { text } = decode(bytes);
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError('bad_json', `not JSON: ${(e as Error).message}`);
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield recordItem(value[i], `${source}#${i + 1}`, opts);
  } else yield recordItem(value, source, opts);
}

/** Lines of a byte stream (split on LF, which never occurs inside a UTF-8 sequence), numbered from 1. */
export async function* lines(chunks: AsyncIterable<Buffer>, maxLine = MAX_DOC_BYTES): AsyncGenerator<{ line: number; bytes: Buffer | null }> {
  let parts: Buffer[] = [];
  let size = 0;
  let n = 0;
  let oversized = false;
  for await (const chunk of chunks) {
    let from = 0;
    for (let nl = chunk.indexOf(10, from); nl !== -1; nl = chunk.indexOf(10, from)) {
      n++;
      if (oversized) yield { line: n, bytes: null };
      else {
        parts.push(chunk.subarray(from, nl));
        yield { line: n, bytes: parts.length === 1 ? parts[0] : Buffer.concat(parts) };
      }
      parts = [];
      size = 0;
      oversized = false;
      from = nl + 1;
    }
    if (from < chunk.length && !oversized) {
      size += chunk.length - from;
      // A line longer than the limit is dropped as it streams: memory stays bounded.
      if (size > maxLine) {
        oversized = true;
        parts = [];
      } else parts.push(Buffer.from(chunk.subarray(from)));
    }
  }
  if (oversized) yield { line: n + 1, bytes: null };
  else if (parts.length) yield { line: n + 1, bytes: Buffer.concat(parts) };
}

/** Gunzip a chunk stream when it starts with the gzip magic bytes. */
export async function* maybeGunzip(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const it = chunks[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  async function* all(): AsyncGenerator<Buffer> {
    yield first.value;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  if (first.value[0] === 0x1f && first.value[1] === 0x8b) {
    yield* Readable.from(all()).pipe(createGunzip()) as AsyncIterable<Buffer>;
  } else yield* all();
}

const utf8 = new TextDecoder('utf-8');

/** A JSONL file, streamed: one record per line; a bad line is an error record and the rest go on. */
export async function* streamJsonl(chunks: AsyncIterable<Buffer>, source: string, opts: ReadOptions): AsyncGenerator<ReadItem> {
  let any = false;
  for await (const { line, bytes } of lines(maybeGunzip(chunks))) {
    const where = `${source}#${line}`;
    if (bytes === null) {
      yield errorRecord(where, new InputError('too_large', `line ${line} is longer than ${MAX_DOC_BYTES} bytes`));
      continue;
    }
    let s = utf8.decode(bytes);
    if (line === 1) s = s.replace(/^\uFEFF/, '');
    if (!s.trim()) continue;
    any = true;
    let rec: unknown;
    try {
      rec = JSON.parse(s);
    } catch (e) {
      yield errorRecord(where, new InputError('bad_json', `line ${line} is not JSON: ${(e as Error).message}`));
      continue;
    }
    yield recordItem(rec, where, opts);
  }
  if (!any) throw new InputError('empty', 'no records in input');
}
