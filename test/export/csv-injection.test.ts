import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { SqliteStore } from '../../src/store/sqlite/index.ts';
import { eventsWithReports, exportEvents, parseCsv } from '../../src/export/index.ts';
import { csvField, defuseFormula } from '../../src/export/csv.ts';
import { tempDir } from '../helpers.ts';
import { strikeReport } from '../store/contract.ts';

/**
 * OWASP CSV injection: text from an article (outlet, actor names, notes, evidence) must never reach
 * a spreadsheet as a live formula in the ACLED export, and numbers must stay numbers.
 */
const dir = tempDir('sitrep-csvinj-');
after(() => rmSync(dir, { recursive: true, force: true }));

const HOSTILE_OUTLETS = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", '+SUM(1,2)', '-2+3', '@SUM(A1)', '\tTabbed', '\rReturned'];

async function acledRows(store: SqliteStore): Promise<Array<Record<string, string>>> {
  let s = '';
  await exportEvents(eventsWithReports(store, {}), 'csv', (x) => void (s += x));
  const rows = parseCsv(s);
  return rows.slice(1).map((r) => Object.fromEntries(r.map((v, i) => [rows[0][i], v])));
}

describe('ACLED CSV export: formula injection', () => {
  it('defuses every formula-leading cell with a single quote', () => {
    for (const s of HOSTILE_OUTLETS) assert.equal(defuseFormula(s), "'" + s, JSON.stringify(s));
    assert.equal(csvField('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
    assert.equal(csvField("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
  });

  it('leaves numbers, numeric text and ordinary text alone', () => {
    assert.equal(csvField(-3.5), '-3.5');
    assert.equal(csvField(-33.1), '-33.1');
    assert.equal(csvField(0), '0');
    assert.equal(csvField('-33.1'), '-33.1');
    assert.equal(csvField('Reuters'), 'Reuters');
    assert.equal(csvField('a = b'), 'a = b');
  });

  it('an outlet named like a formula goes out as text; a negative latitude stays a number', async () => {
    const store = new SqliteStore(join(dir, 'inj.db'));
    const loc = { name: 'Southville', lat: -33.1, lon: -70.6, country: 'CL', admin1: 'Santiago', precision: 1 as const };
    for (const [i, outlet] of HOSTILE_OUTLETS.slice(0, 2).entries()) await store.ingest(strikeReport(`https://x.example/${i}`, outlet, { loc }));
    const rows = await acledRows(store);
    assert.ok(rows.length >= 1);
    const cells = rows.flatMap((r) => Object.values(r));
    for (const c of cells) assert.doesNotMatch(c, /^[=+@\t\r]/, `live formula cell: ${JSON.stringify(c)}`);
    for (const c of cells) if (c.startsWith('-')) assert.match(c, /^-\d+(\.\d+)?$/, `only numbers may start with '-': ${JSON.stringify(c)}`);
    const sources = rows.map((r) => r.source).join('; ');
    assert.ok(sources.includes(`'=HYPERLINK("http://x","y")`), sources);
    assert.ok(sources.includes(`=cmd|' /C calc'!A0`), sources);
    assert.ok(rows.every((r) => !r.source.startsWith('=')));
    assert.equal(rows[0].latitude, '-33.1');
    assert.equal(rows[0].longitude, '-70.6');
    await store.close();
  });
});
