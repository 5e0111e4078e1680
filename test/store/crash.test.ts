import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../src/store/sqlite/index.ts';
import { ROOT, tempDir } from '../helpers.ts';
import { syntheticDoc } from './generate.ts';

const dir = tempDir('sitrep-crash-');
after(() => rmSync(dir, { recursive: true, force: true }));
const CHILD = join(ROOT, 'test/store/ingest-child.ts');

function startChild(db: string, from: number, to: number, mentions = 150) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, db, String(from), String(to), String(mentions)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const done = new Promise<number | null>((res) => child.on('exit', (code, sig) => res(sig ? -1 : code)));
  return { child, done, out: () => out, err: () => err };
}

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
    await new Promise<void>((res, rej) => {
      const timer = setInterval(() => {
        const n = c.out().split('\n').filter((l) => l.startsWith('ok ')).length;
        if (n >= 10) {
          clearInterval(timer);
          c.child.kill('SIGKILL');
          res();
        }
      }, 5);
      c.done.then((code) => (clearInterval(timer), code !== -1 ? rej(new Error(`child ended before the kill: ${code} ${c.err()}`)) : undefined));
    });
    assert.equal(await c.done, -1, 'killed');
    const committed = c.out().split('\n').filter((l) => l.startsWith('ok ')).length;
    const { docs } = checkIntegrity(db);
    assert.ok(docs >= committed && docs < N, `stored ${docs}, child reported ${committed}`);
    // Re-run the whole batch: the stored ones are no-ops, the rest are added once.
    const again = startChild(db, 0, N);
    assert.equal(await again.done, 0, again.err());
    const statuses = again.out().trim().split('\n').map((l) => l.split(' ')[2]);
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
