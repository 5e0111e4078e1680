import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Context } from '../../src/context.ts';
import { recordDoc } from '../../src/read/records.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { toResult } from '../../src/result.ts';
import type { ConflictEvent } from '../../src/doc.ts';

/**
 * Police news in general English (packs/en-acled/events.yaml), on sentences written for these
 * tests, lower-cased as archives store them: how arrests are said ("were held", "picked up by
 * police", "booked under"), what is no arrest ("cardiac arrest", "should be arrested"), and
 * crowd-control weapons, which are no artillery.
 */
const ctx = new Context();

function eventsOf(text: string): ConflictEvent[] {
  return toResult(runPipeline(recordDoc({ id: 'police', text, published: '2002-03-05' }, 'police'), ctx)).events;
}

const happened = (e: ConflictEvent) => e.modality !== 'future' && e.modality !== 'hypothetical' && e.modality !== 'denied' && !e.negated;
const arrests = (text: string) => eventsOf(text).filter((e) => e.subtype === 'Arrests' && happened(e));

test('arrests said without "arrest": held, picked up by police, nabbed, booked, remanded', () => {
  for (const s of [
    'in combing operations carried out in surat on tuesday evening, 50 persons were held and weapons were seized.',
    'the municipality president was picked up by the police in connection with the carnage on wednesday.',
    'about a dozen rumour mongers were nabbed in the city last night, he said.',
    'sixty people have been booked under the new anti-terror law in the district on monday.',
    'six accused were remanded to police custody by a local court on friday.',
  ]) assert.ok(arrests(s).length > 0, s);
});

test('no arrest: talks were held, a cardiac arrest, an arrest warrant, what should or must happen', () => {
  for (const s of [
    'talks were held in the capital on monday between the two parties.',
    'dr dalal had suffered a cardiac arrest only a fortnight back.',
    'the vhp leaders should be arrested under the law, the opposition said on sunday.',
    'the police must arrest all those involved in the violence, he said on tuesday.',
  ]) assert.equal(arrests(s).length, 0, s);
});

test('tear gas and baton charges are crowd control, not shelling; the force that uses them is a side', () => {
  for (const s of [
    'police burst tear gas shells to disperse a stone-pelting mob in the walled city on tuesday.',
    'the police had to lathi-charge an unruly mob that tried to force the closure of a market in allahabad.',
  ]) {
    const evs = eventsOf(s);
    assert.ok(evs.length > 0, s);
    assert.ok(!evs.some((e) => /Shelling/.test(e.subtype)), `${s}: ${evs.map((e) => e.subtype).join(', ')}`);
    assert.ok(
      evs.some((e) => e.type !== 'Strategic developments' && e.actors.some((a) => (a.role === 'actor1' || a.role === 'actor2') && /^Police Forces/.test(a.acledName ?? ''))),
      `${s}: ${JSON.stringify(evs.map((e) => e.actors))}`,
    );
  }
  // Artillery shells are still shelling.
  assert.ok(eventsOf('Regime forces fired artillery shells at the town of Kafr Nabl on Monday.').some((e) => /Shelling/.test(e.subtype)));
});

test('a count keeps its verb across an aside: "207 demonstrators, including a legislator, were arrested"', () => {
  const evs = eventsOf('in varanasi, about 207 demonstrators, including a bjp mla, were arrested on friday.');
  assert.ok(evs.some((e) => e.counts.detained === 207), JSON.stringify(evs.map((e) => e.counts)));
});

test('a flag march of security forces is a change of their activity, no protest', () => {
  const evs = eventsOf('paramilitary forces on thursday staged a flag march in the town to instil confidence among people.');
  assert.ok(evs.length > 0 && evs.every((e) => e.type !== 'Protests'), JSON.stringify(evs.map((e) => `${e.type}/${e.subtype}`)));
});

test('"by X" after a verb of finding or telling is no agent: bodies recovered by the police were not killed by them', () => {
  const evs = eventsOf('the two half-burnt bodies that were recovered by the police from the outskirts of the city on sunday have been identified.');
  assert.ok(!evs.some((e) => e.actors.some((a) => a.role === 'actor1' && /^Police/.test(a.acledName ?? ''))), JSON.stringify(evs.map((e) => e.actors)));
  const killed = eventsOf('two civilians were killed by the police in the old city on monday.');
  assert.ok(killed.some((e) => e.actors.some((a) => a.role === 'actor1' && /^Police/.test(a.acledName ?? ''))), JSON.stringify(killed.map((e) => e.actors)));
});
