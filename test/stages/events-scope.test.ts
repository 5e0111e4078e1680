import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Context } from '../../src/context.ts';
import { recordDoc } from '../../src/read/records.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { toResult } from '../../src/result.ts';
import type { DocResult } from '../../src/doc.ts';
import { mainEvent } from '../../src/evaluate/events.ts';

/**
 * What an event is not: a place that names an actor ("US forces", "the United States military",
 * "Russian jets", "Britain-based") is not where it happened; a toll over a whole war is a total,
 * not one day's clash; habitual activity ("remains a threat, carrying out bombings") is no event.
 * Sentences written for these tests; assertions hold whatever the entity stage's mention bounds.
 */
const ctx = new Context();

function run(text: string, published = '2023-06-10'): DocResult {
  return toResult(runPipeline(recordDoc({ id: 'scope', text, published }, 'scope'), ctx));
}

const placeNames = (r: DocResult) => r.places.map((p) => p.name);

test('a country in an actor name or a nationality is not the event location', () => {
  const cases: Array<[string, RegExp]> = [
    ['The United States military said its warplanes struck a weapons depot near Al-Qaim on Tuesday.', /United States/],
    ['US forces raided a house in the village of Sinjar on Monday, detaining two suspects.', /United States/],
    ['Russian jets bombed the town of Kafr Nabl on Sunday, killing four civilians.', /Russia/],
    ['Iraqi forces clashed with militants in the desert west of Rutba on Wednesday.', /^Iraq$/],
    ['A Britain-based monitor said warplanes struck Saraqib on Friday.', /United Kingdom/],
  ];
  for (const [text, bad] of cases) {
    const r = run(text);
    const ev = mainEvent(r);
    assert.ok(ev, text);
    assert.doesNotMatch(ev.location?.name ?? '', bad, text);
    // When the town is found, it is the location.
    const town = r.places.find((p) => p.kind === 'city' && !bad.test(p.name));
    if (town) assert.equal(ev.location?.name, town.name, text);
  }
});

test('with only a nationality and no place, the event has no location', () => {
  const r = run('Turkish jets struck militant positions, the defence ministry said on Monday.');
  const ev = mainEvent(r);
  assert.ok(ev);
  if (r.places.every((p) => p.demonym)) assert.equal(ev.location, null);
});

test('a total over "Iraq and Syria" is located in the first country (or the focus), coarse', () => {
  const r = run(
    'In the second half of 2023, partner forces in Iraq and Syria conducted 120 operations against ISIS, killing 30 militants, according to the United States military.',
    '2024-01-15',
  );
  const agg = r.events.find((e) => e.aggregate);
  assert.ok(agg, 'an aggregate event');
  if (!placeNames(r).includes('Iraq')) return; // places stage absent
  assert.equal(agg.location?.name, 'Iraq');
  assert.equal(agg.location?.precision, 3);
});

test('a toll over a whole war is a claim, not an event (issue 12: war-long tolls make no event row)', () => {
  const text = 'More than 4,000 Peshmerga fighters have died in the war against ISIS, the ministry said.';
  const r = run(text, '2021-03-02');
  assert.equal(r.events.length, 0);
  assert.match(String((r.debug as any)?.refiners ?? ''), /war-long toll/);
  const claim = r.claims.find((c) => c.value === 4000);
  assert.ok(claim, 'the figure is still a claim');
  assert.equal(claim.unit, 'killed');
  for (const [t, pub] of [
    ['Some 600 soldiers were killed over the three-year campaign, officials estimate.', '2020-01-01'],
    ['At least 1,200 civilians have been killed in the fight against the insurgents since 2016.', '2020-01-01'],
    ['Over 300 police officers have lost their lives in the war on the militants, the union said.', '2019-07-07'],
  ] as const) {
    const r2 = run(t, pub);
    assert.deepEqual(r2.events, [], t);
    assert.ok(r2.claims.length, `${t}: the figure is still a claim`);
  }
});

test('a day of its own, or a present perfect without a war as scope, is one event', () => {
  const a = mainEvent(run('Three soldiers were killed on 4 June 2023 in the fight against ISIS near Baiji.'));
  assert.ok(a);
  assert.notEqual(a.aggregate, true);
  assert.equal(a.fatalities?.best, 3);
  const b = mainEvent(run('Five people have been killed in a car bomb attack in a market in Kirkuk.'));
  assert.ok(b);
  assert.notEqual(b.aggregate, true);
  assert.equal(b.fatalities?.best, 5);
});

test('habitual or generic activity is no event', () => {
  for (const text of [
    'Although the group lost its last town in 2019, it remains a serious threat, carrying out bombings, ambushes and kidnappings in the desert.',
    'Militants continue to launch attacks on army posts across the province.',
    'Years of fighting against the insurgents left whole districts in ruins.',
    'Commanders expect more hard fighting in the weeks ahead.',
  ]) {
    assert.deepEqual(run(text).events, [], text);
  }
});

