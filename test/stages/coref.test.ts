import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Doc, type Mention } from '../../src/doc.ts';
import { Context } from '../../src/context.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { toResult } from '../../src/result.ts';
import { documentRows } from '../../src/store/derive.ts';

const ctx = new Context();

function run(text: string): Mention[] {
  const doc = runPipeline(new Doc({ id: 't', source: 't', text, kind: 'text' }), ctx);
  for (const m of doc.mentions) assert.equal(text.slice(m.start, m.end), m.text, 'offsets point into the input');
  return doc.mentions;
}
const refs = (ms: Mention[], source: string) => ms.filter((m) => m.source === source).map((m) => `${m.text}=${m.type}:${m.entity}`);
const nominals = (ms: Mention[]) => ms.filter((m) => m.source === 'nominal').map((m) => m.text);

test('he and him are the person named last; she is found the same way', () => {
  const ms = run('Col. Ryan Dillon, a coalition spokesman, spoke in Baghdad on Monday. He said the strikes would go on. Reporters asked him about Raqqa.');
  assert.deepEqual(refs(ms, 'pronoun'), ['He=PERSON:person:ryan-dillon', 'him=PERSON:person:ryan-dillon']);
  const ms2 = run('Lt. Sarah Kent met the families in Erbil. She told them the case would be heard this year.');
  assert.deepEqual(refs(ms2, 'pronoun'), ['She=PERSON:person:sarah-kent']);
});

test('I and me are the speaker of the quote; we is the group that speaks', () => {
  const ms = run('“I welcome the decision, and it gives me hope,” said Foreign Secretary Boris Johnson on Tuesday.');
  assert.deepEqual(refs(ms, 'pronoun').map((r) => r.split('=')[0]), ['I', 'me']);
  assert.ok(refs(ms, 'pronoun').every((r) => r.endsWith('person:boris-johnson')));
  const ms2 = run('The Syrian Democratic Forces said on Sunday that the battle was over. "We will hunt the remaining cells," the statement said.');
  assert.deepEqual(refs(ms2, 'pronoun'), ['We=ORG:org:sdf']);
  // "we" in an officer's words is the officer's organisation, not the last group named.
  const ms3 = run('Lt. Gen. Paul LaCamera, commander of CJTF-OIR, visited Baghdad. He said Daesh had lost its last village. "Now we must defeat its ideology," he said.');
  assert.deepEqual(refs(ms3, 'pronoun').filter((r) => r.startsWith('we')), ['we=ORG:org:cjtf-oir']);
});

test('numerals, capitals and possessives are not pronoun mentions', () => {
  const ms = run('Veterans of World War I and Phase I of the plan met in Mosul. The US and the UK sent aid to us. Lt. Sarah Kent said her unit left.');
  const got = refs(ms, 'pronoun').map((r) => r.split('=')[0]);
  assert.ok(!got.includes('I'), 'Roman numerals');
  assert.ok(!got.includes('US'), 'the country');
  assert.ok(!got.includes('her'), 'possessive "her unit"');
  assert.ok(got.includes('us'), 'object "us" after a group is named');
  const ms2 = run('Lt. Sarah Kent arrived on Monday. Officers told her that the road was closed.');
  assert.deepEqual(refs(ms2, 'pronoun'), ['her=PERSON:person:sarah-kent']);
});

test('a pronoun with no one to refer to is left out', () => {
  assert.deepEqual(refs(run('He said the road was closed after the rain.'), 'pronoun'), []);
});

test('group phrases: numbers, determiners and modifiers belong to the phrase, verbs do not', () => {
  const ms = run('An airstrike killed 60 civilians in Idlib, and the insurgents shelled villages. Militias attacked civilians near Hama, where 40,000 civilians fled.');
  assert.deepEqual(nominals(ms), ['60 civilians', 'the insurgents', 'Militias', 'civilians', '40,000 civilians']);
  // The id names the group, not the count.
  assert.equal(ms.find((m) => m.text === '60 civilians')?.entity, 'org:civilians');
  assert.equal(run('Police held nine suspected militants.').find((m) => m.source === 'nominal')?.entity, 'org:suspected-militants');
  // A pack alias ("the regime") is a name, not a nominal.
  assert.equal(run('Later the regime shelled Idlib.').find((m) => m.text === 'the regime')?.source, 'pack');
});

