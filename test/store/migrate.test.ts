import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../src/store/sqlite/index.ts';
import { loadMigrations } from '../../src/store/migrate.ts';
import { tempDir } from '../helpers.ts';
import { strikeReport } from './contract.ts';
import { MOSUL } from './fixtures.ts';

const dir = tempDir('sitrep-migrate-');
after(() => rmSync(dir, { recursive: true, force: true }));

describe('schema migrations', () => {
  it('are numbered files applied once each, in order', async () => {
    const ms = loadMigrations();
    assert.deepEqual(ms.map((m) => m.version), ms.map((_, i) => i + 1));
    const path = join(dir, 'm.db');
    const a = new SqliteStore(path);
    assert.equal(a.schemaVersion(), ms.length);
    await a.close();
    const b = new SqliteStore(path);
    assert.equal((b.db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n, ms.length);
    assert.equal(b.db.pragma('journal_mode', { simple: true }), 'wal');
    await b.close();
  });

  it('upgrades a database made by an older version, keeping its data', async () => {
    const path = join(dir, 'old.db');
    // Build a version-1 database by hand: migration 001 only, one event with an actor.
    const db = new Database(path);
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    db.exec(loadMigrations()[0].sql);
    db.prepare("INSERT INTO schema_migrations VALUES (1, '001_initial', '2026-01-01')").run();
    db.prepare("INSERT INTO events (id, type, subtype, date, sort_date, lat, lon, created_at, updated_at) VALUES ('ev_old', 'Battles', 'Armed clash', '2019-03-01', '2019-03-01', 34.4, 40.9, 'x', 'x')").run();
    db.prepare("INSERT INTO event_actors (event_id, entity, role) VALUES ('ev_old', 'org:sdf', 'actor1')").run();
    db.close();
    const s = new SqliteStore(path);
    assert.equal(s.schemaVersion(), loadMigrations().length);
    assert.deepEqual((await s.listEvents({ actor: 'org:sdf' })).items.map((e) => e.id), ['ev_old']);
    assert.deepEqual((await s.listEvents({ near: { lat: 34.4, lon: 40.9, km: 1 } })).items.map((e) => e.id), ['ev_old']);
    await s.close();
  });

  it('bulk load: many documents in one transaction, same result as one by one', async () => {
    const docs = [strikeReport('a.txt', 'A'), strikeReport('b.txt', 'B'), strikeReport('m.txt', 'C', { loc: MOSUL })];
    const one = new SqliteStore(join(dir, 'one.db'));
    for (const d of docs) await one.ingest(d);
    const bulk = new SqliteStore(join(dir, 'bulk.db'));
    assert.deepEqual(bulk.ingestBatch(docs).map((o) => o.status), ['added', 'added', 'added']);
    const ids = async (s: SqliteStore) => (await s.listEvents()).items.map((e) => [e.id, e.corroboration.reports]);
    assert.deepEqual(await ids(bulk), await ids(one));
    await one.close();
    await bulk.close();
  });
});
