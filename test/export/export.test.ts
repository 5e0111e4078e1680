import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { SqliteStore } from '../../src/store/sqlite/index.ts';
import { eventsWithReports, exportEvents, parseCsv, CSV_COLUMNS, acledRow } from '../../src/export/index.ts';
import { csvField } from '../../src/export/csv.ts';
import { timePrecision } from '../../src/export/acled.ts';
import { tempDir } from '../helpers.ts';
import { strikeReport } from '../store/contract.ts';
import { MOSUL } from '../store/fixtures.ts';

const dir = tempDir('sitrep-export-');
after(() => rmSync(dir, { recursive: true, force: true }));

async function exported(store: SqliteStore, format: 'csv' | 'geojson' | 'jsonl'): Promise<string> {
  let s = '';
  await exportEvents(eventsWithReports(store, {}), format, (x) => void (s += x));
  return s;
}

describe('exports', () => {
  it('ACLED-style CSV: ACLED columns first, values from the event, evidence and sources after', async () => {
    const store = new SqliteStore(join(dir, 'a.db'));
    await store.ingest(strikeReport('https://a.example/1', 'Outlet A', { killed: 7 }));
    await store.ingest(strikeReport('https://b.example/2', 'Outlet B', { killed: 9 }));
    await store.ingest(strikeReport('m.txt', 'Outlet "M", Mosul', { loc: MOSUL }));
    const rows = parseCsv(await exported(store, 'csv'));
    assert.deepEqual(rows[0], CSV_COLUMNS);
    assert.equal(rows.length, 3);
    const rec = rows.slice(1).map((r) => Object.fromEntries(r.map((v, i) => [rows[0][i], v])));
    const baghouz = rec.find((r) => r.location === 'Baghouz')!;
    assert.match(baghouz.event_id_cnty, /^SYR[0-9A-F]{16}$/);
    assert.equal(baghouz.country, 'Syria');
    assert.equal(baghouz.iso, '760');
    assert.equal(baghouz.event_date, '2019-03-24');
    assert.equal(baghouz.year, '2019');
    assert.equal(baghouz.time_precision, '1');
    assert.equal(baghouz.disorder_type, 'Political violence');
    assert.equal(baghouz.event_type, 'Explosions/Remote violence');
    assert.equal(baghouz.actor1, 'Coalition');
    assert.equal(baghouz.actor2, 'Islamic State');
    assert.equal(baghouz.fatalities, '7');
    assert.equal(baghouz.fatalities_high, '9');
    assert.equal(baghouz.source, 'Outlet A; Outlet B');
    assert.equal(baghouz.source_urls, 'https://a.example/1; https://b.example/2');
    assert.equal(baghouz.latitude, '34.45');
    assert.match(baghouz.evidence, /^\[Outlet A\] Coalition aircraft struck/);
    const mosul = rec.find((r) => r.location === 'Mosul')!;
    assert.equal(mosul.source, 'Outlet "M", Mosul', 'quotes and commas survive the round trip');
    assert.equal(mosul.country, 'Iraq');
    await store.close();
  });

  it('GeoJSON: a FeatureCollection of Points at [lon, lat], null geometry when unlocated', async () => {
    const store = new SqliteStore(join(dir, 'g.db'));
    await store.ingest(strikeReport('a.txt', 'Outlet A'));
    const geo = JSON.parse(await exported(store, 'geojson'));
    assert.equal(geo.type, 'FeatureCollection');
    assert.equal(geo.features.length, 1);
    const f = geo.features[0];
    assert.equal(f.type, 'Feature');
    assert.deepEqual(f.geometry, { type: 'Point', coordinates: [40.94, 34.45] });
    assert.equal(f.properties.grade, 'weak');
    assert.equal(f.properties.fatalities, 7);
    assert.match(f.properties.evidence[0].text, /Coalition aircraft/);
    const empty = new SqliteStore(join(dir, 'e.db'));
    assert.deepEqual(JSON.parse(await exported(empty, 'geojson')), { type: 'FeatureCollection', features: [] });
    await store.close();
    await empty.close();
  });

  it('JSONL: one event with its reports per line', async () => {
    const store = new SqliteStore(join(dir, 'j.db'));
    await store.ingest(strikeReport('a.txt', 'Outlet A'));
    const lines = (await exported(store, 'jsonl')).trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 1);
    assert.equal(lines[0].reports.length, 1);
    assert.equal(lines[0].reports[0].evidence[0].text, lines[0].reports[0].evidence[0].text.trim());
    await store.close();
  });

  it('reviewed values win in exports', async () => {
    const store = new SqliteStore(join(dir, 'r.db'));
    await store.ingest(strikeReport('a.txt', 'Outlet A'));
    const [e] = (await store.listEvents()).items;
    await store.review({ action: 'edit', eventId: e.id, reviewer: 'ana', fields: { fatalities: { low: 8, best: 8, high: 8 }, notes: 'checked with hospital' } });
    const row = acledRow((await store.getEvent(e.id))!);
    assert.equal(row.fatalities, 8);
    assert.equal(row.notes, 'checked with hospital');
    assert.equal(row.review_status, 'edited');
    await store.close();
  });

  it('csv fields and time precision', () => {
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "x"'), '"say ""x"""');
    assert.equal(csvField(null), '');
    assert.deepEqual(parseCsv('a,"b,""c"""\r\n1,2\r\n'), [['a', 'b,"c"'], ['1', '2']]);
    assert.deepEqual(['day', 'week', 'month', 'year', null].map(timePrecision), [1, 2, 3, 3, '']);
  });
});
