import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Doc } from '../../src/doc.ts';
import type { Mention, Place } from '../../src/doc.ts';
import { Context } from '../../src/context.ts';
import { sentences } from '../../src/stages/sentences/index.ts';
import { places } from '../../src/stages/places/index.ts';

const ctx = new Context({ packs: ['iraq-syria'] });

/** Sentences + places only: the scan alone, or with the mentions a test gives (as the entities stage would). */
function run(text: string, mentions: Array<Omit<Mention, 'entity' | 'name'>> = []): Place[] {
  const doc = new Doc({ id: 't', source: 't', text, kind: 'text' });
  sentences.run(doc, ctx);
  doc.mentions = mentions.map((m) => ({ ...m, entity: `x:${m.text}`, name: m.text }));
  places.run(doc, ctx);
  for (const p of doc.places) {
    assert.equal(text.slice(p.start, p.end), p.text, 'offsets point at the text');
    assert.ok(Number.isFinite(p.lat) && Number.isFinite(p.lon), `${p.text} has coordinates`);
  }
  return doc.places;
}
const find = (ps: Place[], text: string) => ps.find((p) => p.text === text);

test('Paris is the French capital unless the document is about Texas', () => {
  assert.equal(find(run('Leaders met in Paris on Monday to discuss the climate accord.'), 'Paris')?.country, 'FR');
  const tx = run('The storm moved from Dallas toward Sherman and reached Paris by nightfall, the Texas sheriff said.');
  assert.equal(find(tx, 'Paris')?.country, 'US');
  assert.equal(find(tx, 'Paris')?.admin1, 'Texas');
});

test('an apposition names the state: "Paris, Texas" and "Oxford, North Carolina"', () => {
  const ps = run('She grew up in Paris, Texas, and later moved to Oxford, North Carolina, with her family.');
  assert.equal(find(ps, 'Paris')?.admin1, 'Texas');
  assert.equal(find(ps, 'Oxford')?.admin1, 'North Carolina');
  assert.equal(find(ps, 'North Carolina')?.kind, 'admin1');
});

test('co-mentioned places decide between namesakes: Tripoli in Lebanon or Libya', () => {
  const lb = run('Clashes broke out in Tripoli, the second city of Lebanon, a day after protests in Beirut and Sidon.');
  assert.equal(find(lb, 'Tripoli')?.country, 'LB');
  const ly = run('Forces loyal to the government in Tripoli advanced on Sirte, Libyan officials said, as fighting spread toward Benghazi.');
  assert.equal(find(ly, 'Tripoli')?.country, 'LY');
});

test('a conflict report in the style of the samples resolves Syrian and Iraqi places', () => {
  const ps = run(
    'Coalition aircraft struck ISIS positions near Hajin and Baghuz in Deir ez-Zor province on Saturday. ' +
      'Iraqi forces along the border near al-Qaim reported no crossings, while Syrian Democratic Forces advanced in the Middle Euphrates River Valley.',
  );
  assert.equal(find(ps, 'Hajin')?.country, 'SY');
  assert.equal(find(ps, 'Baghuz')?.geonameid, 171943);
  assert.equal(find(ps, 'al-Qaim')?.country, 'IQ');
  assert.equal(find(ps, 'Iraqi')?.kind, 'country');
  assert.equal(find(ps, 'Middle Euphrates River Valley')?.kind, 'region');
  assert.ok(ps.some((p) => p.text.startsWith('Deir ez-Zor') && p.country === 'SY'));
});

test('demonyms point at their country; regional demonyms come from the pack', () => {
  const ps = run('A Turkish drone struck a Kurdish checkpoint, Syrian state media said.');
  assert.equal(find(ps, 'Turkish')?.country, 'TR');
  assert.equal(find(ps, 'Syrian')?.country, 'SY');
  assert.equal(find(ps, 'Kurdish')?.name, 'Kurdistan');
});

test('capitalised common words, weekdays and people are not places', () => {
  const ps = run('Police said on Monday that March was calm. Hillary Clinton later met Kobe Bryant and Anthony Davis in Ohio. Bryant and Davis spoke first. Mr. Tyler declined to comment.');
  const texts = ps.map((p) => p.text);
  for (const w of ['Police', 'Monday', 'March', 'Clinton', 'Tyler', 'Bryant', 'Davis']) assert.ok(!texts.includes(w), `${w} is not a place: ${texts}`);
  assert.equal(find(ps, 'Ohio')?.kind, 'admin1');
});

test('datelines in capitals and abbreviations in apposition are places', () => {
  const ps = run('BEIRUT (Reuters) - Talks resumed. A man from Louisville, Ky., was arrested in the U.S. on Friday.');
  assert.equal(find(ps, 'BEIRUT')?.country, 'LB');
  assert.equal(find(ps, 'Ky.')?.admin1, 'Kentucky');
  assert.equal(find(ps, 'Louisville')?.admin1, 'Kentucky');
  assert.equal(find(ps, 'U.S.')?.country, 'US');
});

test("the entities stage's mentions are used: a GPE the scan alone would not accept", () => {
  const text = 'Residents of Gharbil fled overnight.';
  assert.equal(find(run(text), 'Gharbil'), undefined, 'a village with no cue is not enough for the scan');
  const ps = run(text, [{ start: 13, end: 20, text: 'Gharbil', type: 'GPE' }]);
  assert.equal(find(ps, 'Gharbil')?.country, 'SY');
});

test('nested mentions: the longest span names the place', () => {
  const text = 'Officials in British Columbia said the road was closed.';
  const ps = run(text, [
    { start: 13, end: 20, text: 'British', type: 'NORP' },
    { start: 13, end: 29, text: 'British Columbia', type: 'GPE' },
  ]);
  assert.deepEqual(ps.map((p) => p.text), ['British Columbia']);
  assert.equal(ps[0].country, 'CA');
});

