import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Context } from '../../src/context.ts';
import { gazetteer } from '../../src/gazetteer/index.ts';
import { tempDir } from '../helpers.ts';

const ctx = new Context({ packs: ['iraq-syria'] });
const gaz = gazetteer(ctx);
const best = (q: string) => gaz.lookup(q).find((c) => c.fromPack) ?? gaz.lookup(q)[0];

test('Iraq/Syria spelling variants from the pack resolve to the GeoNames places', () => {
  const cases: Array<[string[], number]> = [
    [['Baghouz', 'Baghuz', 'al-Baghouz'], 171943],
    [['Deir ez-Zor', 'Deir al-Zor', 'Deir el-Zor', 'Deir ez-Zour'], 170794],
    [['Albu Kamal', 'al-Boukamal', 'Abu Kamal', 'Bukamal'], 174448],
    [['Raqqa', 'Raqqah', 'al-Raqqa'], 172955],
    [['Hasakah', 'Hassakeh', 'al-Hasakah'], 173811],
    [['Manbij', 'Menbij'], 167357],
    [['Anbar', 'al-Anbar', 'Anbar province'], 99592],
  ];
  for (const [spellings, id] of cases) for (const s of spellings) assert.equal(best(s)?.geonameid, id, s);
});

test('pack regions without a GeoNames record get the pack coordinates', () => {
  for (const s of ['Middle Euphrates River Valley', 'MERV']) {
    const c = best(s);
    assert.equal(c?.kind, 'region', s);
    assert.equal(c?.country, 'SY');
  }
  assert.equal(best('Badia')?.country, 'SY');
  assert.equal(best('Kurdistan Region')?.country, 'IQ');
  assert.equal(best('Kurdish')?.name, 'Kurdistan');
});

test('loose transliteration matching reaches spellings nobody listed, in the pack countries only', () => {
  // "Tikreet" is not in any list; it folds onto Tikrit.
  assert.ok(gaz.lookup('Hajeen').some((c) => c.geonameid === 174506));
  assert.ok(gaz.lookup('Tall Afarr').some((c) => c.country === 'IQ'));
});

test('place variants are data: a second pack adds its own places and demonyms', () => {
  const dir = join(tempDir(), 'testland');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'places.yaml'),
    [
      'places:',
      '  - name: Old Harbour Quarter',
      '    variants: [OHQ, the Harbour Quarter]',
      '    lat: 41.0',
      '    lon: 29.0',
      '    country: TR',
      '    kind: region',
      '  - name: Gaziantep',
      '    variants: [Antep, Ayintap]',
      '    geonameid: 314830',
      'demonyms:',
      '  - name: Harbourite',
      '    place: Old Harbour Quarter',
    ].join('\n'),
  );
  const other = gazetteer(new Context({ packs: [dir] }));
  assert.equal(other.lookup('OHQ')[0]?.name, 'Old Harbour Quarter');
  assert.equal(other.lookup('Harbourite')[0]?.match, 'demonym');
  assert.equal(other.lookup('Ayintap').find((c) => c.fromPack)?.geonameid, 314830);
  // The iraq-syria variants are not in this pack's overlay.
  assert.ok(!other.lookup('MERV').some((c) => c.fromPack));
});
