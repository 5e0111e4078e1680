import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PostgresStore } from '../../src/store/postgres/index.ts';
import { openQueue, runWorker, QUEUE } from '../../src/queue/index.ts';
import { Watcher } from '../../src/watch/watcher.ts';
import { QueueSink } from '../../src/watch/sink.ts';
import { skipNoPg, freshUrl, dropSchemas } from '../store/pg-helpers.ts';
import { FeedSite, newsItem } from './feed-server.ts';

/**
 * With PostgreSQL the watcher does not extract: it queues one job per new item for the existing
 * `sitrep worker`s (pg-boss, as `ingest --queue` does) and marks the item handled once queued.
 * A worker then stores them; the poll state lives in PostgreSQL, so a second watcher process on
 * the same database queues nothing twice.
 */
describe('watch on PostgreSQL: jobs for the workers', { skip: skipNoPg }, () => {
  let site: FeedSite;
  let url: string;

  before(async () => {
    site = new FeedSite();
    await site.start();
    url = freshUrl();
  });

  after(async () => {
    await site?.stop();
    await dropSchemas();
  });

  it('queues each new item once, a worker stores them, a second watcher queues nothing again', async () => {
    site.add(newsItem(40), newsItem(41), newsItem(42));
    const store = new PostgresStore(url);
    const w = new Watcher(store, new QueueSink(url, store), { intervalMs: 60_000, politenessMs: 0, timeoutMs: 5_000 });
    await w.pollOnce(site.feedUrl);
    const boss = await openQueue(url);
    try {
      assert.equal(await boss.getQueueSize(QUEUE), 3, 'three jobs queued');
      assert.equal((await store.listDocuments({ limit: 10 })).items.length, 0, 'the watcher extracted nothing itself');
      const st = await store.watch.getSource(site.feedUrl);
      assert.equal(st!.items, 3, 'queued items count as handled');
      assert.equal(st!.errors, 0);
    } finally {
      await boss.stop({ graceful: false, close: true, wait: true });
    }
    await w.stop();

    const s = await runWorker(url, { drain: true, idleMs: 100 });
    assert.equal(s.stored, 3);
    const docs = (await store.listDocuments({ limit: 10 })).items;
    assert.equal(docs.length, 3);
    assert.ok((await store.getDocument(docs[0].id))!.text.includes('lasted several hours'), 'the article page went into the job');

    // Another watcher on the same database: the state is shared, only the new item is queued.
    const store2 = new PostgresStore(url);
    const w2 = new Watcher(store2, new QueueSink(url, store2), { intervalMs: 60_000, politenessMs: 0, timeoutMs: 5_000 });
    site.add(newsItem(43));
    await w2.pollOnce(site.feedUrl);
    await w2.stop();
    const s2 = await runWorker(url, { drain: true, idleMs: 100 });
    assert.equal(s2.jobs, 1);
    assert.equal((await store.listDocuments({ limit: 10 })).items.length, 4);
    const listed = await store.watch.listSources();
    assert.deepEqual(listed.map((x) => [x.source, x.kind, x.items, x.errors]), [[site.feedUrl, 'feed', 4, 0]], 'the poll state is in PostgreSQL');
    const runs = await store.listRuns(10);
    assert.ok(runs.slice(0, 2).every((r) => r.finishedAt && r.command?.startsWith('watch ')), 'the queued runs are finished by the worker');
    await store.close();
    await store2.close();
  });
});
