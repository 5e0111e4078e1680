import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { scorer, isPolice, eventLabels, anchorLabels } from '../../src/evaluate/ipe.ts';
import { readJsonl } from '../../src/evaluate/index.ts';
import type { DocResult, ConflictEvent } from '../../src/doc.ts';
import type { GoldDoc } from '../../src/evaluate/types.ts';
import { DEV, makeEvent, skipNoShared } from '../helpers.ts';

const counts = (over: Partial<ConflictEvent['counts']>): ConflictEvent['counts'] => ({ killed: null, injured: null, detained: null, strikes: null, operations: null, ...over });
const police = { entity: 'org:police', name: 'police', role: 'actor1' as const };

const result = (id: string, events: ConflictEvent[]): DocResult => ({
  id,
  source: id,
  meta: { outlet: null, title: null, published: null, body: { start: 0, end: 0 } },
  mentions: [],
  places: [],
  times: [],
  events,
  claims: [],
});

test('the police are found by entity, name or ACLED name; another actor class is not the police', () => {
  assert.ok(isPolice({ entity: 'org:police', role: 'actor1' }));
  assert.ok(isPolice({ entity: 'org:x', name: 'the cops', role: 'actor1' }));
  assert.ok(isPolice({ entity: 'org:x', acledName: 'Police Forces of India (1947-)', inter: 1, role: 'actor1' } as never));
  assert.ok(!isPolice({ entity: 'org:army', name: 'the army', role: 'actor1' }));
  assert.ok(!isPolice({ entity: 'org:mob', name: 'police station mob', inter: 5, role: 'actor1' } as never));
});

test('an event predicts ARREST by subtype or detained count, KILL and FORCE only with a police actor', () => {
  assert.deepEqual([...eventLabels(makeEvent({ type: 'Strategic developments', subtype: 'Arrests', actors: [police] }))], ['ARREST']);
  assert.deepEqual([...eventLabels(makeEvent({ type: 'Protests', subtype: 'Peaceful protest', counts: counts({ detained: 3 }) }))], ['ARREST']);
  assert.deepEqual([...eventLabels(makeEvent({ type: 'Riots', subtype: 'Mob violence', actors: [police], counts: counts({ killed: 2 }) }))].sort(), ['FORCE', 'KILL']);
  assert.deepEqual([...eventLabels(makeEvent({ type: 'Riots', subtype: 'Mob violence', actors: [police], fatalities: { low: 1, best: 1, high: 1 } }))].sort(), ['FORCE', 'KILL']);
  assert.deepEqual([...eventLabels(makeEvent({ type: 'Riots', subtype: 'Mob violence', counts: counts({ killed: 2 }) }))], []);
});

test('police who are the target or only associated, and events that did not happen, predict no police act', () => {
  const victims = { ...police, role: 'target' as const };
  const named = { ...police, role: 'associated' as const };
  const gunmen = { entity: 'org:gunmen', name: 'gunmen', role: 'actor1' as const };
  assert.deepEqual([...eventLabels(makeEvent({ type: 'Violence against civilians', subtype: 'Attack', actors: [gunmen, victims], counts: counts({ killed: 5 }) }))], []);
  assert.deepEqual([...eventLabels(makeEvent({ type: 'Riots', subtype: 'Mob violence', actors: [gunmen, named], counts: counts({ killed: 1 }) }))], []);
  // The force that intervenes in a riot is its actor2.
  assert.deepEqual([...eventLabels(makeEvent({ type: 'Riots', subtype: 'Mob violence', actors: [gunmen, { ...police, role: 'actor2' }] }))], ['FORCE']);
  assert.deepEqual([...eventLabels(makeEvent({ type: 'Strategic developments', subtype: 'Arrests', modality: 'future', actors: [police] }))], []);
  assert.deepEqual([...eventLabels(makeEvent({ type: 'Strategic developments', subtype: 'Arrests', negated: true, actors: [police] }))], []);
});

test('the keyword anchor: arrest words alone; police plus kill or force words in the same sentence', () => {
  assert.deepEqual([...anchorLabels('five men were arrested on monday.')], ['ARREST']);
  assert.deepEqual([...anchorLabels('police opened fire, killing two.')].sort(), ['FORCE', 'KILL']);
  assert.deepEqual([...anchorLabels('police burst tear gas shells.')], ['FORCE']);
  assert.deepEqual([...anchorLabels('two people were killed in the riot.')], []);
});

