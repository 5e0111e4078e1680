import { readFileSync, statSync } from 'node:fs';
import { errorRecord, isErrorRecord } from '../read/errors.ts';
import { newSourceState, type WatchSourceState } from '../store/watch.ts';
import type { Store } from '../store/types.ts';
import { pollFeed } from './feed-source.ts';
import { FolderSource } from './folder-source.ts';
import { FetchError, USER_AGENT } from './http.ts';
import { HostGate } from './politeness.ts';
import { RobotsCache } from './robots.ts';
import type { Sink, SinkOutcome } from './sink.ts';

/**
 * The watcher: follows feeds (polled every `intervalMs`, each on its own schedule so a slow or
 * failing feed never holds up the others), folders (file events) and lists of feed URLs (re-read
 * every interval, so a URL added to the list is followed without a restart). Every poll's result
 * and error is written to the store's watch state; a source that fails waits longer after each
 * failure in a row (doubling, up to an hour or the interval if longer; a Retry-After is honoured),
 * and one success resets it.
 *
 * Nothing is lost or doubled across restarts and kills: an item is marked handled only after it
 * was stored (or queued), and the store's content keys make a second storing of the same bytes a
 * no-op, so the worst a kill can cost is fetching an item again.
 */
export interface WatcherOptions {
  intervalMs: number;
  timeoutMs?: number;
  /** Fetch the article of summary-only feed items (default true). */
  followLinks?: boolean;
  /** Least time between two requests to one host (default 1000 ms). */
  politenessMs?: number;
  /** Quiet time before a changed file is read (default 300 ms). */
  debounceMs?: number;
  userAgent?: string;
  referenceDate?: string;
  log?: (line: string) => void;
  /** After each poll of a feed (tests, benchmarks). */
  onPoll?: (source: string, r: { ok: boolean; stored: number; error?: string }) => void;
}

export type SourceSpec = { kind: 'feed'; url: string } | { kind: 'folder'; path: string } | { kind: 'list'; path: string };

