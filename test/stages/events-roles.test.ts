import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Context } from '../../src/context.ts';
import { recordDoc } from '../../src/read/records.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { toResult } from '../../src/result.ts';
import type { ConflictEvent, EventActor } from '../../src/doc.ts';
import { mainEvent } from '../../src/evaluate/events.ts';

/**
 * Who did what to whom (src/stages/events/roles/), on sentences written for these tests: the
 * agent and patient from the clause's grammar (active, passive, possessive, "-led", "between"),
 * sources that are never actors, generic actor nouns with their country, ACLED's actor classes
 * and names, and lower-cased police news.
 */
const ctx = new Context();

function main(text: string): ConflictEvent {
  const ev = mainEvent(toResult(runPipeline(recordDoc({ id: 'roles', text }, 'roles'), ctx)));
  assert.ok(ev, `an event in ${JSON.stringify(text)}`);
  return ev;
}

function role(ev: ConflictEvent, r: 'actor1' | 'actor2'): EventActor | undefined {
  return ev.actors.find((a) => (r === 'actor1' ? a.role === 'actor1' : a.role === 'actor2' || a.role === 'target'));
}

function names(ev: ConflictEvent): string {
  return ev.actors.map((a) => `${a.role}=${a.acledName ?? a.name}`).join('; ');
}

test('active voice: the subject acts, the object is hit', () => {
  const ev = main('Syrian troops shelled the rebel-held town of Kafr Nabl in Idlib on Monday, killing four civilians.');
  assert.equal(role(ev, 'actor1')?.acledName, 'Military Forces of Syria', names(ev));
  assert.equal(role(ev, 'actor1')?.inter, 1);
  assert.equal(role(ev, 'actor1')?.entity, 'org:syrian-army', 'the generic force is the pack entity of that force');
  assert.equal(role(ev, 'actor2')?.acledName, 'Civilians (Syria)', names(ev));
  assert.equal(role(ev, 'actor2')?.inter, 7);
  assert.ok(!ev.actors.some((a) => /rebel/i.test(a.acledName ?? '')), `"rebel-held" names a place, not an actor: ${names(ev)}`);
});

test('passive voice: the victims come first, the agent is "by X"', () => {
  const ev = main('At least 15 civilians were killed in air strikes by the US-led coalition in Raqqa on Friday.');
  assert.equal(role(ev, 'actor1')?.entity, 'org:cjtf-oir', names(ev));
  assert.equal(role(ev, 'actor1')?.inter, 8);
  assert.equal(role(ev, 'actor2')?.acledName, 'Civilians (Syria)', names(ev));
});

test('a reduced passive in a headline style sentence', () => {
  const ev = main('Ten civilians killed in an airstrike by Russian warplanes near Idlib.');
  assert.equal(role(ev, 'actor1')?.acledName, 'Military Forces of Russia', names(ev));
  assert.equal(role(ev, 'actor1')?.inter, 8, 'a state force acting abroad is external (8)');
  assert.equal(role(ev, 'actor2')?.acledName, 'Civilians (Syria)', names(ev));
});

test('the owner of the weapon acts: "Turkish air strikes", "X-led", a government\'s jets', () => {
  const a = main('Turkish air strikes killed nine Islamic State fighters near Manbij on Tuesday.');
  assert.equal(role(a, 'actor1')?.acledName, 'Military Forces of Turkey', names(a));
  assert.equal(role(a, 'actor2')?.entity, 'org:isis', names(a));
  assert.equal(role(a, 'actor2')?.acledName, 'Islamic State (Syria)');
  assert.equal(role(a, 'actor2')?.inter, 2);
  const b = main('Syrian regime jets pounded the town of Khan Shaykhun in Idlib province on Tuesday.');
  assert.equal(role(b, 'actor1')?.acledName, 'Military Forces of Syria', names(b));
});

test('a source reporting the act is never an actor', () => {
  const a = main('BEIRUT (AFP) - Russian jets bombed a market in Idlib on Sunday, killing 12 people, the Syrian Observatory for Human Rights said.');
  assert.ok(!a.actors.some((x) => x.entity === 'org:afp' || x.entity === 'org:sohr'), names(a));
  assert.equal(role(a, 'actor1')?.acledName, 'Military Forces of Russia', names(a));
  const b = main('According to the United Nations, gunmen killed six farmers near Daraa on Monday.');
  assert.ok(!b.actors.some((x) => x.entity === 'org:un'), names(b));
  assert.equal(role(b, 'actor1')?.acledName, 'Unidentified Armed Group (Syria)', names(b));
  assert.equal(role(b, 'actor1')?.inter, 3);
  const c = main('(TRT World and Agencies) At least 20 civilians were killed in shelling by regime forces on Douma.');
  assert.ok(!c.actors.some((x) => /TRT|Agencies/.test(x.name ?? '')), names(c));
});

test('two sides: "X clashed with Y", "between X and Y"', () => {
  const a = main('The SDF clashed with ISIS fighters near Baghouz on Saturday.');
  assert.equal(role(a, 'actor1')?.entity, 'org:sdf', names(a));
  assert.equal(role(a, 'actor2')?.entity, 'org:isis', names(a));
  const b = main('Fighting broke out between rebels and government forces near Hama on Sunday.');
  assert.equal(role(b, 'actor1')?.acledName, 'Rebel Forces (Syria)', names(b));
  assert.equal(role(b, 'actor1')?.inter, 2);
  assert.equal(role(b, 'actor2')?.acledName, 'Military Forces of Syria', names(b));
});