test('coordinated groups are one phrase when they open alike, two when they do not', () => {
  assert.deepEqual(nominals(run('The blast killed three women and three children in Aden.')), ['three women and three children']);
  assert.deepEqual(nominals(run('Government forces and their allies advanced on the town of Saraqib.')), ['Government forces', 'their allies']);
});

test('the families of the victims and a named possessor make one phrase', () => {
  assert.deepEqual(nominals(run('The families of the victims gathered in Baghdad.')), ['The families of the victims']);
  const ms = run('Bashar al-Assad\u2019s brutal regime bombed Aleppo again.');
  assert.deepEqual(nominals(ms), ['Bashar al-Assad\u2019s brutal regime']);
});

test('a name keeps its own phrase: no nominal inside "ISIS fighters" or after "the city of"', () => {
  const ms = run('ISIS fighters withdrew from the city of Raqqa, and Iraqi forces entered Mosul.');
  assert.deepEqual(nominals(ms), []);
});

test('"the city" refers back to the last city named and takes its id', () => {
  const ms = run('Iraqi forces entered Mosul on Monday. Fighting in the city continued for weeks, and the country mourned.');
  const city = ms.find((m) => m.text === 'the city');
  const mosul = ms.find((m) => m.text === 'Mosul');
  assert.equal(city?.source, 'nominal');
  assert.equal(city?.type, 'GPE');
  assert.equal(city?.entity, mosul?.entity);
  // "Iraqi" named the country.
  assert.equal(ms.find((m) => m.text === 'the country')?.entity, 'gpe:iraq');
  // With no country named before it, "the country" stays a phrase of its own.
  assert.equal(run('Fighting in the country went on.').find((m) => m.text === 'the country')?.entity, 'gpe:country');
});

test('pronouns and nominals are stored as mentions, never as aliases or entities of their own', () => {
  const text = 'Col. Ryan Dillon spoke in Baghdad. He said 60 civilians had left.';
  const r = toResult(runPipeline(new Doc({ id: 't', source: 't', text, kind: 'text' }), ctx));
  const rows = documentRows(r);
  assert.ok(rows.mentions.some((m) => m[2] === 'He'));
  assert.ok(!rows.aliases.some(([, a]) => a === 'He' || a === '60 civilians'));
  // A group named only by a common noun is no entity of the catalogue.
  assert.ok(rows.mentions.some((m) => m[4] === 'org:civilians'));
  assert.ok(!rows.entities.some(([id]) => id === 'org:civilians'));
  assert.ok(rows.entities.some(([id]) => id === 'person:ryan-dillon'));
});

test('a nationality or faith as a plural noun is a group; as an adjective it is not', () => {
  const ms = run('The blast killed 292 Iraqis in Karrada. Some Syrians fled to Lebanon, and Sunni Arabs returned to Ramadi. Iraqi forces held the bridge.');
  assert.deepEqual(nominals(ms), ['292 Iraqis', 'Some Syrians', 'Sunni Arabs']);
  assert.equal(ms.find((m) => m.text === '292 Iraqis')?.type, 'ORG');
  // The nationality stays as a mention inside the group, for the places stage.
  assert.ok(ms.some((m) => m.text === 'Iraqis' && m.type === 'NORP'));
});

test('one person by role or kind, after a determiner, is a PERSON nominal', () => {
  const ms = run('A spokesman for the ministry said a tribal leader and one child were wounded. Soldier training resumed.');
  const people = ms.filter((m) => m.source === 'nominal' && m.type === 'PERSON').map((m) => m.text);
  assert.deepEqual(people, ['A spokesman', 'a tribal leader', 'one child']);
});

test('prepositions, counting words, a verb before a place name and a role before a name stay out of a phrase', () => {
  const ms = run('Iraqi troops fought alongside international allies. More than a dozen coalition air strikes hit Hajin.');
  assert.deepEqual(nominals(ms), ['international allies', 'coalition']);
  const ms2 = run('Coalition spokesman Col. Sean Ryan said the strikes went on.');
  assert.ok(!nominals(ms2).some((t) => /spokesman/.test(t)), 'the role of a named person is no mention of its own');
  assert.ok(!nominals(run('The monitor tracks Syria extremists online.')).some((t) => t.includes('tracks')));
});
