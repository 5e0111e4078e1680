import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { InputError } from './errors.ts';

/** Files larger than this are refused: a news article is kilobytes, not megabytes. */
export const MAX_DOC_BYTES = 20 * 1024 * 1024;

/**
 * A document whose text (the visible text of a page) is longer than this is refused: the longest
 * news articles are tens of thousands of characters, and some stages grow faster than linearly
 * with the text (200k one-line paragraphs took minutes), so a bigger "article" would stall a batch.
 */
export const MAX_TEXT_CHARS = 500_000;

export function hashId(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** True when the bytes look like a binary file (NUL bytes or many control characters). */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.1;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The charset an HTML page declares in its first bytes (`<meta charset>` or http-equiv), if any. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return m ? m[1].toLowerCase() : undefined;
}

/**
 * Bytes -> text, as read: UTF-8 (with or without BOM), else the charset the caller knows from
 * the markup or an HTTP header (windows-1256, iso-8859-6, ...), else Windows-1252, which also
 * covers Latin-1. The chosen encoding is returned so it can be reported.
 */
export function decode(bytes: Uint8Array, charset?: string): { text: string; encoding: string } {
  if (bytes.length === 0) throw new InputError('empty', 'empty input');
  if (bytes.length > MAX_DOC_BYTES) throw new InputError('too_large', `input is ${bytes.length} bytes; the limit is ${MAX_DOC_BYTES}`);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(Buffer.from(bytes), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(Buffer.from(bytes), 'utf-16be'), encoding: 'utf-16be' };
  if (looksBinary(bytes)) throw new InputError('binary', 'input looks binary (NUL or control bytes), not text');
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  // The BOM is kept as U+FEFF: offsets count from the decoded text as any reader sees it.
  if (isValidUtf8(bytes)) return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), encoding: bom ? 'utf-8-bom' : 'utf-8' };
  if (charset && !/^utf-?8$/i.test(charset) && iconv.encodingExists(charset)) return { text: iconv.decode(Buffer.from(bytes), charset), encoding: charset };
  return { text: iconv.decode(Buffer.from(bytes), 'windows-1252'), encoding: 'windows-1252' };
}