// Three sentences; gold: s0 ARREST, s1 KILL+FORCE, s2 nothing. doc a's labels ARREST, KILL, FORCE; doc b none.
const text = 'six rioters were picked up. police fired and two died. a quiet day.';
const s = [
  { start: 0, end: 27, labels: ['ARREST', 'ANY_ACTION'] },
  { start: 28, end: 54, labels: ['KILL', 'FORCE'] },
  { start: 55, end: 67, labels: [] },
];
const goldA: GoldDoc = { id: 'a', text, sentences: s, doc_labels: ['ARREST', 'KILL', 'FORCE'] };
const goldB: GoldDoc = { id: 'b', text: 'police arrested none.', sentences: [{ start: 0, end: 21, labels: [] }], doc_labels: [] };

test('sentence and document P/R/F1 for sitrep and the anchor, with exact counts', () => {
  assert.equal(text.slice(28, 54), 'police fired and two died.');
  const pairs = [
    {
      gold: goldA,
      pred: result('a', [
        // Arrest evidence straddles s0 and s1: both sentences are predicted ARREST (one right, one wrong).
        makeEvent({ type: 'Strategic developments', subtype: 'Arrests', evidence: [{ start: 10, end: 35 }] }),
        // A police killing on s2 (wrong sentence): KILL and FORCE predicted there.
        makeEvent({ type: 'Violence against civilians', subtype: 'Attack', actors: [police], counts: counts({ killed: 1 }), evidence: [{ start: 56, end: 60 }] }),
      ]),
    },
    { gold: goldB, pred: result('b', []) },
  ];
  const m = new Map(scorer.score(pairs).map((r) => [r.metric, r]));
  const v = (k: string) => m.get(k)!.value;
  // sitrep, sentences: ARREST tp1 fp1 fn0 -> P .5 R 1 F1 2/3; KILL tp0 fp1 fn1 -> 0.
  assert.equal(v('sentence ARREST P (sitrep)'), 0.5);
  assert.equal(v('sentence ARREST R (sitrep)'), 1);
  assert.ok(Math.abs(v('sentence ARREST F1 (sitrep)') - 2 / 3) < 1e-9);
  assert.equal(v('sentence KILL F1 (sitrep)'), 0);
  assert.equal(m.get('sentence KILL F1 (sitrep)')!.n, 4);
  // sitrep, documents: a predicts all three (right), b none: P = R = 1.
  for (const l of ['ARREST', 'KILL', 'FORCE']) assert.equal(v(`document ${l} F1 (sitrep)`), 1);
  // anchor: "picked up" is no arrest word (s0 missed); b's "arrested" is a false positive.
  // ARREST tp0 fp1 fn1; s1 "police fired ... died" gives KILL and FORCE right.
  assert.equal(v('sentence ARREST F1 (anchor)'), 0);
  assert.equal(v('sentence KILL F1 (anchor)'), 1);
  assert.equal(v('sentence FORCE F1 (anchor)'), 1);
  // anchor documents: ARREST predicted for b only -> tp0 fp1 fn1.
  assert.equal(v('document ARREST F1 (anchor)'), 0);
  assert.equal(v('document KILL P (anchor)'), 1);
});

test('the scorer applies only to gold with sentence labels', () => {
  assert.ok(scorer.applies([goldA]));
  assert.ok(!scorer.applies([{ id: 'x', text: 'x' }]));
});

test('IndiaPoliceEvents dev: the anchor is near the published keyword baseline', { skip: skipNoShared }, () => {
  // The anchor reads only the gold sentences: no pipeline run needed.
  const gold = readJsonl<GoldDoc>(join(DEV, 'ipe.jsonl'));
  const rows = scorer.score(gold.map((g) => ({ gold: g, pred: result(g.id, []) })));
  const f1 = (l: string) => rows.find((r) => r.metric === `sentence ${l} F1 (anchor)`)!.value;
  // README: about 0.73 / 0.61 / 0.70.
  assert.ok(Math.abs(f1('ARREST') - 0.73) < 0.06, `ARREST ${f1('ARREST')}`);
  assert.ok(Math.abs(f1('KILL') - 0.61) < 0.07, `KILL ${f1('KILL')}`);
  assert.ok(Math.abs(f1('FORCE') - 0.7) < 0.06, `FORCE ${f1('FORCE')}`);
});
