import { createReadStream, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { Doc, type ErrorRecord, type GivenMeta } from '../doc.ts';
import { decode, hashId, MAX_DOC_BYTES, MAX_TEXT_CHARS } from './decode.ts';
import { errorRecord, InputError } from './errors.ts';
import { readText } from './text.ts';
import { readJson, streamJsonl } from './records.ts';
import { relabel } from './source-label.ts';
import { plainTextView } from './mojibake.ts';

/**
 * Inputs -> Docs (or error records), in input order. One reader per input kind; this file only
 * walks paths and dispatches by extension. A reader may yield several documents (a feed, a JSONL
 * file, a WARC) and errors for single records without stopping the rest.
 *
 * Two reader shapes: a `Reader` gets the whole file as bytes (an article is kilobytes); a
 * `StreamReader` gets the file as a stream of chunks, so that a 1 GB WARC or JSONL file is read
 * in bounded memory. Every stream reader also works as a Reader (on one chunk) for stdin sniffing.
 */
export interface ReadOptions {
  referenceDate?: string;
}

export type ReadItem = Doc | ErrorRecord;

/** Options of `readInputs`: `label` names a local file in the documents' sources (see source-label.ts). */
export interface InputOptions extends ReadOptions {
  label?: (path: string) => string;
}

/** A reader: the bytes of one file -> its documents. `source` is the path or URL as given. */
export type Reader = (bytes: Buffer, source: string, opts: ReadOptions) => Iterable<ReadItem> | AsyncIterable<ReadItem>;

/** A reader of a stream of chunks (WARC, JSONL): never holds the whole file. */
export type StreamReader = (chunks: AsyncIterable<Buffer>, source: string, opts: ReadOptions) => AsyncIterable<ReadItem>;

const readers: Record<string, Reader> = {};
const streamReaders: Record<string, StreamReader> = {};

/** Register a reader for file extensions (the HTML, feed, record and WARC readers do this). */
export function registerReader(exts: string[], reader: Reader): void {
  for (const e of exts) readers[e] = reader;
}

/** Register a streaming reader; it also serves buffered input (stdin, tests) through `readerFor`. */
export function registerStreamReader(exts: string[], reader: StreamReader): void {
  for (const e of exts) {
    streamReaders[e] = reader;
    readers[e] = (bytes, source, opts) => reader(oneChunk(bytes), source, opts);
  }
}

async function* oneChunk(bytes: Buffer): AsyncGenerator<Buffer> {
  yield bytes;
}

function byExtension<T>(table: Record<string, T>, path: string): T | undefined {
  const lower = path.toLowerCase();
  for (const ext of Object.keys(table).sort((a, b) => b.length - a.length)) if (lower.endsWith(ext)) return table[ext];
  return undefined;
}

export function readerFor(path: string): Reader | undefined {
  return byExtension(readers, path);
}

export function streamReaderFor(path: string): StreamReader | undefined {
  return byExtension(streamReaders, path);
}

registerReader(['.txt', '.text'], readText);
/**
 * A reader whose module (and its libraries: fast-xml-parser for feeds, warcio for WARC) is imported
 * when the first such input is read: a command over text or JSONL never pays for them.
 */
function lazyReader(load: () => Promise<Reader>): Reader {
  let reader: Reader | undefined;
  return async function* (bytes, source, opts) {
    yield* (reader ??= await load())(bytes, source, opts);
  };
}

function lazyStreamReader(load: () => Promise<StreamReader>): StreamReader {
  let reader: StreamReader | undefined;
  return async function* (chunks, source, opts) {
    yield* (reader ??= await load())(chunks, source, opts);
  };
}

registerReader(['.html', '.htm', '.xhtml'], lazyReader(async () => (await import('./html.ts')).readHtml));
registerReader(['.rss', '.atom'], lazyReader(async () => (await import('./feed.ts')).readFeed));
registerReader(['.xml'], lazyReader(async () => (await import('./feed.ts')).readXml));
registerReader(['.json'], readJson);
registerStreamReader(['.jsonl', '.ndjson', '.jsonl.gz'], streamJsonl);
registerStreamReader(['.warc', '.warc.gz'], lazyStreamReader(async () => (await import('./warc.ts')).streamWarc));

/** Build a Doc for text that is read as is (its view maps only repaired mojibake, see mojibake.ts). */
export function textDoc(text: string, source: string, bytes: Uint8Array, given: GivenMeta = {}): Doc {
  return new Doc({ id: given.id ?? hashId(bytes), source, text, kind: 'text', given, view: plainTextView(text) });
}

export { decode, hashId };

/**
 * The files under a folder, sorted; dot files and folders skipped. Links are followed, but a folder
 * already walked (a link to itself or to a parent) is not walked again: a symlink loop would
 * otherwise repeat its files until the kernel's link limit. By default a dangling link, a link
 * loop or a FIFO is yielded too, for the caller to report; `regularOnly` (the watcher, which has
 * nobody to report to) yields only regular files a reader takes, and skips a folder it cannot list.
 */
export function* walk(dir: string, regularOnly = false, seen = new Set<string>()): Generator<string> {
  try {
    const real = realpathSync(dir);
    if (seen.has(real)) return;
    seen.add(real);
  } catch {
    return;
  }
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (e) {
    if (regularOnly) return;
    throw e;
  }
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const p = `${dir.replace(/\/+$/, '')}/${name}`;
    let st;
    try {
      st = statSync(p);
    } catch {
      if (!regularOnly) yield p; // a dangling link or a link loop: reported as unreadable by the caller
      continue;
    }
    if (st.isDirectory()) yield* walk(p, regularOnly, seen);
    else if ((!regularOnly || st.isFile()) && readerFor(p)) yield p; // not a regular file (a FIFO, a device): refused by readPath
  }
}

