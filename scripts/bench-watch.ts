/**
 * `npm run bench -- watch`: how long a new item in a watched feed takes to be an event on an open
 * dashboard. A local feed server (loopback) gains one summary-only item at a time, at a random
 * moment of the poll interval; `sitrep watch`'s Watcher (in process, SQLite store, --interval
 * INTERVAL, article page fetched) stores it; the server's /api/changes/stream, read by an SSE
 * client as the dashboard's EventSource reads it, delivers the change. Printed per item: from the
 * item's appearance to the watcher having stored it (waiting for the poll + fetch + extraction +
 * store), and to the change arriving on the stream. The bound: one interval plus extraction time,
 * plus up to 0.5 s for the stream to see the store's new cursor (routes/live.ts).
 *
 *   SITREP_BENCH_WATCH_INTERVAL_MS (default 2000), SITREP_BENCH_WATCH_ITEMS (default 10)
 */
import { join } from 'node:path';
import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openStore, type SqliteStore } from '../src/store/index.ts';
import { buildServer } from '../src/server/app.ts';
import { Watcher } from '../src/watch/watcher.ts';
import { StoreSink } from '../src/watch/sink.ts';
import { FeedSite, newsItem } from '../test/watch/feed-server.ts';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p + 0.5))];

export async function runWatchBench(): Promise<void> {
  const interval = Number(process.env.SITREP_BENCH_WATCH_INTERVAL_MS ?? 2000);
  const n = Number(process.env.SITREP_BENCH_WATCH_ITEMS ?? 10);
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-watch-'));
  const store = openStore(join(dir, 'w.db')) as SqliteStore;
  const app = await buildServer({ store });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const site = new FeedSite();
  await site.start();
  site.add(newsItem(0));
  const storedAt = new Map<string, number>();
  const extract: number[] = [];
  // When each page is stored, by its link: the sink timed around ingest's own path.
  const sink = new StoreSink(store);
  const put = sink.put.bind(sink);
  sink.put = async (docs, cmd, each) => {
    // Each document's source and the moment it was read (its page fetched), then stored.
    const sources: string[] = [];
    const readAt: number[] = [];
    async function* tap() {
      for await (const d of docs) {
        sources.push(d.source);
        readAt.push(performance.now());
        yield d;
      }
    }
    return put(tap(), cmd, async (i, o) => {
      const now = performance.now();
      storedAt.set(sources[i], now);
      extract.push(now - readAt[i]);
      await each?.(i, o);
    });
  };
  const watcher = new Watcher(store, sink, { intervalMs: interval, politenessMs: 0 });

  // The dashboard's side: one SSE stream, changes noted by the sources of their events.
  const res = await fetch(base + '/api/changes/stream');
  const reader = res.body!.getReader();
  const seenAt = new Map<string, number>();
  let buf = '';
  const reading = (async () => {
    for (;;) {
      const r = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (r.done) return;
      buf += Buffer.from(r.value!).toString('utf8');
      let at;
      while ((at = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, at);
        buf = buf.slice(at + 2);
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!data || !/^event: change$/m.test(block)) continue;
        const c = JSON.parse(data);
        for (const s of c.event?.sources ?? []) if (!seenAt.has(s.source)) seenAt.set(s.source, performance.now());
      }
    }
  })();

  await watcher.start([{ kind: 'feed', url: site.feedUrl }]);
  const wait = async (cond: () => boolean, what: string) => {
    const deadline = performance.now() + interval * 10 + 60_000;
    while (!cond()) {
      if (performance.now() > deadline) throw new Error(`bench watch: gave up waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  await wait(() => seenAt.has(`${site.base}/a/story-0`), 'the first item');

  const toStored: number[] = [];
  const toDashboard: number[] = [];
  for (let k = 1; k <= n; k++) {
    // A random moment of the interval: the item waits for the next poll like any real one.
    await new Promise((r) => setTimeout(r, Math.random() * interval));
    const item = newsItem(100 + k);
    const link = `${site.base}/a/${item.id}`;
    const t0 = performance.now();
    site.add(item);
    await wait(() => seenAt.has(link), `item ${k}`);
    toStored.push(storedAt.get(link)! - t0);
    toDashboard.push(seenAt.get(link)! - t0);
  }
  await watcher.stop();
  await reader.cancel().catch(() => {});
  await reading;
  await app.close();
  await site.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `bench watch: new feed item -> event on an open dashboard (SSE), --interval ${f(interval)}, ${n} items at random moments: ` +
      `median ${f(pct(toDashboard, 0.5))}, p90 ${f(pct(toDashboard, 0.9))}, max ${f(Math.max(...toDashboard))} ` +
      `(stored after median ${f(pct(toStored, 0.5))}; extraction+store ${Math.round(pct(extract, 0.5))} ms per item; ` +
      `bound: interval + extraction + the stream's 0.5 s store poll = ${f(interval + pct(extract, 0.5) + 500)})`,
  );
}
