import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PostgresStore } from '../../src/store/postgres/index.ts';
import { openStore } from '../../src/store/index.ts';
import { storeContract, strikeReport } from './contract.ts';
import { MOSUL } from './fixtures.ts';
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
    assert.equal(await (a as PostgresStore).schemaVersion(), 2);
    await a.ingest(strikeReport('a.txt', 'Outlet A'));
    await a.close();
    const b = new PostgresStore(url);
    assert.equal((await b.stats()).documents, 1, 'reopened: data kept, no migration re-run');
    await b.close();
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
