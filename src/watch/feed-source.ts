import { createHash } from 'node:crypto';
import { Doc } from '../doc.ts';
import { readFeed } from '../read/feed.ts';
import { htmlDoc } from '../read/html.ts';
import { declaredCharset, decode, hashId, MAX_TEXT_CHARS } from '../read/decode.ts';
import { errorRecord, InputError, isErrorRecord } from '../read/errors.ts';
import type { ReadItem } from '../read/index.ts';
import type { WatchSourceState, WatchState } from '../store/watch.ts';
import { feedItems } from './feed-items.ts';
import { FetchError, httpGet } from './http.ts';
import type { HostGate } from './politeness.ts';
import type { RobotsCache } from './robots.ts';

/**
 * One poll of one feed: a conditional GET (the validators of the last answer), nothing more when
 * the server says 304 or sends the very bytes handled last time; else the feed is read by the
 * feed reader (read/feed.ts), the items already handled (by their guid, in the store) are
 * dropped, and for an item that carries only a summary the article page is fetched (when robots.txt
 * allows it, one request at a time per host) and read as HTML in its place, with the feed's title,
 * date and outlet as given metadata. A page that cannot be had leaves the summary as the document.
 *
 * Failures of the feed itself (an HTTP error, a timeout, malformed XML) throw a FetchError or an
 * InputError: the watcher logs them and tries again later, the state unchanged.
 */
export interface FeedPollDeps {
  watch: WatchState;
  gate: HostGate;
  robots: RobotsCache;
  timeoutMs: number;
  userAgent?: string;
  /** Fetch the article page of summary-only items (default true). */
  followLinks: boolean;
  referenceDate?: string;
  log?: (line: string) => void;
}

export interface NewItem {
  key: string;
  /** The item's document: the article page fetched when it is asked for, else the feed's HTML. */
  load(): Promise<ReadItem>;
}

export interface FeedPoll {
  /** 'not_modified': a 304; 'same_body': the bytes handled last time; 'read': the feed was read. */
  outcome: 'not_modified' | 'same_body' | 'read';
  items: NewItem[];
  /** Validators and body hash to keep once the items are stored. */
  etag: string | null;
  lastModified: string | null;
  bodyHash: string | null;
}

export async function pollFeed(url: string, st: WatchSourceState, deps: FeedPollDeps): Promise<FeedPoll> {
  const http = { timeoutMs: deps.timeoutMs, userAgent: deps.userAgent };
  const r = await deps.gate.run(url, () =>
    httpGet(url, { ...http, etag: st.etag, lastModified: st.lastModified, accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1' }),
  );
  if (r.status === 304) return { outcome: 'not_modified', items: [], etag: st.etag, lastModified: st.lastModified, bodyHash: st.bodyHash };
  if (r.status < 200 || r.status >= 300) throw new FetchError(`http_${r.status}`, `${url}: HTTP ${r.status}`, r.retryAfter);
  const bodyHash = createHash('sha256').update(r.body).digest('hex');
  const keep = { etag: r.etag, lastModified: r.lastModified, bodyHash };
  if (bodyHash === st.bodyHash) return { outcome: 'same_body', items: [], ...keep };

  // The reader checks well-formedness and throws on a bad feed (the whole poll fails, retried later).
  const read: ReadItem[] = [];
  try {
    for (const item of readFeed(r.body, url, { referenceDate: deps.referenceDate })) read.push(item);
  } catch (e) {
    if (!(e instanceof InputError && e.code === 'empty')) throw e;
  }
  const infos = feedItems(decode(r.body).text, r.url);
  if (infos.length !== read.length) throw new InputError('bad_feed', `${url}: ${infos.length} items listed but ${read.length} read`);
  const seen = await deps.watch.seenItems(url, infos.map((i) => i.key));
  const items: NewItem[] = [];
  for (let i = 0; i < infos.length; i++) {
    const info = infos[i];
    if (seen.has(info.key) || items.some((x) => x.key === info.key)) continue;
    const doc = read[i];
    // Fetched one at a time as the watcher stores them: the first item is stored before the last
    // page is asked for, and a kill mid-batch leaves every item before it stored and marked.
    const link = info.link;
    const follow = deps.followLinks && info.summaryOnly && link && !isErrorRecord(doc);
    items.push({ key: info.key, load: async () => (follow ? ((await articlePage(link, doc as Doc, deps)) ?? doc) : doc) });
  }
  return { outcome: 'read', items, ...keep };
}

/** The article page of a summary-only item as a document, or null (robots.txt, an error, not HTML). */
async function articlePage(link: string, summary: Doc, deps: FeedPollDeps): Promise<Doc | null> {
  if (!/^https?:\/\//i.test(link)) return null;
  try {
    if (!(await deps.robots.allowed(link))) {
      deps.log?.(`robots.txt disallows ${link}: keeping the feed's summary`);
      return null;
    }
    const r = await deps.gate.run(link, () => httpGet(link, { timeoutMs: deps.timeoutMs, userAgent: deps.userAgent, accept: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1' }));
    if (r.status !== 200) throw new FetchError(`http_${r.status}`, `HTTP ${r.status}`);
    if (r.contentType && !/html|xml/i.test(r.contentType)) throw new FetchError('not_html', `${r.contentType}, not a page`);
    const { text } = decode(r.body, declaredCharset(r.body));
    // Same source as the summary (the link), so the page and a later summary are one document's versions.
    const doc = htmlDoc(text, { id: hashId(r.body), source: summary.source, given: { ...summary.given, url: link, crawled: new Date().toISOString() } });
    if (doc.view.text.length > MAX_TEXT_CHARS) throw new InputError('too_large', `the page's text is ${doc.view.text.length} characters`);
    return doc;
  } catch (e) {
    deps.log?.(`article ${link}: ${errorRecord(link, e).error.message}; keeping the feed's summary`);
    return null;
  }
}
