import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Context } from '../../src/context.ts';
import { recordDoc } from '../../src/read/records.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { toResult } from '../../src/result.ts';
import type { ConflictEvent, EventActor } from '../../src/doc.ts';

/**
 * The role reader's grammar (src/stages/events/roles/) on clauses written for each rule:
 * coordinated owners, a reduced relative on the subject, an act noun owned by the actor before it,
 * a conjunct that shares its partner's preposition, unnamed fighters of a named group, a force
 * that is never its own target, wire credits that are no actor.
 */
const ctx = new Context();

function events(text: string, published = '2019-07-24'): ConflictEvent[] {
  return toResult(runPipeline(recordDoc({ id: 'grammar', text, published }, 'grammar'), ctx)).events;
}

function side(ev: ConflictEvent, r: 'actor1' | 'actor2'): string | undefined {
  const a: EventActor | undefined = ev.actors.find((x) => (r === 'actor1' ? x.role === 'actor1' : x.role === 'actor2' || x.role === 'target'));
  return a?.acledName ?? a?.name;
}

test('"A or B warplanes": the first named force acts, the other is its partner, the victims are the target', () => {
  const [ev] = events('Air strikes carried out by Iraqi or Turkish warplanes killed 12 people in Zakho on Sunday.');
  assert.equal(side(ev, 'actor1'), 'Military Forces of Iraq');
  assert.match(side(ev, 'actor2') ?? '', /^Civilians/);
});

test('a weapon in a reduced relative ("air raids carried out by X") is what was done, never the victim', () => {
  const [ev] = events('Air raids carried out by government jets killed nine civilians in Ariha on Monday.');
  assert.match(side(ev, 'actor1') ?? '', /^Military Forces of/);
  assert.match(side(ev, 'actor2') ?? '', /^Civilians/);
});

test('"in a Nigerian army ambush": an act noun after an actor is the actor\'s act, the victims are the other side', () => {
  const [ev] = events('Thirty militants were killed in a Nigerian army ambush near Maiduguri on Monday.');
  assert.equal(side(ev, 'actor1'), 'Military Forces of Nigeria');
  assert.notEqual(side(ev, 'actor2'), 'Military Forces of Nigeria');
});

test('a conjunct shares its partner\'s preposition, and a force is never its own target', () => {
  const [ev] = events('Airstrikes hit rebel districts of Aleppo overnight amid bombardment of the area by Syrian regime and Russian warplanes.');
  assert.equal(side(ev, 'actor1'), 'Military Forces of Syria');
  assert.ok(!ev.actors.some((a) => (a.role === 'target' || a.role === 'actor2') && /Military Forces/.test(a.acledName ?? '')), JSON.stringify(ev.actors));
});

test('unnamed fighters in a clause that names their group are that group', () => {
  const [ev] = events('A Turkish air strike on a PKK camp in Qandil killed nine militants on Friday.');
  assert.equal(side(ev, 'actor1'), 'Military Forces of Turkey');
  assert.match(side(ev, 'actor2') ?? '', /PKK/);
});

test('a wire credit run into a name ("NGO AFP") is a source, not the target', () => {
  const [ev] = events('Car bomb blast kills 9 in Mogadishu NGO AFP Thursday. At least 9 people were killed in a car bomb blast in Mogadishu on Thursday.', '2014-03-07');
  assert.ok(ev, 'an event');
  assert.ok(!ev.actors.some((a) => /AFP/.test(a.acledName ?? a.name ?? '')), JSON.stringify(ev.actors));
});

test('the active voice still reads its subject: "the army shelled the town" is no owned act noun', () => {
  const [ev] = events('The Syrian army shelled the town of Saraqib on Monday, killing three civilians.');
  assert.equal(side(ev, 'actor1'), 'Military Forces of Syria');
  assert.match(side(ev, 'actor2') ?? '', /^Civilians/);
});

test('coordinated subjects: "Syrian and Russian warplanes have launched" makes the first actor1; a country after "in" is where, not who', () => {
  const [ev] = events('Syrian and Russian warplanes have launched a wave of air strikes in northern Syria killing dozens.');
  assert.equal(side(ev, 'actor1'), 'Military Forces of Syria');
  assert.match(side(ev, 'actor2') ?? '', /^Civilians/);
  assert.ok(ev.actors.some((a) => a.role === 'associated' && a.acledName === 'Military Forces of Russia'));
});

test('"the monitor said a coalition strike killed ...": what was said is no speaker, so the coalition acts', () => {
  const [ev] = events('On Tuesday the observatory said a US-led coalition strike in Raqqa killed at least 18 civilians.');
  assert.match(side(ev, 'actor1') ?? '', /coalition/i);
});

test('a guessed side (an air strike nobody is said to own) gives way to the side another mention of the incident names', () => {
  const evs = events('Air strikes hit a market in Ariha on Monday, killing 12 civilians. Russian warplanes carried out the raids on Ariha, the Observatory said.');
  assert.equal(evs.length, 1, JSON.stringify(evs.map((e) => e.actors)));
  assert.equal(side(evs[0], 'actor1'), 'Military Forces of Russia');
  assert.match(side(evs[0], 'actor2') ?? '', /^Civilians/);
});

test('coordinated subjects: the home state\'s forces lead; with none, the nearest leads', () => {
  const [home] = events('Russian and Syrian warplanes bombed Idlib on Monday, killing four civilians.');
  assert.equal(side(home, 'actor1'), 'Military Forces of Syria');
  const [abroad] = events('Turkish forces and opposition rebels shelled the town of Tal Tamr in Hasakeh on Monday.');
  assert.equal(side(abroad, 'actor1'), 'Rebel Forces (Syria)');
});

test('a claim of responsibility names the perpetrator: its claimant is no source but actor1', () => {
  for (const claim of ['The Islamic State group claimed responsibility for the attack.', 'The Islamic State group claimed responsibility for the bombing.']) {
    const evs = events(`A suicide bomber blew himself up at a checkpoint in Azaz on Tuesday, killing six people. ${claim}`);
    assert.equal(evs.length, 1, JSON.stringify(evs.map((e) => e.subtype)));
    assert.match(side(evs[0], 'actor1') ?? '', /Islamic State/, claim);
    assert.ok(!evs[0].actors.some((a) => /Unidentified/.test(a.acledName ?? '')), JSON.stringify(evs[0].actors));
  }
});

test('with no victim named, what the act hit says whose it is: rebel positions, a rebel-held town, jihadist targets', () => {
  const [town] = events('Regime warplanes launched at least 60 air raids yesterday on the rebel-held town of Zabadani.');
  assert.equal(side(town, 'actor2'), 'Rebel Forces (Syria)');
  const [positions] = events('The Observatory reported government bombardment on rebel positions in Daraa on Monday.');
  assert.equal(side(positions, 'actor1'), 'Military Forces of Syria', 'the news a monitor reports is no source zone');
  assert.equal(side(positions, 'actor2'), 'Rebel Forces (Syria)');
  const [victims] = events('Regime airstrikes on the rebel-held town of Douma killed 12 civilians on Monday.');
  assert.match(side(victims, 'actor2') ?? '', /^Civilians/, 'named victims come first');
});

test('"a DAESH suicide bomber blew himself up": an irregular verb after an actor is a verb, and its subject acts', () => {
  const [ev] = events('At least 10 people were killed when a DAESH suicide bomber blew himself up in a village near Aleppo on Tuesday.');
  assert.match(side(ev, 'actor1') ?? '', /Islamic State/);
  assert.match(side(ev, 'actor2') ?? '', /^Civilians/);
});