test('a concrete act with a day or a figure stays an event even with "continued"', () => {
  assert.ok(mainEvent(run('On 5 June 2023, militants continued to attack army posts near Baiji.')));
  const ev = mainEvent(run('Militants continue to attack army posts, and killed 3 soldiers near Baiji.'));
  assert.ok(ev);
  assert.equal(ev.fatalities?.best, 3);
});

test('a town in a local actor name locates the event only when nothing else does, coarser', () => {
  const r = run('The Mosul Provincial Council said gunmen shot dead a teacher on Monday.');
  const ev = mainEvent(r);
  assert.ok(ev);
  const town = r.places.find((p) => p.kind === 'city' && /Mosul/.test(p.name));
  const inName = r.mentions.some((m) => m.type === 'ORG' && town && m.start <= town.start && m.end > town.end);
  if (town && inName) assert.deepEqual([ev.location?.name, ev.location?.precision], [town.name, 2]);
  const r2 = run('The Mosul Provincial Council said gunmen shot dead a teacher in Tal Afar on Monday.');
  const ev2 = mainEvent(r2);
  assert.ok(ev2);
  if (r2.places.some((p) => /Tal Afar|Tall/.test(p.name))) assert.match(ev2.location?.name ?? '', /Tal|Tall/);
});

test('a weak trigger with a count of people, not of acts, is no event', () => {
  assert.deepEqual(run('Officials said about 3,000 militants remain at large, which calls for continued operations.').events, []);
  assert.ok(mainEvent(run('Partner forces conducted 40 operations against the militants this month.')));
});

test('a war total after an incident is a claim: no toll of the fighting before, no event of its own', () => {
  const r = run('Fighting raged in Raqqa last week. Since 2014, more than 9,000 Kurdish fighters have died in the war in Syria, a commander said.');
  assert.equal(r.events.length, 1, 'only the fighting');
  assert.equal(r.events[0].fatalities, null);
  assert.ok(r.claims.some((c) => c.value === 9000));
});

test('a war total after an event does not add its figure to that event', () => {
  const r = run('Rebels clashed with army units near Saraqib on Monday. More than 2,000 rebels have been killed in the fight against the army, a monitor said.');
  const clash = r.events.find((e) => !e.aggregate);
  assert.ok(clash);
  assert.notEqual(clash.fatalities?.best, 2000);
  assert.ok(!r.events.some((e) => e.fatalities?.best === 2000), 'the war total makes no event');
  assert.ok(r.claims.some((c) => c.value === 2000), 'it stays a claim');
});

test('words that name or describe are not triggers: mobilisation forces, engaged in, the fortified compound', () => {
  for (const text of [
    'Members of the Popular Mobilization Forces attended a ceremony in Basra.',
    'Officials said the cell was engaged in smuggling weapons across the border.',
    'The militants hid in the fortified compound near the river.',
  ]) {
    assert.deepEqual(run(text).events, [], text);
  }
  assert.equal(mainEvent(run('Army units engaged militants near Baiji on Monday.'))?.type, 'Battles');
  assert.equal(mainEvent(run('Troops fortified their positions near Baiji.'))?.subtype, 'Change to group/activity');
  assert.equal(mainEvent(run('The government announced a general mobilisation of reservists.'))?.subtype, 'Change to group/activity');
});

test('a nationality before "territory", "border", "airspace" names the country as a place', () => {
  const r = run('Turkish jets struck targets inside Iraqi territory on Monday.');
  const ev = mainEvent(r);
  assert.ok(ev);
  if (r.places.some((p) => p.name === 'Iraq')) assert.deepEqual([ev.location?.name, ev.location?.precision], ['Iraq', 3]);
  assert.notEqual(ev.location?.name, 'Turkey');
});

test('people held before ("the detained activists", "break out detained fighters") are no new arrest', () => {
  assert.deepEqual(run('The coalition targeted militants trying to break out detained fighters.').events, []);
  assert.deepEqual(run('The detained activists were freed after questioning in Basra.').events, []);
  assert.equal(mainEvent(run('Police detained two suspects in Basra on Monday.'))?.subtype, 'Arrests');
});

test('talk of an act is not the act: "discussions regarding the withdrawal" is hypothetical', () => {
  assert.equal(run('The government opened talks with the militia about the withdrawal of its fighters from the city.').events[0]?.modality, 'hypothetical');
  assert.equal(run('Under pressure to expel foreign troops, the government held discussions with its allies regarding the gradual withdrawal of coalition forces.').events[0]?.modality, 'hypothetical');
  assert.equal(run('The militia withdrew its fighters from the city on Monday.').events[0]?.modality, 'asserted');
  assert.equal(mainEvent(run('Amid calls for reform, hundreds protested in Basra on Monday.'))?.modality, 'asserted');
});
