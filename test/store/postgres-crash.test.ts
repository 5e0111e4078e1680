import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import pg from 'pg';
import { PostgresStore } from '../../src/store/postgres/index.ts';
import { ROOT } from '../helpers.ts';
import { syntheticDoc } from './generate.ts';
import { startChild as startIngest, countCommitted, killAfter, statusesOf } from './child.ts';
import { skipNoPg, freshUrl, dropSchemas, PG_URL } from './pg-helpers.ts';

const CHILD = join(ROOT, 'test/store/pg-ingest-child.ts');

const startChild = (url: string, from: number, to: number) => startIngest(CHILD, [url, from, to]);

/** Every stored document is whole, stored once; no report of a missing event; event summaries current. */
async function checkIntegrity(url: string): Promise<number> {
  const schema = new URL(url).searchParams.get('schema')!;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  const q = async (sql: string) => (await c.query(sql.replaceAll('S.', `${schema}.`))).rows;
  try {
    assert.deepEqual(
      await q(`SELECT d.id FROM S.documents d WHERE d.n_mentions <> (SELECT COUNT(*) FROM S.mentions m WHERE m.document_pk = d.pk)
        OR d.n_events <> (SELECT COUNT(*) FROM S.event_reports r WHERE r.document_pk = d.pk) OR d.n_claims <> (SELECT COUNT(*) FROM S.claims x WHERE x.document_pk = d.pk)`),
      [],
      'partial documents',
    );
    assert.deepEqual(await q('SELECT content_hash FROM S.documents GROUP BY content_hash HAVING COUNT(*) > 1'), [], 'duplicate documents');
    assert.deepEqual(await q('SELECT r.id FROM S.event_reports r LEFT JOIN S.events e ON e.id = r.event_id WHERE r.event_id IS NOT NULL AND (e.id IS NULL OR e.deleted)'), [], 'reports of missing events');
    assert.deepEqual(await q('SELECT e.id FROM S.events e WHERE NOT e.deleted AND e.n_reports <> (SELECT COUNT(*) FROM S.event_reports r WHERE r.event_id = e.id)'), [], 'stale event summaries');
    return (await q('SELECT COUNT(*)::int AS n FROM S.documents'))[0].n;
  } finally {
    await c.end();
  }
}

describe('postgres crash safety', { skip: skipNoPg }, () => {
  after(dropSchemas);

  it('SIGKILL mid-ingest leaves no partial document; a re-run completes without duplicates, same events as a clean ingest', async () => {
    const url = freshUrl();
    const N = 60;
    const c = startChild(url, 0, N);
    await killAfter(c, 10);
    assert.equal(await c.done, -1, 'killed');
    const committed = countCommitted(c);
    const docs = await checkIntegrity(url);
    assert.ok(docs >= committed && docs < N, `stored ${docs}, child reported ${committed}`);
    const again = startChild(url, 0, N);
    assert.equal(await again.done, 0, again.err());
    const statuses = statusesOf(again);
    assert.equal(statuses.filter((s) => s === 'unchanged').length, docs);
    assert.equal(statuses.filter((s) => s === 'added').length, N - docs);
    assert.equal(await checkIntegrity(url), N);
    const store = new PostgresStore(url);
    const clean = new PostgresStore(freshUrl());
    try {
      for (let i = 0; i < N; i++) await clean.ingest(syntheticDoc(i, { mentions: 150, days: 60 }));
      const ids = async (s: PostgresStore) => (await s.listEvents({ limit: 10_000 })).items.map((e) => [e.id, e.corroboration.reports]).sort();
      assert.deepEqual(await ids(store), await ids(clean));
    } finally {
      await store.close();
      await clean.close();
    }
  });
});
