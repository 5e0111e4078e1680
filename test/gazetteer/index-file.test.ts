import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodePlaceIndex, PlaceTable } from '../../src/gazetteer/index-file.ts';
import { buildLooseIndex, buildNameIndex } from '../../src/gazetteer/build-index.ts';
import { asList, type Codes } from '../../src/gazetteer/codes.ts';
import { readGazetteerData, type GazetteerData } from '../../src/gazetteer/data.ts';

function tiny(): GazetteerData {
  const rows = [
    [170063, 'Aleppo', 36.2, 37.16, 0, 'PPLA', 'SY', '09', 1602264, 'Halab|Ḩalab'],
    [170062, 'Muḩāfaz̧at Ḩalab', 36.22, 37.64, 1, 'ADM1', 'SY', '09', 4045166, 'Aleppo|Aleppo Governorate'],
    [-5, 'Tigris', 33.9, 44.4, 5, 'STM', '', '', 0, ''],
    [298795, 'Türkiye', 39, 35, 3, 'PCLI', 'TR', '00', 82000000, 'Turkey'],
  ] as const;
  const n = rows.length;
  return {
    size: n,
    id: Int32Array.from(rows, (r) => r[0]),
    name: rows.map((r) => r[1]),
    lat: Float32Array.from(rows, (r) => r[2]),
    lon: Float32Array.from(rows, (r) => r[3]),
    kind: Uint8Array.from(rows, (r) => r[4]),
    fcode: rows.map((r) => r[5]),
    cc: rows.map((r) => r[6]),
    admin1: rows.map((r) => r[7]),
    pop: Float64Array.from(rows, (r) => r[8]),
    alts: rows.map((r) => r[9]),
    admin1Names: new Map([['SY.09', 'Aleppo']]),
    demonyms: new Map([['Turkish', 'TR']]),
    countryAliases: new Map([['Turkey', 'TR']]),
    admin1Abbreviations: new Map(),
    acledAdmin1: new Map([['SY.09', 'Aleppo']]),
  };
}

const same = (table: PlaceTable['names'], index: Map<string, Codes>) => {
  for (const [k, v] of index) assert.deepEqual(table.get(k), asList(v), k);
  assert.equal(table.size, index.size);
};

test('the index file gives back the rows and every key with its readings in order', () => {
  const data = tiny();
  const names = buildNameIndex(data);
  const loose = buildLooseIndex(data);
  const t = new PlaceTable(encodePlaceIndex(data, names, loose, 'fp'));
  assert.equal(t.fingerprint, 'fp');
  assert.equal(t.size, 4);
  assert.equal(t.name(1), 'Muḩāfaz̧at Ḩalab');
  assert.equal(t.cc(2), '');
  assert.equal(t.fcode(3), 'PCLI');
  assert.equal(t.admin1(0), '09');
  assert.equal(t.pop[3], 82000000);
  assert.equal(t.rowById(170062), 1);
  assert.equal(t.rowById(-5), 2);
  assert.equal(t.rowById(1), undefined);
  assert.equal(t.admin1Names.get('SY.09'), 'Aleppo');
  same(t.names, names);
  same(t.loose, loose);
  assert.equal(t.names.get('nowhere'), undefined);
  assert.equal(t.names.has('halab'), true);
  assert.equal(t.names.has('hälab'), false, 'keys are folded ASCII: anything else is no key');
});

test('a buffer at an odd offset (a pooled Buffer) still reads', () => {
  const data = tiny();
  const bytes = encodePlaceIndex(data, buildNameIndex(data), buildLooseIndex(data), 'fp');
  const shifted = new Uint8Array(bytes.length + 3).subarray(3);
  shifted.set(bytes);
  assert.equal(new PlaceTable(shifted).name(0), 'Aleppo');
});

test('the bundled rows: the file holds exactly the keys the in-memory index has', () => {
  const data = readGazetteerData({ userPlaces: false });
  const names = buildNameIndex(data);
  const t = new PlaceTable(encodePlaceIndex(data, names, new Map(), 'fp'));
  same(t.names, names);
  for (let i = 0; i < data.size; i += 97) {
    assert.equal(t.name(i), data.name[i]);
    assert.equal(t.cc(i), data.cc[i]);
    assert.equal(t.rowById(data.id[i]), i);
  }
});
