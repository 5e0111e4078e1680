import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Doc } from '../../src/doc.ts';
import { Context } from '../../src/context.ts';
import { runPipeline } from '../../src/pipeline.ts';

/**
 * Places the entities stage's typing or spans would lose: a place name typed as a person, run into the
 * next sentence's first word, run together with the next place, or qualifying a title.
 */
const ctx = new Context({});

function run(text: string): Doc {
  const doc = new Doc({ id: 't', source: 't', text, kind: 'text' });
  runPipeline(doc, ctx);
  for (const p of doc.places) assert.equal(text.slice(p.start, p.end), p.text, 'offsets point at the text');
  return doc;
}
const placed = (doc: Doc) => doc.places.map((p) => `${p.text}/${p.country}`);

test('two country names run together without a comma are two places ("Greece Italy")', () => {
  const doc = run('Unemployment is rising in countries such as Cyprus, Greece Italy or Spain this year.');
  assert.ok(placed(doc).includes('Greece/GR') && placed(doc).includes('Italy/IT'), placed(doc).join(', '));
  assert.ok(!doc.mentions.some((m) => m.type === 'PERSON' && m.text.includes('Greece')));
});

test('a state before a title qualifies it: the state is a place, the person is the title and the name', () => {
  const doc = run('The bill was vetoed by Texas Governor Greg Abbott on Friday.');
  assert.ok(placed(doc).includes('Texas/US'), placed(doc).join(', '));
  const p = doc.mentions.find((m) => m.type === 'PERSON');
  assert.ok(p && p.text.endsWith('Greg Abbott') && !p.text.includes('Texas'), p?.text);
});

test('a state and a surname with no title stay one person ("Georgia Smith")', () => {
  const doc = run('Georgia Smith said the vote would be close.');
  assert.ok(!placed(doc).some((p) => p.startsWith('Georgia')), placed(doc).join(', '));
});

test('a name after a preposition of place is a place even where it was typed a person ("between X and Y")', () => {
  const doc = run('Traffic backed up between Coggeshall and Marks Tey after the crash on the main road.');
  assert.ok(placed(doc).includes('Coggeshall/GB') && placed(doc).includes('Marks Tey/GB'), placed(doc).join(', '));
});

test("a name run into the next sentence's first word (a lost full stop) is still the place", () => {
  const doc = run('More workers moved to Honolulu Are there downsides to a low unemployment rate? Economists say yes.');
  const h = doc.places.find((p) => p.text === 'Honolulu');
  assert.ok(h && h.country === 'US', placed(doc).join(', '));
  assert.ok(!doc.mentions.some((m) => m.text.endsWith(' Are')));
});

test('a dateline run across its comma ("RUSSELLVILLE, Ark.") is the town and its state', () => {
  const doc = run('RUSSELLVILLE, Ark. (AP) - Authorities say one person died in a crash on an interstate.');
  const r = doc.places.find((p) => p.text === 'RUSSELLVILLE');
  assert.ok(r && r.country === 'US' && r.admin1 === 'Arkansas', placed(doc).join(', '));
});

test('a name ending in a division noun is no person ("Allamakee County, Dallas County")', () => {
  const doc = run('The stolen items were found in six Iowa locations, including Allamakee County, Dallas County and Plymouth County.');
  for (const n of ['Allamakee County', 'Dallas County', 'Plymouth County']) assert.ok(placed(doc).includes(`${n}/US`), placed(doc).join(', '));
  assert.ok(!doc.mentions.some((m) => m.type === 'PERSON' && m.text.endsWith('County')));
});

test('a comma inside a company name stays ("Apple, Inc.")', () => {
  const doc = run('Shares of Apple, Inc. rose on Monday after the company said it would hire 2,000 engineers.');
  assert.ok(!doc.places.some((p) => p.text === 'Apple'), placed(doc).join(', '));
});

test('a state abbreviation in brackets after a place is that state ("Pratapgarh (UP)", "(Poonch district, J&K)")', () => {
  const up = run('On 8 May 2020, two mobs clashed with each other in Kotwali Nagar, Pratapgarh (UP) over a property dispute.');
  assert.ok(up.places.some((p) => p.text === 'UP' && p.admin1 === 'Uttar Pradesh'), placed(up).join(', '));
  const jk = run('India and Pakistan exchanged fire across the LoC at a sector area (Poonch district, J&K) on Sunday.');
  assert.ok(jk.places.some((p) => p.text === 'J&K' && p.country === 'IN'), placed(jk).join(', '));
});

