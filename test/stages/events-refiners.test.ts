import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Context } from '../../src/context.ts';
import type { DocResult } from '../../src/doc.ts';
import { recordDoc } from '../../src/read/records.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { toResult } from '../../src/result.ts';

/** The events stage's refiners (src/stages/events/refiners/), each on short texts written for it. */
const ctx = new Context();

function run(text: string, published = '2023-06-10'): DocResult {
  return toResult(runPipeline(recordDoc({ id: 'refiners', text, published }, 'refiners'), ctx));
}

const log = (r: DocResult) => ((r.debug as any)?.refiners ?? []) as string[];

test('background: an incident dated years before publication makes no event', () => {
  const r = run('Government forces shelled Aleppo on Monday, killing five civilians. The city was divided after fighting erupted there in 2012.');
  assert.equal(r.events.length, 1);
  assert.equal(r.events[0].subtype, 'Shelling/artillery/missile attack');
  assert.ok(log(r).some((l) => l.startsWith('background:')));
});

test('background: a background phrase without a day of its own makes no event', () => {
  const r = run('Rebels shelled Homs on Friday. The town has been under siege since 2013 and bombed by regime aircraft.');
  assert.equal(r.events.length, 1);
  assert.equal(r.events[0].location?.name.replace(/[^A-Za-z]/g, ''), 'Homs');
});

test('period-totals: a war-long toll is a claim; a weekly total stays an aggregate event', () => {
  const war = run('Close to 500,000 people have been killed since the conflict began in 2011, the monitor said.');
  assert.deepEqual(war.events, []);
  assert.ok(war.claims.some((c) => c.value === 500000));
  const week = run('The coalition conducted 29 strikes on Daesh targets in Hawija during the past week, the command said.');
  assert.equal(week.events.length, 1);
  assert.equal(week.events[0].aggregate, true);
  assert.equal(week.events[0].counts.strikes, 29);
});

test('same-incident: the headline, the lead and the toll of one strike are one event with every sentence as evidence', () => {
  const text =
    'Air strike kills 12 civilians in Idlib. Government warplanes struck a market in Idlib on Tuesday, killing 12 civilians, the Observatory said. ' +
    'The attack destroyed several shops, residents said. Rescue workers pulled bodies from the rubble.';
  const r = run(text, '2019-07-24');
  assert.equal(r.events.length, 1, JSON.stringify(r.events.map((e) => e.type)));
  const ev = r.events[0];
  assert.deepEqual([ev.type, ev.subtype], ['Explosions/Remote violence', 'Air/drone strike']);
  assert.ok(ev.evidence.length >= 3, 'headline, lead and the attack sentence');
  assert.equal(ev.fatalities?.best, 12, 'one toll, never added');
  assert.ok(log(r).some((l) => l.startsWith('same-incident:')));
});

test('same-incident: two strong triggers of different kinds, or two named towns, stay two incidents', () => {
  const kinds = run('Rebels clashed with army units in Saraqib on Monday. Government warplanes bombed Saraqib on Monday.', '2019-07-24');
  assert.equal(kinds.events.length, 2);
  const towns = run('Shelling killed five civilians in Douma on Monday. Shelling killed one civilian in Harasta on Monday.', '2019-07-24');
  assert.equal(towns.events.length, 2);
});

test('same-incident: two named attackers are two incidents', () => {
  const r = run('A Russian air strike killed 38 civilians in Deir ez-Zor on Wednesday. A US-led coalition air strike killed 18 civilians in Deir ez-Zor on Wednesday.', '2017-10-05');
  assert.equal(r.events.length, 2);
});

test('place-list: a list of places struck is one event per place, the toll shared out', () => {
  const r = run('Government air strikes hit Douma, Harasta and Arbin on Thursday, killing nine civilians.', '2017-11-24');
  const names = r.events.map((e) => e.location?.name.replace(/[^A-Za-z]/g, '')).sort();
  assert.equal(r.events.length, 3, JSON.stringify(names));
  assert.deepEqual(r.events.map((e) => e.fatalities?.best ?? 0).reduce((a, b) => a + b, 0), 9);
  assert.equal(new Set(r.events.map((e) => e.id)).size, 3, 'each has its own id');
  assert.ok(log(r).some((l) => l.startsWith('place-list:')));
});

test('wire furniture makes no event: a photo caption and a tag list', () => {
  const text =
    'Tags Syria Idlib airstrikes Twelve people were killed in air strikes on Idlib city on Monday, the Observatory said. ' +
    'A boy sits on the rubble of a house destroyed by shelling in Aleppo on July 1 2016. (AFP Photo) Rescue teams searched the rubble.';
  const r = run(text, '2019-07-24');
  assert.equal(r.events.length, 1, JSON.stringify(r.events.map((e) => e.location?.name)));
  assert.match(r.events[0].location?.name ?? '', /Idl/);
});

