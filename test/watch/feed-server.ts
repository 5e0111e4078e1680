import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/**
 * A local news site for the watcher's tests and benchmark (loopback only): an RSS feed at
 * /feed.xml that gains items as a test adds them, summary-only items whose article pages are at
 * /a/ID, and a robots.txt. It honours If-None-Match / If-Modified-Since with 304, gzips when
 * asked, and can be told to fail (500, 404, malformed XML, never answer) to test retries. Every
 * request is logged (path, status, request headers) for the test to read back.
 */
export interface SiteItem {
  id: string;
  title: string;
  /** The article's text (the page's body); the feed carries only its first sentence. */
  body: string;
  /** RFC 822 date for pubDate. */
  date?: string;
  /** Put the whole article into content:encoded (no page fetch needed). */
  full?: boolean;
}

export type FeedMode = 'ok' | 'error500' | 'error404' | 'malformed' | 'hang';

export interface Hit {
  path: string;
  status: number;
  headers: IncomingMessage['headers'];
}

const PLACES = ['Mosul', 'Raqqa', 'Aleppo', 'Homs', 'Kirkuk', 'Tikrit', 'Fallujah', 'Ramadi', 'Idlib', 'Hama', 'Daraa', 'Palmyra', 'Baquba', 'Samarra', 'Erbil', 'Latakia'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** An article the pipeline finds an event in; `n` picks a distinct place and day. */
export function newsItem(n: number, opts: Partial<SiteItem> = {}): SiteItem {
  const place = PLACES[n % PLACES.length];
  const day = 1 + (n % 27);
  const month = MONTHS[Math.floor(n / 27) % 12];
  const killed = 3 + (n % 9);
  return {
    id: `story-${n}`,
    title: `Attack in ${place} kills ${killed}`,
    body:
      `${place}, ${month} ${day}, 2024 — Islamic State militants attacked an army checkpoint in ${place} on ${month} ${day}, 2024, killing ${killed} soldiers, officials said. ` +
      `The attack began at dawn and lasted several hours, according to a local official who asked not to be named. ` +
      `Security forces later sealed off the area and began searching nearby villages for the attackers.`,
    date: `Mon, ${String(day).padStart(2, '0')} ${month.slice(0, 3)} 2024 08:00:00 GMT`,
    ...opts,
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export class FeedSite {
  items: SiteItem[] = [];
  mode: FeedMode = 'ok';
  robots = 'User-agent: *\nDisallow: /private/\n';
  /** Send no ETag / Last-Modified (a server without validators). */
  noValidators = false;
  hits: Hit[] = [];
  /** Called on every request before it is answered (a test may SIGKILL the watcher here). */
  onRequest: ((path: string) => void) | null = null;
  /** Article pages answer only when this resolves (a test holds the watcher mid-batch). */
  holdArticles: Promise<void> | null = null;
  private server: Server | null = null;
  private modified = new Date('2024-01-01T00:00:00Z');
  base = '';

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.answer(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    const a = this.server.address() as { port: number };
    this.base = `http://127.0.0.1:${a.port}`;
    return this.base;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  get feedUrl(): string {
    return `${this.base}/feed.xml`;
  }

  add(...items: SiteItem[]): void {
    this.items.push(...items);
    // Whole seconds: Last-Modified has no finer grain.
    this.modified = new Date(Math.max(this.modified.getTime() + 1000, Math.floor(Date.now() / 1000) * 1000));
  }

  feedXml(): string {
    const entries = [...this.items].reverse().map((it) => {
      const lead = it.body.split('. ')[0] + '.';
      return (
        `<item><title>${esc(it.title)}</title><link>${this.base}/a/${it.id}</link><guid isPermaLink="false">${it.id}</guid>` +
        (it.date ? `<pubDate>${it.date}</pubDate>` : '') +
        `<description>${esc(`<p>${lead}</p>`)}</description>` +
        (it.full ? `<content:encoded>${esc(`<p>${it.body}</p>`.repeat(1 + Math.ceil(1000 / it.body.length)))}</content:encoded>` : '') +
        `</item>`
      );
    });
    return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Local Wire</title><link>${this.base}/</link><description>test feed</description>\n${entries.join('\n')}\n</channel></rss>\n`;
  }

  private send(req: IncomingMessage, res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
    this.hits.push({ path: req.url ?? '', status, headers: req.headers });
    let buf = Buffer.from(body, 'utf8');
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && buf.length) {
      buf = gzipSync(buf);
      headers['content-encoding'] = 'gzip';
    }
    res.writeHead(status, { 'content-length': String(buf.length), ...headers });
    res.end(status === 304 ? undefined : buf);
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    this.onRequest?.(path);
    if (path === '/robots.txt') return this.send(req, res, 200, this.robots, { 'content-type': 'text/plain' });
    if (path === '/feed.xml') {
      if (this.mode === 'hang') {
        this.hits.push({ path, status: 0, headers: req.headers });
        return; // never answers: the watcher's timeout must end it
      }
      if (this.mode === 'error500') return this.send(req, res, 500, 'internal error', { 'content-type': 'text/plain' });
      if (this.mode === 'error404') return this.send(req, res, 404, 'not found', { 'content-type': 'text/plain' });
      if (this.mode === 'malformed') return this.send(req, res, 200, '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken<item><title>x</title></channel>', { 'content-type': 'application/rss+xml' });
      const xml = this.feedXml();
      const etag = `"${createHash('sha256').update(xml).digest('hex').slice(0, 16)}"`;
      const lm = this.modified.toUTCString();
      const validators: Record<string, string> = this.noValidators ? {} : { etag, 'last-modified': lm };
      if (!this.noValidators) {
        const inm = req.headers['if-none-match'];
        const ims = req.headers['if-modified-since'];
        if ((inm && inm === etag) || (!inm && ims && Date.parse(ims) >= this.modified.getTime())) return this.send(req, res, 304, '', validators);
      }
      return this.send(req, res, 200, xml, { 'content-type': 'application/rss+xml; charset=utf-8', ...validators });
    }
    const m = /^\/a\/([\w-]+)$/.exec(path);
    const item = m && this.items.find((i) => i.id === m[1]);
    if (item) {
      if (this.holdArticles) await this.holdArticles;
      const page = `<!doctype html><html><head><meta charset="utf-8"><title>${esc(item.title)}</title></head><body><nav>Home | World | Sport</nav><article><h1>${esc(item.title)}</h1>${item.body
        .split('. ')
        .map((s) => `<p>${esc(s.replace(/\.?$/, '.'))}</p>`)
        .join('')}</article><footer>© Local Wire</footer></body></html>`;
      return this.send(req, res, 200, page, { 'content-type': 'text/html; charset=utf-8' });
    }
    return this.send(req, res, 404, 'not found', { 'content-type': 'text/plain' });
  }
}