test('generic actors take their country from the text, else from the document\'s focus', () => {
  const a = main('Iraqi police arrested 20 suspects in Basra on Monday.');
  assert.equal(role(a, 'actor1')?.acledName, 'Police Forces of Iraq', names(a));
  const b = main('Gunmen shot dead a shepherd near Tal Afar on Monday.');
  assert.equal(role(b, 'actor1')?.acledName, 'Unidentified Armed Group (Iraq)', names(b));
  assert.equal(role(b, 'actor2')?.acledName, 'Civilians (Iraq)', names(b));
});

test('ACLED conventions: protesters act in protests, rioters in riots', () => {
  const a = main('Hundreds of people protested in Baghdad on Friday against power cuts.');
  assert.equal(role(a, 'actor1')?.acledName, 'Protesters (Iraq)', names(a));
  assert.equal(role(a, 'actor1')?.inter, 6);
  const b = main('Police fired tear gas to disperse demonstrators in Karbala on Sunday.');
  assert.equal(role(b, 'actor1')?.acledName, 'Protesters (Iraq)', names(b));
  assert.equal(role(b, 'actor2')?.acledName, 'Police Forces of Iraq', names(b));
  assert.equal(role(b, 'actor2')?.inter, 1);
  const c = main('Rioters set fire to tyres and threw stones at security forces in Basra on Sunday.');
  assert.equal(role(c, 'actor1')?.inter, 5, names(c));
});

test('lower-cased police news: the police act', () => {
  const a = main('police opened fire on a mob near the railway station, killing two people.');
  assert.match(role(a, 'actor1')?.acledName ?? '', /^Police Forces/, names(a));
  assert.equal(role(a, 'actor1')?.inter, 1);
  const b = main('the police arrested 20 people after the violence in the old city on sunday.');
  assert.match(role(b, 'actor1')?.acledName ?? '', /^Police Forces/, names(b));
  assert.equal(b.subtype, 'Arrests');
  assert.equal(b.counts.detained, 20);
  const c = main('indian police arrested 12 rioters in the town on monday.');
  assert.equal(role(c, 'actor1')?.acledName, 'Police Forces of India', names(c));
});

test('an attack on civilians with no victim named has civilians as its patient', () => {
  const ev = main('Unidentified gunmen attacked a school near Mosul on Monday.');
  assert.equal(role(ev, 'actor1')?.inter, 3, names(ev));
  assert.equal(role(ev, 'actor2')?.acledName, 'Civilians (Iraq)', names(ev));
});

test('"had to fire": an infinitive after "had to" / "were forced to" is an act its subject did', () => {
  const ev = main('police had to fire six rounds to disperse a stone-pelting mob in the old city on tuesday.');
  assert.match(role(ev, 'actor1')?.acledName ?? '', /^Police Forces/, names(ev));
  const forced = main('Troops were forced to open fire on gunmen who attacked a checkpoint near Mosul on Monday.');
  assert.match(role(forced, 'actor1')?.acledName ?? '', /^Military Forces/, names(forced));
});

test('a passive with no "by X": the subject of the "when ..." clause that tells how it happened acts', () => {
  const ev = main('a 19-year-old boy was killed and two injured when police fired several rounds at a mob on tuesday.');
  assert.match(role(ev, 'actor1')?.acledName ?? '', /^Police Forces/, names(ev));
  // A victim in the "when" clause is not the agent ("killed when civilians fled" names no attacker).
  const fled = main('Two people were killed on Monday when residents fled the shelling of Douma.');
  assert.ok(!/^Civilians/.test(role(fled, 'actor1')?.acledName ?? ''), names(fled));
});

test('tear gas shells are no artillery: whoever fires them is not the military', () => {
  const ev = main('the police lobbed tear gas shells at the mob in the old city on tuesday.');
  assert.ok(!ev.actors.some((a) => /^Military/.test(a.acledName ?? '')), names(ev));
});

test('the sides an event\'s other sentences name as acting join it: forces that fire on a riot are its actor2', () => {
  const ev = main('A mob torched shops and houses in the old city of Vadodara on Monday, killing two people. Police fired ten rounds and killed one rioter.');
  assert.equal(role(ev, 'actor1')?.acledName, 'Rioters (India)', names(ev));
  assert.ok(ev.actors.some((a) => a.role === 'actor2' && a.acledName === 'Police Forces of India'), names(ev));
  // Forces that disperse a crowd are a side of the riot (actor2), not its target.
  const b = main('police burst tear gas shells to disperse a stone-pelting mob in the walled city on tuesday.');
  assert.ok(b.actors.some((a) => (a.role === 'actor1' || a.role === 'actor2') && /^Police Forces/.test(a.acledName ?? '')), names(b));
});

test('a force named as the target in one sentence and acting in the next is the second side of the riot', () => {
  const ev = main('One person was killed in the old city of Vadodara on Monday night when a mob attacked the police. Police fired at the mob, killing one rioter.');
  assert.ok(ev.actors.some((a) => a.role === 'actor2' && /^Police Forces/.test(a.acledName ?? '')), names(ev));
});
