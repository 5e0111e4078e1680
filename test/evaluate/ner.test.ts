import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scorer, scoreNer } from '../../src/evaluate/ner.ts';
import type { Pair } from '../../src/evaluate/types.ts';
import type { Mention } from '../../src/doc.ts';

const text = 'The SDF and Kurdish fighters entered Raqqa with 20 tanks.';
const span = (s: string, type: string, extra: object = {}) => {
  const start = text.indexOf(s);
  return { start, end: start + s.length, text: s, type, ...extra };
};
const m = (s: string, type: Mention['type']): Mention => ({ ...span(s, type), type, entity: 'x:y', name: s }) as Mention;

function pair(pred: Mention[]): Pair[] {
  const gold = {
    id: 'd',
    text,
    entities: [
      span('The SDF', 'ORG'),
      span('Kurdish fighters', 'ORG'),
      span('Raqqa', 'GPE', { accept: ['GPE', 'LOC', 'FAC'] }),
      span('20 tanks', 'OTHER', { orig_type: 'Weapon' }),
    ],
  };
  return [{ gold, pred: { id: 'd', source: 'd', meta: { outlet: null, title: null, published: null, body: { start: 0, end: text.length } }, mentions: pred, places: [], times: [], events: [], claims: [] } }];
}

test('strict needs the exact span; overlap takes partial spans; accept lists accept any listed type', () => {
  const pairs = pair([m('SDF', 'ORG'), m('Kurdish fighters', 'ORG'), m('Raqqa', 'LOC')]);
  const strict = scoreNer(pairs, 'strict').micro;
  assert.deepEqual(strict, { tp: 2, fp: 1, fn: 1 });
  const overlap = scoreNer(pairs, 'overlap').micro;
  assert.deepEqual(overlap, { tp: 3, fp: 0, fn: 0 });
});

test('predictions nested in a longer prediction are not counted; OTHER gold spans are ignored', () => {
  const pairs = pair([m('Kurdish fighters', 'ORG'), m('Kurdish', 'NORP'), m('tanks', 'ORG')]);
  const strict = scoreNer(pairs, 'strict').micro;
  // "Kurdish" is nested (flattened away); "tanks" sits inside the OTHER span "20 tanks" (ignored).
  assert.deepEqual(strict, { tp: 1, fp: 0, fn: 2 });
});

test('the scorer applies only where gold has entities and reports micro and per-type rows', () => {
  assert.equal(scorer.applies([{ id: 'a', text: 'x' }]), false);
  const rows = scorer.score(pair([m('The SDF', 'ORG')]));
  const f1 = rows.find((r) => r.metric === 'strict micro F1')!;
  assert.equal(f1.n, 3);
  assert.ok(Math.abs(f1.value - 0.5) < 1e-9);
  assert.ok(rows.some((r) => r.metric.startsWith('overlap ORG')));
});

test('names only: gold pronouns and lower-case phrases are set aside, predictions on them ignored', () => {
  const t = 'He said civilians fled Mosul.';
  const sp = (s: string, type: string) => ({ start: t.indexOf(s), end: t.indexOf(s) + s.length, text: s, type });
  const gold = { id: 'd', text: t, entities: [sp('He', 'PERSON'), sp('civilians', 'ORG'), sp('Mosul', 'GPE')] };
  const mention = (s: string, type: Mention['type']): Mention => ({ ...sp(s, type), type, entity: 'x:y', name: s }) as Mention;
  const pred = { id: 'd', source: 'd', meta: { outlet: null, title: null, published: null, body: { start: 0, end: t.length } }, mentions: [mention('Mosul', 'GPE'), mention('He', 'PERSON')], places: [], times: [], events: [], claims: [] };
  assert.deepEqual(scoreNer([{ gold, pred }], 'strict', true).micro, { tp: 1, fp: 0, fn: 0 });
  assert.deepEqual(scoreNer([{ gold, pred }], 'strict').micro, { tp: 2, fp: 0, fn: 1 });
});