function unreadable(path: string, e: unknown): ErrorRecord {
  return errorRecord(path, new InputError('unreadable', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`));
}

/** Every document under the given paths, in order; `-` is standard input. */
export async function* readInputs(paths: string[], opts: InputOptions = {}): AsyncGenerator<ReadItem> {
  const label = opts.label ?? ((p: string) => p);
  for (const path of paths) {
    if (path === '-') {
      yield* readStdin(opts);
      continue;
    }
    let files: string[];
    try {
      const st = statSync(path);
      files = st.isDirectory() ? [...walk(path)] : [path];
    } catch (e) {
      yield relabel(unreadable(path, e), path, label(path));
      continue;
    }
    for (const f of files) {
      const as = label(f);
      for await (const item of readPath(f, opts)) yield relabel(item, f, as);
    }
  }
}

async function* readPath(f: string, opts: ReadOptions): AsyncGenerator<ReadItem> {
  try {
    // A FIFO would block the batch forever and a device (/dev/zero) never ends: regular files only.
    if (!statSync(f).isFile()) {
      yield errorRecord(f, new InputError('not_a_file', `${f} is not a regular file`));
      return;
    }
  } catch (e) {
    yield unreadable(f, e);
    return;
  }
  const streamer = streamReaderFor(f);
  if (streamer) {
    yield* guarded(f, () => streamer(createReadStream(f, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>, f, opts));
    return;
  }
  let bytes: Buffer;
  try {
    // Refuse oversized files before reading them: a 50 MB "article" is not one.
    const size = statSync(f).size;
    if (size > MAX_DOC_BYTES) {
      yield errorRecord(f, new InputError('too_large', `input is ${size} bytes; the limit is ${MAX_DOC_BYTES}`));
      return;
    }
    bytes = readFileSync(f);
  } catch (e) {
    yield unreadable(f, e);
    return;
  }
  // Unknown extensions given explicitly are sniffed (a directory walk skips them).
  const reader = readerFor(f) ?? sniff(bytes);
  yield* guarded(f, () => reader(bytes, f, opts));
}

/** Run a reader; an exception (also one thrown mid-stream), or a document over the text limit, becomes an error record. */
async function* guarded(source: string, run: () => Iterable<ReadItem> | AsyncIterable<ReadItem>): AsyncGenerator<ReadItem> {
  try {
    for await (const item of run()) {
      if (item instanceof Doc && item.view.text.length > MAX_TEXT_CHARS) {
        yield errorRecord(item.source, new InputError('too_large', `the text is ${item.view.text.length} characters; the limit is ${MAX_TEXT_CHARS}`), item.given.id);
      } else yield item;
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (e instanceof InputError || !code) yield errorRecord(source, e);
    // zlib errors (Z_BUF_ERROR, Z_DATA_ERROR): a cut or corrupt .gz; else an I/O error.
    else yield errorRecord(source, new InputError(code.startsWith('Z_') ? 'bad_gzip' : 'unreadable', (e as Error).message));
  }
}

/**
 * Standard input: the first chunk decides the kind; WARC and JSONL stream on, anything else is
 * gathered (up to the size limit) and read like a file.
 */
async function* readStdin(opts: ReadOptions): AsyncGenerator<ReadItem> {
  const it = (process.stdin as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  let head: Buffer = Buffer.alloc(0);
  try {
    while (head.length < 4096) {
      const r = await it.next();
      if (r.done) break;
      head = Buffer.concat([head, r.value]);
    }
  } catch (e) {
    yield unreadable('-', e);
    return;
  }
  const ext = sniffKind(head);
  async function* rest(): AsyncGenerator<Buffer> {
    yield head;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  const streamer = ext ? streamReaders[ext] : undefined;
  if (streamer) {
    yield* guarded('-', () => streamer(rest(), '-', opts));
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const c of rest()) {
      size += c.length;
      if (size > MAX_DOC_BYTES) throw new InputError('too_large', `standard input exceeds ${MAX_DOC_BYTES} bytes`);
      chunks.push(c);
    }
  } catch (e) {
    yield errorRecord('-', e);
    return;
  }
  const bytes = Buffer.concat(chunks);
  yield* guarded('-', () => sniff(bytes)(bytes, '-', opts));
}

/** The extension whose reader fits bytes with no file name (stdin), from their first characters. */
export function sniffKind(bytes: Buffer): string | undefined {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return '.warc.gz';
  const head = bytes.subarray(0, 2048).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  const sniffers: Array<[RegExp, string]> = [
    [/^warc\/\d/, '.warc'],
    [/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(rss|feed|rdf:rdf)[\s>]/, '.rss'],
    [/^(<!--[\s\S]*?-->\s*)*(<!doctype html|<html|<head|<body|<div|<p[ >]|<article|<meta|<title|<section|<h1)/, '.html'],
    // A pretty-printed object or an array is one JSON value; `{` on a line of its own is JSONL.
    [/^(\[|\{\s*\n)/, '.json'],
    [/^\{/, '.jsonl'],
  ];
  for (const [re, ext] of sniffers) if (re.test(head)) return ext;
  return undefined;
}

/** Pick a reader for bytes with no file name (stdin) from their first characters. */
export function sniff(bytes: Buffer): Reader {
  const ext = sniffKind(bytes);
  return (ext && readers[ext]) || readText;
}