test('one sense per discourse: the same spelling gets the same reading', () => {
  const ps = run('Springfield officials in Illinois said the budget passed. Later, Springfield announced new hires.');
  const sp = ps.filter((p) => p.text === 'Springfield');
  assert.equal(sp.length, 2);
  assert.equal(sp[0].geonameid, sp[1].geonameid);
  assert.equal(sp[0].admin1, 'Illinois');
});

test('a bracketed province or country works like an apposition: "Tripoli (Lebanon)"', () => {
  assert.equal(find(run('Two men were killed in clashes in Tripoli (Lebanon) overnight.'), 'Tripoli')?.country, 'LB');
  assert.equal(find(run('Two men were killed in clashes in Tripoli overnight.'), 'Tripoli')?.country, 'LY');
});

test("the pack's focus countries win close calls; transliterations reach the district seat", () => {
  // An exact hit on a hamlet's alternate name must not hide the better-known seat spelled differently.
  const ps = run('Militants attacked a checkpoint near Tall Afar, west of Mosul, and fled toward Sinjar.');
  assert.equal(find(ps, 'Tall Afar')?.country, 'IQ');
  assert.equal(find(ps, 'Sinjar')?.country, 'IQ');
  assert.equal(find(ps, 'Sinjar')?.geonameid, 448149);
});

test('places inside organisation names and world regions written with direction words', () => {
  const text = 'Shares of HSBC Bank Malta fell. The Central Bank of Malta said so. Troops served in the Middle East. A new EU Aviation Strategy was due.';
  const ps = run(text, [{ start: 10, end: 25, text: 'HSBC Bank Malta', type: 'ORG' }]);
  assert.equal(ps.filter((p) => p.text === 'Malta' && p.country === 'MT').length, 2);
  assert.equal(find(ps, 'Middle East')?.kind, 'region');
  assert.equal(find(ps, 'EU')?.name, 'Europe');
});

test('a PERSON mention that is exactly a known place is a tagging slip; a surname is not', () => {
  const text = 'Government forces entered Douma on Sunday.';
  const ps = run(text, [{ start: 26, end: 31, text: 'Douma', type: 'PERSON' }]);
  assert.equal(find(ps, 'Douma')?.country, 'SY');
  const t2 = 'Michael Jordan spoke. Jordan said the team would win.';
  const ps2 = run(t2, [{ start: 0, end: 14, text: 'Michael Jordan', type: 'PERSON' }, { start: 22, end: 28, text: 'Jordan', type: 'PERSON' }]);
  assert.equal(find(ps2, 'Jordan'), undefined);
});

test('demonyms are marked, so that later stages do not take "Iraqi forces" for a location', () => {
  const ps = run('Iraqi forces entered Mosul.');
  assert.equal(find(ps, 'Iraqi')?.demonym, true);
  assert.equal(find(ps, 'Mosul')?.demonym, undefined);
});

test('Georgia the state among its cities, Georgia the country beside Tbilisi', () => {
  assert.equal(find(run('Storms hit Atlanta and Savannah on Monday, and the governor of Georgia declared an emergency.'), 'Georgia')?.country, 'US');
  assert.equal(find(run('Russian troops remain in South Ossetia, Georgia said, as protests continued in Tbilisi.'), 'Georgia')?.country, 'GE');
});

test('Washington: the capital by default, the state among its cities', () => {
  assert.equal(find(run('Officials in Washington said talks would resume.'), 'Washington')?.name, 'Washington, D.C.');
  const ps = run('Firefighters battled blazes near Seattle and Spokane, the worst season Washington has seen.');
  assert.equal(find(ps, 'Washington')?.kind, 'admin1');
});

test('names inside hyphenated compounds, and after a capitalised function word', () => {
  const ps = run('The London-based group said. The Amsterdam-Paris route reopened. Turkish-backed rebels entered Deir ez-Zor and Guinea-Bissau.');
  assert.equal(find(ps, 'London')?.country, 'GB');
  assert.equal(find(ps, 'Amsterdam')?.country, 'NL');
  assert.equal(find(ps, 'Paris')?.country, 'FR');
  assert.equal(find(ps, 'Turkish')?.country, 'TR');
  assert.equal(find(ps, 'Deir ez-Zor')?.country, 'SY');
  assert.equal(find(ps, 'Guinea-Bissau')?.country, 'GW');
});

test('a PERSON mention ending in an institution word is a tagging slip', () => {
  const text = 'According to St. Louis Police, the road was closed.';
  const ps = run(text, [{ start: 13, end: 29, text: 'St. Louis Police', type: 'PERSON' }]);
  assert.equal(find(ps, 'St. Louis')?.admin1, 'Missouri');
});

test('a small town named like a state is shadowed by the state, unless an apposition names it', () => {
  const ps = run('Flooding closed roads across New York and New Jersey, and officials in Florida prepared for storms.');
  assert.equal(find(ps, 'Florida')?.kind, 'admin1');
  const ps2 = run('The fire started in Florida, New York, a village in Orange County.');
  assert.equal(find(ps2, 'Florida')?.kind, 'city');
  assert.equal(find(ps2, 'Florida')?.admin1, 'New York');
});

test('war reporting: what is shelled or stormed is a place; multi-word village names of the focus countries', () => {
  const ps = run('Syrian government forces shelled Kafr Nabl in southern Idlib, and stormed Khan Shaykhun.');
  assert.equal(find(ps, 'Kafr Nabl')?.country, 'SY');
  assert.equal(find(ps, 'Khan Shaykhun')?.country, 'SY');
});
