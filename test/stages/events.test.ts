import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Context } from '../../src/context.ts';
import { recordDoc } from '../../src/read/records.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { toResult } from '../../src/result.ts';
import type { ConflictEvent } from '../../src/doc.ts';
import { mainEvent } from '../../src/evaluate/events.ts';

/**
 * The events stage on sentences written for the tests, in the two styles it meets: news copy and
 * event notes ("On 3 May 2020, ..."). Types and counts, modality, aggregates, place and date.
 */
const ctx = new Context();

function run(text: string, published?: string) {
  const rec: Record<string, string> = { id: 'test', text };
  if (published) rec.published = published;
  return toResult(runPipeline(recordDoc(rec, 'test'), ctx));
}

function main(text: string): ConflictEvent {
  const ev = mainEvent(run(text));
  assert.ok(ev, `an event in ${JSON.stringify(text)}`);
  return ev;
}

const TYPES: Array<[string, string, string]> = [
  ['On 3 May 2020, coalition warplanes carried out two air raids on militant positions near Hajin.', 'Explosions/Remote violence', 'Air/drone strike'],
  ['Government forces shelled the village of Kafr Nabl with mortars and artillery on Monday.', 'Explosions/Remote violence', 'Shelling/artillery/missile attack'],
  ['A roadside bomb exploded near a police patrol in Tikrit, wounding three officers.', 'Explosions/Remote violence', 'Remote explosive/landmine/IED'],
  ['A suicide bomber blew himself up at a checkpoint west of Ramadi, killing five soldiers.', 'Explosions/Remote violence', 'Suicide bomb'],
  ['Militants threw a hand grenade at a shop in Mosul, injuring two people.', 'Explosions/Remote violence', 'Grenade'],
  ['Clashes erupted between Kurdish fighters and rebel factions near Tal Rifaat.', 'Battles', 'Armed clash'],
  ['Iraqi troops recaptured the town of Rawa from the militants after a two-day assault.', 'Battles', 'Government regains territory'],
  ['Gunmen shot dead a shepherd near the village of Tal Afar.', 'Violence against civilians', 'Attack'],
  ['Unidentified gunmen kidnapped a journalist in Basra.', 'Violence against civilians', 'Abduction/forced disappearance'],
  ['Hundreds of residents held a protest in Nasiriyah against power cuts.', 'Protests', 'Peaceful protest'],
  ['Police fired tear gas to disperse demonstrators outside the governorate building in Karbala.', 'Protests', 'Protest with intervention'],
  ['Rioters set fire to tyres and threw stones at security forces in Basra.', 'Riots', 'Violent demonstration'],
  ['Security forces arrested a suspected militant in the Hawija district.', 'Strategic developments', 'Arrests'],
  ['Militiamen looted shops and homes in the town after the army withdrew.', 'Strategic developments', 'Looting/property destruction'],
  ['Engineers defused an IED planted on the road to Baiji.', 'Strategic developments', 'Disrupted weapons use'],
  ['The two factions signed a ceasefire agreement in Daraa.', 'Strategic developments', 'Agreement'],
  ['Turkish forces established a new military base near Afrin.', 'Strategic developments', 'Headquarters or base established'],
  ['The army deployed reinforcements to the outskirts of the city.', 'Strategic developments', 'Change to group/activity'],
];

for (const [text, type, subtype] of TYPES) {
  test(`type: ${subtype}`, () => {
    const ev = main(text);
    assert.equal(ev.type, type, text);
    assert.equal(ev.subtype, subtype, text);
  });
}

test('no event in a sentence that reports none', () => {
  assert.deepEqual(run('The minister visited the new hospital and praised its staff.').events, []);
});

test('background in a relative clause does not decide the type', () => {
  const ev = main('Families of men who were kidnapped years ago held a sit-in outside the court in Erbil.');
  assert.equal(ev.type, 'Protests');
});

test('killed and injured counts; fatalities low/best/high', () => {
  const ev = main('On 4 May 2020, militants attacked an army post near Baiji, killing 3 soldiers and injuring 5 others.');
  assert.equal(ev.counts.killed, 3);
  assert.equal(ev.counts.injured, 5);
  assert.deepEqual(ev.fatalities, { low: 3, best: 3, high: 3 });
});

test('a toll in the next sentence belongs to the event; "no fatalities" is zero', () => {
  const a = run('On 6 May 2020, rebels clashed with regime forces near Saraqib. Clashes resulted in the killing of 4 fighters.');
  assert.equal(a.events.length, 1);
  assert.equal(a.events[0].fatalities?.best, 4);
  assert.equal(a.events[0].evidence.length, 2);
  const b = main('On 7 May 2020, warplanes struck a farm near Idlib. No fatalities were reported.');
  assert.deepEqual(b.fatalities, { low: 0, best: 0, high: 0 });
});

test('vague tolls are coded conservatively (several = 10, dozens = 12)', () => {
  assert.equal(main('The army repelled an attack, killing several militants.').fatalities?.best, 10);
  assert.equal(main('Airstrikes killed dozens of fighters near the border.').fatalities?.best, 12);
});

test('victims named one by one count without a figure', () => {
  assert.equal(main('Gunmen shot dead a civilian near the market in Tuz Khurmatu.').fatalities?.best, 1);
  assert.equal(main('Soldiers opened fire on a car, killing a woman and her son.').fatalities?.best, 2);
});