test('capitals that abbreviate a state are no place in a list of companies ("Dell, HP and Lenovo")', () => {
  const doc = run('Sales of laptops rose at Dell, HP and Lenovo this quarter, the survey said.');
  assert.ok(!doc.places.some((p) => p.text === 'HP'), placed(doc).join(', '));
});

test("a big city ending an outlet's or a company's name after its acronym is the place of its branch ('CTV Winnipeg')", () => {
  const doc = run('The shelter director told CTV Winnipeg that they are restricted by their finances.');
  assert.ok(placed(doc).includes('Winnipeg/CA'), placed(doc).join(', '));
});

test("an acronym before a country's name makes an organisation, not a person whose surname is the country", () => {
  const doc = run('The plan was first reported by CBC Canada on Monday. The project would be a first for Canada, officials said.');
  assert.ok(!doc.mentions.some((m) => m.type === 'PERSON' && m.text.includes('Canada')), doc.mentions.map((m) => `${m.type}:${m.text}`).join(', '));
  assert.ok(doc.places.filter((p) => p.text === 'Canada').length >= 1, placed(doc).join(', '));
});

test("a name ending in a country's name is an organisation's, and the country alone stays a place ('Air Zimbabwe')", () => {
  const doc = run('The tourism boss was scathing about Air Zimbabwe. Britain used to be a key source market for Zimbabwe, he said.');
  assert.ok(!doc.mentions.some((m) => m.type === 'PERSON' && m.text.includes('Zimbabwe')), doc.mentions.map((m) => `${m.type}:${m.text}`).join(', '));
  assert.ok(doc.places.some((p) => p.text === 'Zimbabwe' && p.start > doc.text.indexOf('market')), placed(doc).join(', '));
});

test('a place or nationality before a plural of people is the modifier of a group, not part of a person ("Oklahoma Republicans")', () => {
  const doc = run('Oklahoma Republicans passed a tax hike for hundreds of millions of dollars last week.');
  assert.ok(placed(doc).includes('Oklahoma/US'), placed(doc).join(', '));
  assert.ok(!doc.mentions.some((m) => m.type === 'PERSON' && m.text.includes('Republicans')));
});

test('a name after a cue of place ("the city of X") is the place even where a person of that surname is named', () => {
  const text = 'Partners include Dubai Police and Smart Dubai. The company wrote the first song for the city of Dubai.';
  const doc = run(text);
  assert.ok(doc.places.some((p) => p.text === 'Dubai' && p.start === text.lastIndexOf('Dubai') && p.country === 'AE'), placed(doc).join(', '));
});

test('a country abbreviated with an ampersand is that country ("T&T"); "AT&T" is no place', () => {
  const doc = run('The minister said T&T would host the regional summit next year.');
  assert.ok(placed(doc).includes('T&T/TT'), placed(doc).join(', '));
  assert.equal(run('AT&T said on Monday it would cut 2,000 jobs.').places.length, 0);
});

test("a state's abbreviation after a dateline place is the state, not a town spelled the same ('PARIS, Mo.', 'CAMP MURRAY, Wash.')", () => {
  const mo = run('PARIS, Mo. — In 1999, Lynn and Bob Fodge were looking for a house.');
  const m = mo.places.find((p) => p.text === 'Mo.');
  assert.ok(m && m.admin1 === 'Missouri', placed(mo).join(', '));
  const wa = run('CAMP MURRAY, Wash. - Lt. Col. Ricky Thomas jokes that he joined late.');
  assert.ok(wa.places.some((p) => p.text === 'Wash.' && p.admin1 === 'Washington'), placed(wa).join(', '));
});

test("a sentence-opening word of a place's name stays in it ('South Korea's first female president', 'New Brunswick RCMP say')", () => {
  const kr = run("Dramatic downfall. South Korea's first female president was jailed for 24 years.");
  assert.ok(kr.places.some((p) => p.text === 'South Korea' && p.country === 'KR'), placed(kr).join(', '));
  assert.ok(!kr.mentions.some((m) => m.type === 'PERSON' && m.text === 'Korea'));
  const nb = run('New Brunswick RCMP say the young dogs were taken from a farm this week.');
  assert.ok(nb.places.some((p) => p.text === 'New Brunswick' && p.country === 'CA'), placed(nb).join(', '));
});