test('lower-cased text: sentences split, so an event has its own sentence as evidence', () => {
  const text = 'police arrested 20 people in the old city on sunday. the curfew was lifted for two hours on monday. a mob set fire to two shops near the station on monday.';
  const r = run(text, '2002-03-05');
  assert.ok(r.events.length >= 2);
  for (const e of r.events) for (const x of e.evidence) assert.ok(x.end - x.start < 100, 'one sentence, not the paragraph');
  assert.ok(r.events.some((e) => e.subtype === 'Arrests' && e.counts.detained === 20));
});

test('same-incident: a report that opens as another incident stays apart', () => {
  const r = run('Government warplanes struck Saraqib on Monday, killing four civilians. Another air strike hit Saraqib on Monday, killing two children.', '2019-07-24');
  assert.equal(r.events.length, 2);
  assert.ok(log(r).some((l) => /opens as another incident/.test(l)));
});

test('same-incident: an air strike and a suicide bombing at one town on one day are two incidents', () => {
  const r = run('A suicide bomber blew himself up at a checkpoint in Azaz on Tuesday, killing six fighters. Warplanes bombed Azaz on Tuesday, killing three civilians.', '2019-07-24');
  assert.deepEqual(r.events.map((e) => e.subtype).sort(), ['Air/drone strike', 'Suicide bomb']);
});

test('same-incident: a toll restated at the incident\'s own town joins it; a mention with no place joins the nearest incident', () => {
  const same = run('Government warplanes bombed a market in Ariha on Monday. Twelve civilians were killed in Ariha, the civil defence said.', '2019-07-24');
  assert.equal(same.events.length, 1, JSON.stringify(same.events.map((e) => e.type)));
  assert.equal(same.events[0].subtype, 'Air/drone strike');
  const near = run(
    'Rebels shelled Hama on Monday, killing two soldiers. Government warplanes bombed a market in Ariha on Monday. The attack killed twelve people, rescuers said.',
    '2019-07-24',
  );
  assert.equal(near.events.length, 2, JSON.stringify(near.events.map((e) => [e.subtype, e.fatalities?.best])));
  const strike = near.events.find((e) => e.subtype === 'Air/drone strike');
  assert.equal(strike?.fatalities?.best, 12, 'the toll sentence joined the air strike, the nearest incident before it');
});

test('place-list: a breakdown of the toll by place gives each place its figure; "in" is no list', () => {
  const r = run('Four civilians were killed in the town of Douma and one in each of the towns of Harasta and Arbin on Thursday.', '2017-11-24');
  const tolls = Object.fromEntries(r.events.map((e) => [e.location?.name.replace(/[^A-Za-z]/g, ''), e.fatalities?.best]));
  assert.equal(r.events.length, 3, JSON.stringify(tolls));
  assert.equal(tolls.Douma, 4);
  assert.equal((Object.values(tolls) as Array<number | undefined>).reduce((a: number, b) => a + (b ?? 0), 0), 6);
  const inside = run('Warplanes bombed the city of Rastan in Homs province on Friday.', '2017-11-24');
  assert.equal(inside.events.length, 1);
});

test('place-list: towns named before "provinces" are a list of provinces', () => {
  const r = run('Government forces shelled rebel positions in Daraa, Hama and Idlib provinces on Sunday.', '2016-10-14');
  assert.equal(r.events.length, 3);
  assert.ok(r.events.every((e) => e.location?.precision === 3));
});

test('breakdown: a lead toll broken down by town becomes the towns\' events', () => {
  const r = run(
    'Regime air strikes killed 22 civilians on the outskirts of Damascus on Monday, the Observatory said. ' +
      'The highest toll was in Douma, where raids killed 16 civilians. Five more civilians were killed in the town of Arbin and one in the town of Harasta.',
    '2017-04-04',
  );
  const byTown = Object.fromEntries(r.events.map((e) => [e.location?.name.replace(/[^A-Za-z]/g, ''), e]));
  assert.equal(r.events.length, 3, JSON.stringify(Object.keys(byTown)));
  assert.equal(byTown.Douma?.fatalities?.best, 16);
  for (const e of r.events) {
    assert.equal(e.subtype, 'Air/drone strike', 'the lead says what killed them');
    assert.ok(e.evidence.some((x) => x.start === 0), 'the lead is evidence of each');
  }
  assert.ok(log(r).some((l) => l.startsWith('breakdown:')));
});

test('generic: fighting that "continues in" many places, with no day, is no event', () => {
  const r = run('Despite the diplomatic efforts, fighting continues in many areas including Aleppo and Idlib.', '2017-11-14');
  assert.deepEqual(r.events, []);
});

test('period-totals: a running tally since an act or a day long before is a claim; a total since Saturday stays', () => {
  const since = run('Over 350 civilians have been killed in east Aleppo since a ceasefire collapsed on September 19, the monitor said.', '2016-10-13');
  assert.deepEqual(since.events, []);
  assert.ok(since.claims.some((c) => c.value === 350));
  const talks = run('Hundreds of people have been killed there since peace talks broke off.', '2016-06-12');
  assert.deepEqual(talks.events, []);
  const years = run('The conflict in Syria, which has lasted five years, has killed more than 280,000 people.', '2016-06-12');
  assert.deepEqual(years.events, []);
});

