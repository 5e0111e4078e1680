import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { SqliteStore } from '../../src/store/sqlite/index.ts';
import { strikeReport } from './contract.ts';
import { HAJIN, MOSUL } from './fixtures.ts';
import { tempDir } from '../helpers.ts';

/**
 * Event ids are stable: a document added later never renames an event that reports are already
 * filed under. Only a recorded merge or split moves reports to another id, and the change feed
 * says so (the absorbed event's `delete`, the surviving event's `update`).
 */
describe('stable event ids (real SQLite file)', () => {
  it('adding documents never renames an event; a merge is in the change feed', async () => {
    const dir = tempDir();
    const store = new SqliteStore(join(dir, 'ids.db'));
    try {
      const clustersOf = async (docs: string[]) => Object.fromEntries(await Promise.all(docs.map(async (d) => [d, await store.reportClusters(d)] as const)));
      const a = await store.ingest(strikeReport('a.txt', 'Outlet A', { killed: 7, claimant: 'org:sohr' }));
      const b = await store.ingest(strikeReport('b.txt', 'Outlet B', { killed: 9, claimant: 'org:white-helmets' }));
      const m = await store.ingest(strikeReport('m.txt', 'Outlet C', { loc: MOSUL }));
      const before = await clustersOf([a.documentId, b.documentId, m.documentId]);
      assert.equal(Object.values(before[a.documentId])[0], Object.values(before[b.documentId])[0], 'a and b are one event');
      assert.notEqual(Object.values(before[a.documentId])[0], Object.values(before[m.documentId])[0]);
      const head = await store.changeHead();

      // More reports, near and far, of the same and other days: earlier reports keep their events.
      const later = [];
      later.push(await store.ingest(strikeReport('h.txt', 'Outlet D', { loc: HAJIN })));
      later.push(await store.ingest(strikeReport('n.txt', 'Outlet E', { date: '2019-03-25' })));
      later.push(await store.ingest(strikeReport('x.txt', 'Outlet A', { date: '2019-04-20' })));
      assert.deepEqual(await clustersOf([a.documentId, b.documentId, m.documentId]), before);
      const feed = await store.changes(String(head));
      assert.ok(!feed.changes.some((c) => c.op === 'delete'), 'no event went away');
      const known = new Set(Object.values(before).flatMap((x) => Object.values(x)));
      for (const c of feed.changes) if (c.op === 'add') assert.ok(!known.has(c.eventId), 'an add is a new id, never an old one re-made');

      // A recorded merge moves m's report into a's event, and the feed says so.
      const into = Object.values(before[a.documentId])[0];
      const gone = Object.values(before[m.documentId])[0];
      const mark = await store.changeHead();
      await store.review({ action: 'merge', eventIds: [into, gone], reviewer: 'test' });
      assert.equal(Object.values(await store.reportClusters(m.documentId))[0], into);
      const merged = (await store.changes(String(mark))).changes;
      assert.ok(merged.some((c) => c.op === 'delete' && c.eventId === gone), JSON.stringify(merged));
      assert.ok(merged.some((c) => c.op === 'update' && c.eventId === into));
      assert.equal(await store.getEvent(gone), null);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('each report keeps why it is in its event: the score against the threshold, or the veto', async () => {
    const dir = tempDir();
    const store = new SqliteStore(join(dir, 'why.db'));
    try {
      await store.ingest(strikeReport('a.txt', 'Outlet A'));
      await store.ingest(strikeReport('b.txt', 'Outlet B'));
      const [ev] = (await store.listEvents()).items;
      const detail = (await store.getEvent(ev.id))!;
      const [first, second] = detail.reports;
      assert.equal(first.match?.joined, false, 'the first report founded the event');
      assert.equal(second.match?.joined, true);
      assert.equal(second.match?.eventId, ev.id);
      assert.ok(second.match!.score >= second.match!.threshold);
      assert.ok(Object.keys(second.match!.contributions ?? {}).length > 0);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
