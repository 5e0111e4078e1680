import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldName, nameKey, looseKey } from '../../src/gazetteer/normalize.ts';
import { Gazetteer, gazetteer, distanceKm, loadStats } from '../../src/gazetteer/index.ts';
import { Context } from '../../src/context.ts';

/** One instance for the file: the base data load once per process anyway. */
const shared = new Gazetteer();

test('names fold case, diacritics, ayn marks, hyphens and the Arabic article', () => {
  assert.equal(foldName('Dayr az-Zawr'), 'dayr az zawr');
  assert.equal(foldName("Dar`a"), 'dara');
  assert.equal(foldName('Ḩalab'), 'halab');
  assert.equal(foldName('İzmir'), 'izmir');
  assert.equal(nameKey('Al-Anbar'), nameKey('Anbar'));
  assert.equal(nameKey('ar-Raqqah'), nameKey('Raqqah'));
  assert.equal(nameKey('el Paso'), 'paso');
  assert.equal(nameKey('Al'), 'al'); // never stripped to nothing
});

test('loose keys fold transliteration choices', () => {
  assert.equal(looseKey('Baghouz'), looseKey('Baghuz'));
  assert.equal(looseKey('Raqqah'), looseKey('Raqqa'));
  assert.equal(looseKey('Qamishli'), looseKey('Kamishli'));
  assert.notEqual(looseKey('Mosul'), looseKey('Basra'));
});

test('lookup returns candidates with coordinates, country, admin1, id and kind', () => {
  const g = shared;
  const paris = g.lookup('Paris');
  assert.ok(paris.length > 3, 'several places are called Paris');
  const fr = paris.find((c) => c.country === 'FR');
  assert.ok(fr);
  assert.equal(fr.kind, 'city');
  assert.equal(fr.geonameid, 2988507);
  assert.ok(Math.abs(fr.lat - 48.85) < 0.1 && Math.abs(fr.lon - 2.35) < 0.1);
  assert.ok(fr.admin1 && /le-de-France/.test(fr.admin1));
  assert.ok(fr.population > 1e6);
  const tx = paris.find((c) => c.country === 'US' && c.admin1 === 'Texas');
  assert.ok(tx, 'Paris, Texas is a candidate');
});

test('accents, case and articles do not matter to lookup', () => {
  const g = shared;
  for (const q of ['ALEPPO', 'aleppo', 'Halab', 'Ḩalab']) assert.ok(g.lookup(q).some((c) => c.country === 'SY' && c.kind === 'city'), q);
  assert.ok(g.lookup('al-Mayadin').some((c) => c.geonameid === 173480));
  assert.ok(g.lookup('Mayadin').some((c) => c.geonameid === 173480));
});

test('countries, admin1, admin2, regions and features are in the index', () => {
  const g = shared;
  const kinds = (q: string) => new Set(g.lookup(q).map((c) => c.kind));
  assert.ok(kinds('Syria').has('country'));
  assert.ok(kinds('Texas').has('admin1'));
  assert.ok(kinds('Granville County').has('admin2'));
  assert.ok(kinds('Middle East').has('region'));
  assert.ok(kinds('Tigris').has('feature'));
  assert.ok(kinds('Euphrates River').has('feature'));
  const us = g.country('US');
  assert.ok(us && distanceKm(us.lat, us.lon, 39.76, -98.5) < 50);
});

test('demonyms and short names resolve to countries, as data', () => {
  const g = shared;
  const first = (q: string) => g.lookup(q).find((c) => c.match === 'demonym' || c.match === 'alias');
  assert.equal(first('Turkish')?.country, 'TR');
  assert.equal(first('Iraqi')?.country, 'IQ');
  assert.equal(first('Syrian')?.country, 'SY');
  assert.equal(first('U.S.')?.country, 'US');
  assert.equal(first('Britain')?.country, 'GB');
  assert.equal(first('European')?.name, 'Europe');
});

test('the gazetteer loads once per process and is shared by contexts', () => {
  const a = gazetteer(new Context());
  const b = gazetteer(new Context());
  assert.equal(a.data, b.data);
  assert.ok(loadStats && loadStats.records > 150000, 'whole world is there');
});
