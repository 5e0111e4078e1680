import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../src/store/sqlite/index.ts';
import { ROOT, tempDir } from '../helpers.ts';
import { syntheticDoc } from './generate.ts';
import { startChild as startIngest, countCommitted, killAfter, statusesOf } from './child.ts';

const dir = tempDir('sitrep-crash-');
after(() => rmSync(dir, { recursive: true, force: true }));
const CHILD = join(ROOT, 'test/store/ingest-child.ts');

const startChild = (db: string, from: number, to: number, mentions = 150) => startIngest(CHILD, [db, from, to, mentions]);

/** Every stored document is whole: its span and event counts match its rows; nothing dangles. */
function checkIntegrity(path: string): { docs: number } {
  const db = new Database(path, { readonly: true });
  try {
    assert.equal((db.pragma('integrity_check') as Array<{ integrity_check: string }>)[0].integrity_check, 'ok');
    const bad = db
      .prepare(
        `SELECT d.id FROM documents d WHERE d.n_mentions <> (SELECT COUNT(*) FROM mentions m WHERE m.document_pk = d.pk)
         OR d.n_events <> (SELECT COUNT(*) FROM event_reports r WHERE r.document_pk = d.pk)
         OR d.n_claims <> (SELECT COUNT(*) FROM claims c WHERE c.document_pk = d.pk)`,
      )
      .all();
    assert.deepEqual(bad, [], 'partial documents');
    assert.deepEqual(db.prepare('SELECT content_hash FROM documents GROUP BY content_hash HAVING COUNT(*) > 1').all(), [], 'duplicate documents');
    assert.deepEqual(db.prepare('SELECT r.id FROM event_reports r LEFT JOIN events e ON e.id = r.event_id WHERE r.event_id IS NOT NULL AND (e.id IS NULL OR e.deleted = 1)').all(), [], 'reports of missing events');
    assert.deepEqual(db.prepare('SELECT e.id FROM events e WHERE e.deleted = 0 AND e.n_reports <> (SELECT COUNT(*) FROM event_reports r WHERE r.event_id = e.id)').all(), [], 'stale event summaries');
    return { docs: (db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n };
  } finally {
    db.close();
  }
}

describe('crash safety', () => {
  it('SIGKILL mid-ingest leaves no partial document; a re-run completes without duplicates', async () => {
    const db = join(dir, 'crash.db');
    const N = 200;
    const c = startChild(db, 0, N);
    // Kill once some documents are committed and the child is busy writing more.
    await killAfter(c, 10);
    assert.equal(await c.done, -1, 'killed');
    const committed = countCommitted(c);
    const { docs } = checkIntegrity(db);
    assert.ok(docs >= committed && docs < N, `stored ${docs}, child reported ${committed}`);
    // Re-run the whole batch: the stored ones are no-ops, the rest are added once.
    const again = startChild(db, 0, N);
    assert.equal(await again.done, 0, again.err());
    const statuses = statusesOf(again);
    assert.equal(statuses.filter((s) => s === 'unchanged').length, docs);
    assert.equal(statuses.filter((s) => s === 'added').length, N - docs);
    assert.equal(checkIntegrity(db).docs, N);
    const store = new SqliteStore(db);
    const s = await store.stats();
    assert.equal(s.documents, N);
    // Same bytes, same ids: compare with a clean ingest of the same documents.
    const clean = new SqliteStore(join(dir, 'clean.db'));
    for (let i = 0; i < N; i++) await clean.ingest(syntheticDoc(i, { mentions: 150 }));
    assert.equal((await clean.stats()).events, s.events);
    await clean.close();
    await store.close();
  });
});
