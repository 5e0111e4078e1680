import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PostgresStore } from '../../src/store/postgres/index.ts';
import { openStore } from '../../src/store/index.ts';
import { storeContract, strikeReport } from './contract.ts';
import { MOSUL } from './fixtures.ts';
import { SqliteStore } from '../../src/store/sqlite/index.ts';
import { syntheticDoc } from './generate.ts';
import { tempDir } from '../helpers.ts';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../../src/store/types.ts';
import { skipNoPg, freshUrl, dropSchemas, reusingFactory } from './pg-helpers.ts';

// The store contract against a real PostgreSQL server, one fresh schema per store.
if (skipNoPg) describe('store contract: postgres', { skip: skipNoPg }, () => {});
else {
  storeContract('postgres', reusingFactory((url) => new PostgresStore(url)));
  after(dropSchemas);
}

describe('postgres store', { skip: skipNoPg }, () => {

  it('is what openStore gives for a postgres:// URL, and migrates once', async () => {
    const url = freshUrl();
    const a = openStore(url);
    assert.equal(a.backend, 'postgres');
    // One version per migration file (new migrations must not break this test).
    assert.equal(await (a as PostgresStore).schemaVersion(), readdirSync(new URL('../../src/store/postgres/migrations/', import.meta.url)).filter((f) => f.endsWith('.sql')).length);
    await a.ingest(strikeReport('a.txt', 'Outlet A'));
    await a.close();
    const b = new PostgresStore(url);
    assert.equal((await b.stats()).documents, 1, 'reopened: data kept, no migration re-run');
    await b.close();
  });

  it('stores what SQLite stores: same events, reports, grades, claims, contradictions and change feed', async () => {
    // Multi-event documents over one month, so reports cluster, and a changed version of one source.
    const docs = Array.from({ length: 40 }, (_, i) => syntheticDoc(i, { events: 3, mentions: 5, days: 30 }));
    const v2 = syntheticDoc(3, { events: 2, mentions: 5, days: 30 });
    v2.result.source = docs[3].result.source;
    const dir = tempDir('sitrep-pg-same-');
    const lite = new SqliteStore(join(dir, 's.db'));
    const pgs = new PostgresStore(freshUrl());
    try {
      const snap = async (s: Store) => {
        const outcomes = [];
        for (const d of [...docs, v2]) outcomes.push(await s.ingest(d));
        const events = (await s.listEvents({ limit: 1000 })).items.map((e) => [e.id, e.type, e.date, e.location, e.actors, e.fatalities, e.counts, e.corroboration, e.sources]);
        const feed = (await s.changes(null, 10_000)).changes.map((c) => [c.op, c.eventId, c.revision]);
        const claims = (await s.listClaims({ limit: 1000 })).items.map((c) => [c.id, c.eventId, c.value]);
        const contradictions = (await s.listContradictions()).map((c) => [c.id, c.values.map((v) => [v.value, v.documentId, v.evidence.text])]);
        const { topActors, eventsByType, ...counts } = await s.stats();
        const stored = [];
        for (const o of outcomes) stored.push((await s.getDocument(o.documentId))!.result);
        return { stored, outcomes: outcomes.map((o) => [o.status, o.documentId, o.version, [...o.events].sort()]), events, feed, claims, contradictions, counts, topActors, eventsByType };
      };
      const a = await snap(lite);
      const b = await snap(pgs);
      assert.ok(a.events.some((e) => (e[7] as { reports: number }).reports > 1), 'some events have several reports');
      for (const k of Object.keys(a) as Array<keyof typeof a>) assert.deepEqual(b[k], a[k], k);
    } finally {
      await lite.close();
      await pgs.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('two stores writing one schema at once: every document once, reports of one event in one cluster', async () => {
    const url = freshUrl();
    const [a, b] = [new PostgresStore(url), new PostgresStore(url)];
    await a.schemaVersion();
    const docs = [
      strikeReport('a.txt', 'Outlet A'),
      strikeReport('b.txt', 'Outlet B', { extra: 'b' }),
      strikeReport('c.txt', 'Outlet C', { extra: 'c' }),
      strikeReport('m.txt', 'Outlet D', { loc: MOSUL }),
    ];
    // Each document twice, from both stores concurrently.
    const outcomes = await Promise.all([...docs.map((d) => a.ingest(d)), ...docs.map((d) => b.ingest(d))]);
    assert.equal(outcomes.filter((o) => o.status === 'added').length, 4);
    assert.equal(outcomes.filter((o) => o.status === 'unchanged').length, 4);
    const evs = (await a.listEvents()).items;
    assert.deepEqual(evs.map((e) => e.corroboration.reports).sort(), [1, 3]);
    const feed = await b.changes(null);
    const seqs = feed.changes.map((c) => Number(c.cursor));
    assert.deepEqual(seqs, [...seqs].sort((x, y) => x - y));
    await a.close();
    await b.close();
  });
});