/** What a command-line SOURCE is: a URL, a folder, or a file listing feed URLs. */
export function parseSource(arg: string): SourceSpec {
  if (/^https?:\/\//i.test(arg)) return { kind: 'feed', url: new URL(arg).toString() };
  let st;
  try {
    st = statSync(arg);
  } catch {
    throw new Error(`${arg}: not a feed URL (http:// or https://), a folder, or a file of feed URLs`);
  }
  return st.isDirectory() ? { kind: 'folder', path: arg } : { kind: 'list', path: arg };
}

/** The feed URLs of a list file: one per line; blank lines and # comments skipped. */
export function readList(path: string): string[] {
  const out: string[] = [];
  for (const raw of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const line = raw.replace(/\s#.*$|^#.*$/, '').trim();
    if (!line) continue;
    try {
      if (/^https?:\/\//i.test(line)) out.push(new URL(line).toString());
    } catch {
      // not a URL: skipped
    }
  }
  return [...new Set(out)];
}

/** Wait before the next try after `errors` failures in a row. */
export function backoffMs(intervalMs: number, errors: number, retryAfterS: number | null = null): number {
  const cap = Math.max(intervalMs, 3_600_000);
  const d = Math.min(intervalMs * 2 ** Math.max(0, Math.min(errors - 1, 16)), cap);
  return retryAfterS != null ? Math.min(Math.max(d, retryAfterS * 1000), 6 * 3_600_000) : d;
}

export class Watcher {
  private readonly gate: HostGate;
  private readonly robots: RobotsCache;
  private readonly feeds = new Map<string, { timer: NodeJS.Timeout | null; running: Promise<void> | null; from: string }>();
  private readonly folders: FolderSource[] = [];
  private readonly lists: string[] = [];
  private listTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly sink: Sink,
    private readonly opts: WatcherOptions,
  ) {
    this.gate = new HostGate(opts.politenessMs ?? 1000);
    this.robots = new RobotsCache(this.gate, { timeoutMs: this.timeoutMs, userAgent: opts.userAgent ?? USER_AGENT });
  }

  private get timeoutMs(): number {
    return this.opts.timeoutMs ?? 30_000;
  }

  private log(line: string): void {
    this.opts.log?.(`${new Date().toISOString()} ${line}`);
  }

  /** Start following the sources (folders are rescanned first; feeds are polled at once). */
  async start(specs: SourceSpec[]): Promise<void> {
    for (const s of specs) {
      if (s.kind === 'feed') this.follow(s.url, 'argument');
      else if (s.kind === 'list') this.lists.push(s.path);
      else {
        const f = new FolderSource(s.path, { watch: this.store.watch, sink: this.sink, debounceMs: this.opts.debounceMs ?? 300, referenceDate: this.opts.referenceDate, log: (l) => this.log(l), onBatch: (n) => this.folderDone(f.key, n) });
        this.folders.push(f);
      }
    }
    this.rereadLists();
    for (const f of this.folders) {
      await f.start().catch((e) => this.folderFailed(f.key, e));
    }
  }

  /** Wait until the folders' files in hand are handled (tests). */
  async folderIdle(): Promise<void> {
    await Promise.all(this.folders.map((f) => f.idle()));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.listTimer) clearTimeout(this.listTimer);
    for (const f of this.feeds.values()) if (f.timer) clearTimeout(f.timer);
    await Promise.all([...this.feeds.values()].map((f) => f.running));
    await Promise.all(this.folders.map((f) => f.stop()));
    await this.sink.close();
  }

  private rereadLists(): void {
    if (!this.lists.length || this.stopped) return;
    for (const path of this.lists) {
      let urls: string[] = [];
      try {
        urls = readList(path);
      } catch (e) {
        this.log(`list ${path}: ${(e as Error).message}`);
        continue;
      }
      for (const u of urls) this.follow(u, path);
      // A URL taken off the list is no longer polled.
      for (const [u, f] of this.feeds) if (f.from === path && !urls.includes(u)) (f.timer && clearTimeout(f.timer), this.feeds.delete(u));
    }
    this.listTimer = setTimeout(() => this.rereadLists(), this.opts.intervalMs);
  }

  private follow(url: string, from: string): void {
    if (this.feeds.has(url)) return;
    const entry = { timer: null as NodeJS.Timeout | null, running: null as Promise<void> | null, from };
    this.feeds.set(url, entry);
    const tick = async () => {
      entry.timer = null;
      if (this.stopped || this.feeds.get(url) !== entry) return;
      entry.running = this.pollOnce(url).then(
        (wait) => {
          entry.running = null;
          if (!this.stopped && this.feeds.get(url) === entry) entry.timer = setTimeout(tick, wait);
        },
        () => {},
      );
    };
    // A restarted watcher keeps a failing feed's back-off; every other feed is polled at once.
    this.store.watch.getSource(url).then(
      (st) => {
        const due = st?.errors && st.nextPoll ? Date.parse(st.nextPoll) - Date.now() : 0;
        entry.timer = setTimeout(tick, Math.max(0, due));
      },
      () => (entry.timer = setTimeout(tick, 0)),
    );
  }

  /** Poll one feed now and store what is new; returns the wait before the next poll. Never throws. */
  async pollOnce(url: string): Promise<number> {
    const st: WatchSourceState = (await this.store.watch.getSource(url).catch(() => null)) ?? newSourceState(url, 'feed');
    const at = new Date().toISOString();
    st.lastPoll = at;
    let wait: number;
    let stored = 0;
    let error: string | undefined;
    try {
      const poll = await pollFeed(url, st, {
        watch: this.store.watch, gate: this.gate, robots: this.robots, timeoutMs: this.timeoutMs, userAgent: this.opts.userAgent,
        followLinks: this.opts.followLinks ?? true, referenceDate: this.opts.referenceDate, log: (l) => this.log(l),
      });
      if (poll.items.length) {
        const docs = async function* () {
          for (const item of poll.items) yield await item.load();
        };
        const out = await this.sink.put(
          docs(),
          `watch ${url}`,
          // Marked as each is stored: a kill mid-batch leaves the rest to the next poll.
          (i, o) => this.store.watch.markItem(url, poll.items[i].key, tagOf(o)),
        );
        stored = out.filter((o) => !isErrorRecord(o) && o.status !== 'unchanged').length;
        for (const o of out) if (isErrorRecord(o)) this.log(`${url}: skipped ${o.source}: ${o.error.code}: ${o.error.message}`);
      }
      Object.assign(st, { etag: poll.etag, lastModified: poll.lastModified, bodyHash: poll.bodyHash, lastSuccess: new Date().toISOString(), errors: 0 });
      st.items += stored;
      wait = this.opts.intervalMs;
      if (poll.items.length || this.opts.log) this.log(`${url}: ${poll.outcome === 'not_modified' ? '304 not modified' : poll.outcome === 'same_body' ? 'unchanged' : `${poll.items.length} new item(s), ${stored} ${this.sink.kind === 'queue' ? 'queued' : 'stored'}`}`);
    } catch (e) {
      const rec = errorRecord(url, e);
      error = `${e instanceof FetchError ? e.code : rec.error.code}: ${rec.error.message}`;
      st.errors++;
      st.lastError = error;
      st.lastErrorAt = new Date().toISOString();
      wait = backoffMs(this.opts.intervalMs, st.errors, e instanceof FetchError ? e.retryAfter : null);
      this.log(`${url}: ${error}; retrying in ${Math.round(wait / 1000)} s`);
    }
    st.nextPoll = new Date(Date.now() + wait).toISOString();
    await this.store.watch.saveSource(st).catch((e) => this.log(`${url}: could not save the poll state: ${(e as Error).message}`));
    this.opts.onPoll?.(url, { ok: !error, stored, error });
    return wait;
  }

  private async folderDone(key: string, stored: number): Promise<void> {
    const st = (await this.store.watch.getSource(key)) ?? newSourceState(key, 'folder');
    Object.assign(st, { lastPoll: new Date().toISOString(), lastSuccess: new Date().toISOString(), errors: 0, items: st.items + stored });
    await this.store.watch.saveSource(st);
    if (stored) this.log(`${key}: ${stored} file document(s) ${this.sink.kind === 'queue' ? 'queued' : 'stored'}`);
  }

  private async folderFailed(key: string, e: unknown): Promise<void> {
    const st = (await this.store.watch.getSource(key)) ?? newSourceState(key, 'folder');
    Object.assign(st, { lastPoll: new Date().toISOString(), lastError: (e as Error).message, lastErrorAt: new Date().toISOString(), errors: st.errors + 1 });
    await this.store.watch.saveSource(st).catch(() => {});
    this.log(`${key}: ${(e as Error).message}`);
  }
}

function tagOf(o: SinkOutcome): string {
  return isErrorRecord(o) ? `skipped:${o.error.code}` : o.status;
}

