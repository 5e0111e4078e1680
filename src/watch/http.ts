import { MAX_DOC_BYTES } from '../read/decode.ts';

/**
 * One HTTP GET as the watcher makes it: a User-Agent naming sitrep (so a site can tell who polls
 * it and write robots.txt rules for it), compressed transfer (fetch asks for and undoes gzip,
 * deflate and br), conditional validators (If-None-Match / If-Modified-Since: an unchanged feed
 * costs the server a 304 and no body), a timeout over the whole exchange and a size limit on the
 * body (a feed or page over the reader's limit would be refused anyway).
 */
export const USER_AGENT = 'sitrep-watch/0.1 (sitrep conflict-news event extractor; polls the feeds its user named)';
/** The robots.txt agent token: the product name, as robots.txt groups name crawlers. */
export const ROBOTS_AGENT = 'sitrep';

export interface GetOptions {
  etag?: string | null;
  lastModified?: string | null;
  timeoutMs: number;
  userAgent?: string;
  accept?: string;
  maxBytes?: number;
}

export interface GetAnswer {
  status: number;
  /** The URL answered after redirects. */
  url: string;
  body: Buffer;
  etag: string | null;
  lastModified: string | null;
  contentType: string | null;
  /** Seconds the server asks to wait (Retry-After on 429/503), else null. */
  retryAfter: number | null;
}

/** Why a fetch failed, as the status lists it: 'timeout', 'http_404', 'network', 'too_large'. */
export class FetchError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

export async function httpGet(url: string, o: GetOptions): Promise<GetAnswer> {
  const headers: Record<string, string> = { 'user-agent': o.userAgent ?? USER_AGENT, accept: o.accept ?? '*/*', 'accept-encoding': 'gzip, deflate, br' };
  if (o.etag) headers['if-none-match'] = o.etag;
  if (o.lastModified) headers['if-modified-since'] = o.lastModified;
  const signal = AbortSignal.timeout(o.timeoutMs);
  const max = o.maxBytes ?? MAX_DOC_BYTES;
  let res: Response;
  try {
    res = await fetch(url, { headers, signal, redirect: 'follow' });
  } catch (e) {
    throw failure(e, url, o.timeoutMs);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    if (res.body) {
      for await (const c of res.body as unknown as AsyncIterable<Uint8Array>) {
        size += c.length;
        if (size > max) {
          await res.body.cancel().catch(() => {});
          throw new FetchError('too_large', `${url}: body over ${max} bytes`);
        }
        chunks.push(Buffer.from(c));
      }
    }
  } catch (e) {
    if (e instanceof FetchError) throw e;
    throw failure(e, url, o.timeoutMs);
  }
  const ra = res.headers.get('retry-after');
  const retryAfter = ra == null ? null : /^\d+$/.test(ra.trim()) ? Number(ra) : Number.isFinite(Date.parse(ra)) ? Math.max(0, Math.round((Date.parse(ra) - Date.now()) / 1000)) : null;
  return {
    status: res.status,
    url: res.url || url,
    body: Buffer.concat(chunks),
    etag: res.headers.get('etag'),
    lastModified: res.headers.get('last-modified'),
    contentType: res.headers.get('content-type'),
    retryAfter,
  };
}

function failure(e: unknown, url: string, timeoutMs: number): FetchError {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return new FetchError('timeout', `${url}: no answer within ${timeoutMs} ms`);
  const why = err.cause?.code ?? err.cause?.message ?? err.message;
  return new FetchError('network', `${url}: ${why}`);
}