test('a range counts its low end; a restated toll is not added again', () => {
  assert.equal(main('An airstrike killed between 4 and 9 civilians in the village.').fatalities?.best, 4);
  const ev = main('A car bomb killed 6 people in Kirkuk. Police said the 6 dead were all shoppers.');
  assert.equal(ev.fatalities?.best, 6);
});

test('modality: claimed, denied, future, hypothetical', () => {
  const c = main('According to the Observatory, regime warplanes bombed a hospital in Ariha.');
  assert.equal(c.modality, 'claimed');
  assert.match(c.attribution ?? '', /Observatory/);
  assert.equal(main('The ministry denied that its forces shelled the village.').modality, 'denied');
  assert.equal(main('The army plans to launch an offensive on the town next month.').modality, 'future');
  assert.equal(main('Officials warned that militants could attack the dam.').modality, 'hypothetical');
  assert.equal(main('Militants attacked an army post near Baiji.').modality, 'asserted');
});

test('a total over a period is one aggregate report with the period as its date', () => {
  const r = run('In the first quarter of 2024, coalition forces conducted 52 operations against ISIS, killing 9 operatives.', '2024-04-06');
  const agg = r.events.find((e) => e.aggregate);
  assert.ok(agg, 'an aggregate event');
  assert.equal(agg.counts.operations, 52);
  assert.equal(agg.counts.killed, 9);
  if (r.times.some((t) => t.value === '2024-Q1')) assert.deepEqual([agg.date?.value, agg.date?.precision], ['2024-Q1', 'quarter']);
});

test('date: the time in the sentence, else the publication date flagged', () => {
  const a = main('On 3 May 2020, warplanes struck a farm near Idlib.');
  if (a.date && !a.date.fromPublication) assert.equal(a.date.value, '2020-05-03');
  const r = run('Warplanes struck a farm near Idlib.', '2020-05-04');
  const b = mainEvent(r)!;
  assert.deepEqual(b.date, { value: '2020-05-04', precision: 'day', fromPublication: true });
});

test('location: the place in the sentence at precision 1, else the document focus, coarser', () => {
  const r = run('Fighting continued in Kirkuk for a second day.\nLater, warplanes struck targets in the area.');
  const [first, second] = r.events;
  if (!r.places.length) return; // places stage absent
  assert.equal(first.location?.precision, 1);
  assert.ok(second.location && second.location.precision >= 2, 'fallback is coarser');
});

test('actors and roles from the entity mentions', () => {
  const ev = main('The SDF clashed with ISIS fighters near Baghouz.');
  const roles = Object.fromEntries(ev.actors.map((a) => [a.entity, a.role]));
  if (!Object.keys(roles).length) return; // entities stage absent
  assert.equal(roles['org:sdf'], 'actor1');
  assert.equal(roles['org:isis'], 'actor2');
});

test('event ids are stable and evidence points into the input', () => {
  const text = 'On 3 May 2020, coalition warplanes carried out two air raids on militant positions near Hajin.';
  const a = run(text).events;
  const b = run(text).events;
  assert.deepEqual(a.map((e) => e.id), b.map((e) => e.id));
  for (const e of a) for (const r of e.evidence) assert.ok(r.start >= 0 && r.end <= text.length && r.start < r.end);
});

test('two sides exchanging artillery fire is a battle, not shelling', () => {
  const ev = main('Army units and rebel fighters exchanged artillery fire across the front line near Tal Afar.');
  assert.deepEqual([ev.type, ev.subtype], ['Battles', 'Armed clash']);
});

test('a negated trigger does not decide the type when another one reports', () => {
  const ev = main('Police deployed reinforcements around the market in Basra; no arrests were made.');
  assert.equal(ev.type, 'Strategic developments');
  assert.equal(ev.subtype, 'Change to group/activity');
  assert.notEqual(ev.negated, true);
});

test('a protest about an attack is a protest', () => {
  const ev = main('Teachers protested in Duhok against insecurity after an attack on a school director the day before.');
  assert.equal(ev.type, 'Protests');
});

test('rioters clashing with police is a riot', () => {
  const ev = main('Dozens of rioters clashed with police and set fire to tyres in central Nasiriyah.');
  assert.equal(ev.type, 'Riots');
});

test('a dateline names where the story was filed, not where the event was', () => {
  const r = run('MOSUL, Iraq – Gunmen attacked a police checkpoint in Tal Afar on Monday, killing two officers.');
  if (!r.places.some((p) => /Tal Afar|Tall/.test(p.name)) || !r.meta.dateline) return; // places/meta stages absent
  const ev = mainEvent(r)!;
  assert.match(ev.location?.name ?? '', /Tal|Tall/);
});

test('the same kind of event in another town is another event', () => {
  const r = run('On 5 May 2020, rebels clashed with army units in Kafr Nabl. On the same day, rebels clashed with army units in Saraqib.');
  if (r.places.length < 2) return; // places stage absent
  assert.equal(r.events.filter((e) => e.type === 'Battles').length, 2);
});

test('tolls after acronyms and long noun phrases: "3 IS militants dead", "2 members of ... were killed"', () => {
  assert.equal(main('A security sweep near Baiji left 3 IS militants dead.').fatalities?.best, 3);
  assert.equal(main('Two members of the provincial council were killed when gunmen opened fire on their car.').fatalities?.best, 2);
  assert.equal(main('One police officer was shot and killed at a checkpoint in Samarra.').fatalities?.best, 1);
});

test('a weak trigger without a figure is no event; with one it is', () => {
  assert.deepEqual(run('Coalition operations continue across the region.').events, []);
  assert.equal(main('Partner forces conducted 40 operations this month.').counts.operations, 40);
});
