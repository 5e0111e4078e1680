import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { Doc, type ErrorRecord, type GivenMeta } from "../doc.ts";
import { decode, hashId } from './decode.ts';
import { errorRecord, InputError } from './errors.ts';
import { readText } from './text.ts';

/**
 * Inputs -> Docs (or error records), in input order. One reader per input kind; this file only
 * walks paths and dispatches by extension. A reader may yield several documents (a feed, a JSONL
 * file, a WARC) and errors for single records without stopping the rest.
 */
export interface ReadOptions {
  referenceDate?: string;
}

export type ReadItem = Doc | ErrorRecord;

/** A reader: the bytes of one file -> its documents. `source` is the path or URL as given. */
export type Reader = (bytes: Buffer, source: string, opts: ReadOptions) => Iterable<ReadItem> | AsyncIterable<ReadItem>;

const readers: Record<string, Reader> = {
  '.txt': readText,
  '.text': readText,
};

/** Register a reader for file extensions (the HTML, feed, record and WARC readers do this). */
export function registerReader(exts: string[], reader: Reader): void {
  for (const e of exts) readers[e] = reader;
}

export function readerFor(path: string): Reader | undefined {
  const lower = path.toLowerCase();
  for (const ext of Object.keys(readers).sort((a, b) => b.length - a.length)) if (lower.endsWith(ext)) return readers[ext];
  return undefined;
}

/** Build a Doc for text that is read as is (no view mapping). */
export function textDoc(text: string, source: string, bytes: Uint8Array, given: GivenMeta = {}): Doc {
  return new Doc({ id: given.id ?? hashId(bytes), source, text, kind: 'text', given });
}

export { decode, hashId };

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) yield* walk(p);
    else if (readerFor(p)) yield p;
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Every document under the given paths, in order; `-` is standard input. */
export async function* readInputs(paths: string[], opts: ReadOptions = {}): AsyncGenerator<ReadItem> {
  for (const path of paths) {
    if (path === '-') {
      let bytes: Buffer;
      try {
        bytes = await readStdin();
      } catch (e) {
        yield errorRecord('-', e);
        continue;
      }
      yield* readFile(bytes, '-', sniff(bytes), opts);
      continue;
    }
    let files: string[];
    try {
      const st = statSync(path);
      files = st.isDirectory() ? [...walk(path)] : [path];
    } catch (e) {
      yield errorRecord(path, new InputError('unreadable', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`));
      continue;
    }
    for (const f of files) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(f);
      } catch (e) {
        yield errorRecord(f, new InputError('unreadable', `cannot read ${f}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`));
        continue;
      }
      // Unknown extensions given explicitly are read as text (a directory walk skips them).
      yield* readFile(bytes, f, readerFor(f) ?? readText, opts);
    }
  }
}

async function* readFile(bytes: Buffer, source: string, reader: Reader, opts: ReadOptions): AsyncGenerator<ReadItem> {
  try {
    yield* reader(bytes, source, opts);
  } catch (e) {
    yield errorRecord(source, e);
  }
}

/** Pick a reader for bytes with no file name (stdin) from their first characters. */
export function sniff(bytes: Buffer): Reader {
  const head = bytes.subarray(0, 2048).toString('utf8').trimStart().toLowerCase();
  const sniffers: Array<[RegExp, string]> = [
    [/^(<!doctype html|<html|<head|<body|<div|<p[ >]|<article)/, '.html'],
    [/^<\?xml[^>]*>\s*<(rss|feed|rdf)|^<(rss|feed)/, '.rss'],
    [/^\{/, '.jsonl'],
    [/^warc\//, '.warc'],
  ];
  for (const [re, ext] of sniffers) if (re.test(head) && readers[ext]) return readers[ext];
  if (bytes[0] === 0x1f && bytes[1] === 0x8b && readers['.warc.gz']) return readers['.warc.gz'];
  return readText;
}
