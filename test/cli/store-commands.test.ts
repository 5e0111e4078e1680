import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync, existsSync } from 'node:fs';
import { main } from '../../src/cli/main.ts';
import { parseCsv, ACLED_COLUMNS, CSV_COLUMNS } from '../../src/export/index.ts';
import { ROOT, tempDir } from '../helpers.ts';

/** Run `sitrep ARGS` in this process, capturing stdout and stderr. */
async function sitrep(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const w1 = process.stdout.write.bind(process.stdout);
  const w2 = process.stderr.write.bind(process.stderr);
  // Commands write strings; the test runner's own reports (binary, from a child) pass through.
  (process.stdout as any).write = (s: string | Uint8Array, ...rest: any[]) => (typeof s === 'string' ? ((out += s), true) : w1(s, ...rest));
  (process.stderr as any).write = (s: string | Uint8Array, ...rest: any[]) => (typeof s === 'string' ? ((err += s), true) : w2(s, ...rest));
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    (process.stdout as any).write = w1;
    (process.stderr as any).write = w2;
  }
}

const dir = tempDir('sitrep-cli-');
const db = join(dir, 'cli.db');
after(() => rmSync(dir, { recursive: true, force: true }));

describe('sitrep ingest / events / claims / contradictions / changes / demo', () => {
  before(async () => {
    const r = await sitrep('ingest', '--db', db, join(ROOT, 'samples'));
    assert.equal(r.code, 0, r.err + r.out);
    // Five real articles and the seven reports written for the demo (samples/README.md).
    assert.match(r.out, /12 document\(s\).*12 added/);
  });

  it('re-ingesting the same files is a no-op; a missing path is a recorded skip', async () => {
    const r = await sitrep('ingest', '--db', db, join(ROOT, 'samples'), join(dir, 'missing.txt'));
    assert.equal(r.code, 1);
    assert.match(r.out, /0 added, 0 new version\(s\), 12 unchanged, 1 skipped/);
    assert.match(r.err, /skip .*missing\.txt/);
  });

  it('events: table, jsonl, ACLED-style csv and GeoJSON agree on the events', async () => {
    const jsonl = await sitrep('events', '--db', db, '--format', 'jsonl');
    assert.equal(jsonl.code, 0, jsonl.err);
    const events = jsonl.out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    for (const e of events) assert.match(e.id, /^ev_[0-9a-f]{16}$/);

    const csv = await sitrep('events', '--db', db, '--format', 'csv');
    const rows = parseCsv(csv.out);
    assert.deepEqual(rows[0], CSV_COLUMNS);
    assert.deepEqual(rows[0].slice(0, ACLED_COLUMNS.length), [...ACLED_COLUMNS]);
    assert.equal(rows.length - 1, events.length);
    for (const r of rows.slice(1)) assert.equal(r.length, CSV_COLUMNS.length);

    const geo = JSON.parse((await sitrep('events', '--db', db, '--format', 'geojson')).out);
    assert.equal(geo.type, 'FeatureCollection');
    assert.equal(geo.features.length, events.length);
    for (const f of geo.features) {
      assert.equal(f.type, 'Feature');
      assert.ok(f.geometry === null || (f.geometry.type === 'Point' && f.geometry.coordinates.length === 2));
    }
    const table = await sitrep('events', '--db', db);
    assert.equal(table.code, 0);
    assert.match(table.out, events.length ? /^date\s+event/ : /no events match/);
  });

  it('events: filters are checked and applied', async () => {
    const all = (await sitrep('events', '--db', db, '--format', 'jsonl')).out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const sy = (await sitrep('events', '--db', db, '--format', 'jsonl', '--country', 'sy')).out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    assert.deepEqual(sy.map((e) => e.id), all.filter((e) => e.location?.country === 'SY').map((e) => e.id));
    assert.equal((await sitrep('events', '--db', db, '--near', '34,40')).code, 2);
    assert.equal((await sitrep('events', '--db', db, '--since', 'yesterday')).code, 2);
    assert.equal((await sitrep('events', '--db', db, '--format', 'xml')).code, 2);
    assert.equal((await sitrep('events', '--db', join(dir, 'nope.db'))).code, 2);
    assert.ok(!existsSync(join(dir, 'nope.db')), 'a query never creates a database');
  });

  it('claims and contradictions print, as tables and as JSONL', async () => {
    const c = await sitrep('claims', '--db', db, '--format', 'jsonl');
    assert.equal(c.code, 0);
    for (const l of c.out.trim().split('\n').filter(Boolean)) assert.equal(typeof JSON.parse(l).value, 'number');
    assert.equal((await sitrep('claims', '--db', db)).code, 0);
    const k = await sitrep('contradictions', '--db', db);
    assert.equal(k.code, 0);
    assert.ok(k.out.length > 0);
    assert.equal((await sitrep('contradictions', '--db', db, '--format', 'jsonl')).code, 0);
  });

  it('the demo incidents: one clustered event per incident, a wire copy counted once, real contradictions, filters', async () => {
    const cs = (await sitrep('contradictions', '--db', db, '--format', 'jsonl')).out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const ariha = cs.find((c) => c.kind === 'event' && c.unit === 'killed' && c.values.some((v: any) => v.outlet === 'Orient Daily' && v.value === 31));
    assert.ok(ariha, JSON.stringify(cs.map((c) => [c.unit, c.min, c.max])));
    assert.deepEqual([ariha.min, ariha.max], [23, 31]);
    const filtered = async (...args: string[]) => (await sitrep('contradictions', '--db', db, '--format', 'jsonl', ...args)).out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l).id);
    assert.ok((await filtered('--since', '2018-03-01', '--until', '2018-03-31')).includes(ariha.id));
    assert.ok(!(await filtered('--since', '2018-04-01')).includes(ariha.id));
    assert.ok(!(await filtered('--unit', 'injured')).includes(ariha.id));
    assert.ok((await filtered('--place', ariha.admin1)).includes(ariha.id));
    const events = (await sitrep('events', '--db', db, '--format', 'jsonl')).out.trim().split('\n').map((l) => JSON.parse(l));
    const ev = events.find((e) => e.id === ariha.eventId);
    assert.equal(ev.corroboration.copies?.length, 1, 'Levant Wire and Gulf Ledger ran one text');
    assert.ok(ev.corroboration.outlets < ev.corroboration.reports);
  });

  it('changes: a feed with a resumable cursor', async () => {
    const r = await sitrep('changes', '--db', db);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    const last = lines.pop();
    assert.ok(last.cursor);
    for (const c of lines) assert.ok(['add', 'update', 'delete'].includes(c.op));
    const again = await sitrep('changes', '--db', db, '--since', last.cursor);
    assert.deepEqual(again.out.trim().split('\n').map((l) => JSON.parse(l)), [{ cursor: last.cursor }]);
  });

  it('demo ingests the bundled samples (here already stored) and prints a summary', async () => {
    // The samples are already in `db` (before): the demo finds them stored, without extracting.
    const a = await sitrep('demo', '--db', db);
    assert.equal(a.code, 0, a.err);
    assert.match(a.out, /ingested 12 article\(s\)/);
    assert.match(a.out, /0 new, 0 new version\(s\), 12 already stored/);
    assert.match(a.out, /Events by type/);
    assert.match(a.out, /Top actors/);
    assert.match(a.out, /Contradictions \(\d+\)/);
  });
});