test('generic: a place that "has been the scene of" fighting, or fighters who "have been battling", is no event', () => {
  const scene = run('Homs has been the scene of fierce fighting between the army and rebels.', '2014-03-07');
  assert.deepEqual(scene.events, []);
  const battling = run('IS fighters have been battling both government troops and Kurdish militia in the province.', '2014-09-14');
  assert.deepEqual(battling.events, []);
});

test('same-incident: a denial that only restates the incident ("no claim of responsibility for the attack") joins it', () => {
  const r = run('A car bomb exploded in Azaz on Tuesday, killing six people. There was no immediate claim of responsibility for the attack.', '2019-07-24');
  assert.equal(r.events.length, 1, JSON.stringify(r.events.map((e) => [e.type, e.modality])));
  assert.equal(r.events[0].modality === 'denied', false);
});

test('an event whose first sentence names no place takes the place its other sentences name', () => {
  const r = run('A government air strike on a militant training camp killed 17 fighters on Saturday. The strike hit dormitories in the camp in the town of Tibni, the Observatory said.', '2014-09-14');
  assert.equal(r.events.length, 1, JSON.stringify(r.events.map((e) => e.location?.name)));
  assert.match(r.events[0].location?.name ?? '', /Tibn/);
  assert.equal(r.events[0].location?.precision, 1);
});

test('codebook words: hostages and human shields are abductions, a road junction taken is territory, a deal reached is an agreement; "nine other civilians" is another incident', () => {
  assert.equal(run('The militants took 900 civilians hostage west of Manbij on Tuesday.', '2016-07-06').events[0]?.subtype, 'Abduction/forced disappearance');
  assert.equal(run('The extremists took some 2000 civilians to serve as human shields in Manbij on Tuesday.', '2016-07-06').events[0]?.subtype, 'Abduction/forced disappearance');
  assert.equal(run('Rebels seized a key road junction south of Aleppo on Monday.', '2016-07-06').events[0]?.type, 'Battles');
  assert.equal(run('A deal has been reached between the government and rebels in Qudsaya on Thursday.', '2016-10-14').events[0]?.subtype, 'Agreement');
  const other = run('Regime air strikes killed 12 civilians in eastern Aleppo on Saturday. Nine other civilians were killed in rebel shelling of western Aleppo on Saturday.', '2016-08-14');
  assert.equal(other.events.length, 2);
});

test('a place after "based in" says where a source is, not where the event happened', () => {
  const r = run('The Observatory, based in Britain, said warplanes bombed a market in Ariha on Monday, killing 12 civilians.', '2019-07-24');
  assert.equal(r.events.length, 1);
  assert.match(r.events[0].location?.name ?? '', /Ar[iī]/);
  assert.ok(!r.events[0].actors.some((a) => /United Kingdom/.test(a.acledName ?? '')), JSON.stringify(r.events[0].actors));
});

test('a capitalised city run into the text where a dateline stands is where the report was filed', () => {
  const r = run('Last updated BEIRUT A Daesh counterattack on regime forces advancing towards a militant stronghold on Monday left 28 militants dead, a monitor said. Dozens of Daesh militants attacked government positions south of the town of Tabqa on Monday.', '2016-06-14');
  assert.equal(r.events.length, 1, JSON.stringify(r.events.map((e) => e.location?.name)));
  assert.notEqual(r.events[0].location?.name, 'Beirut');
});

test('same-incident: an overnight strike told a day apart, once with its town and once without, is one incident', () => {
  const r = run('An overnight air strike killed 10 people in an eastern town on Tuesday, activists said. Coalition jets struck the town of Abu Kamal late on Monday, killing 10 people.', '2017-04-18');
  assert.equal(r.events.length, 1, JSON.stringify(r.events.map((e) => [e.date?.value, e.location?.name])));
});

test('definite-actors: "the militants" are the armed group the article named before', () => {
  const r = run('Islamic State fighters attacked Kurdish positions near Manbij on Monday. The militants took 900 civilians hostage west of the city on Tuesday.', '2016-07-06');
  const hostage = r.events.find((e) => e.subtype === 'Abduction/forced disappearance');
  assert.ok(hostage, JSON.stringify(r.events.map((e) => e.subtype)));
  assert.match(hostage!.actors.find((a) => a.role === 'actor1')?.acledName ?? '', /Islamic State/);
  const alone = run('The militants took 900 civilians hostage west of Manbij on Tuesday.', '2016-07-06');
  assert.match(alone.events[0]?.actors.find((a) => a.role === 'actor1')?.acledName ?? '', /Unidentified/, 'with no group named before, unidentified');
});
