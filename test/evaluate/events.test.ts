import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { scorer, admin1Key, mainEvent, docKilled } from '../../src/evaluate/events.ts';
import { evaluate } from '../../src/evaluate/index.ts';
import type { ConflictEvent, DocResult } from '../../src/doc.ts';
import { DEV, skipNoShared } from '../helpers.ts';

const ev = (over: Partial<ConflictEvent>): ConflictEvent => ({
  id: 'x',
  type: 'Battles',
  subtype: 'Armed clash',
  date: { value: '2020-05-01', precision: 'day' },
  location: { name: 'Idlib', lat: 35.93, lon: 36.63, country: 'SY', admin1: 'Idlib', precision: 1 },
  actors: [],
  fatalities: null,
  counts: { killed: null, injured: null, detained: null, strikes: null, operations: null },
  modality: 'asserted',
  attribution: null,
  evidence: [{ start: 0, end: 10 }],
  ...over,
});

const doc = (events: ConflictEvent[]): DocResult => ({
  id: 'd',
  source: 'd',
  meta: { outlet: null, title: null, published: null, body: { start: 0, end: 100 } },
  mentions: [],
  places: [],
  times: [],
  events,
  claims: [],
});

test('admin1 spellings of one province compare equal', () => {
  assert.equal(admin1Key('Idleb'), admin1Key('Idlib'));
  assert.equal(admin1Key('Deir-ez-Zor'), admin1Key('Deir ez-Zor'));
  assert.equal(admin1Key("Dar'a"), admin1Key('Daraa'));
  assert.equal(admin1Key('Al-Hasakeh'), admin1Key('Al-Hasakah'));
  assert.equal(admin1Key('Şırnak'), admin1Key('Sirnak'));
  assert.notEqual(admin1Key('Aleppo'), admin1Key('Idlib'));
});

test('the main event is the first that is not a total, a denial or a plan; totals do not add to the toll', () => {
  const d = doc([
    ev({ type: 'Strategic developments', aggregate: true, evidence: [{ start: 0, end: 5 }], fatalities: { low: 90, best: 90, high: 90 } }),
    ev({ type: 'Protests', modality: 'future', evidence: [{ start: 6, end: 9 }] }),
    ev({ type: 'Explosions/Remote violence', evidence: [{ start: 10, end: 20 }], fatalities: { low: 3, best: 3, high: 3 } }),
  ]);
  assert.equal(mainEvent(d)?.type, 'Explosions/Remote violence');
  assert.equal(docKilled(d), 3);
});

test('scores type, killed, date and place against gold events', () => {
  const gold = {
    id: 'd',
    text: 'x',
    events: [{ type: 'Battles', subtype: 'Armed clash', date: { value: '2020-05-01' }, location: { admin1: 'Idleb', lat: 35.93, lon: 36.63 }, fatalities: { best: 2 } }],
  };
  const good = scorer.score([{ gold, pred: doc([ev({ fatalities: { low: 2, best: 2, high: 2 } })]) }]);
  const by = Object.fromEntries(good.map((m) => [m.metric, m.value]));
  assert.equal(by['type accuracy (main event)'], 1);
  assert.equal(by['killed exact'], 1);
  assert.equal(by['date exact (main event)'], 1);
  assert.equal(by['admin1 match'], 1);
  assert.equal(by['location within 50 km'], 1);
  const bad = Object.fromEntries(scorer.score([{ gold, pred: doc([]) }]).map((m) => [m.metric, m.value]));
  assert.equal(bad['type accuracy (main event)'], 0);
  assert.equal(bad['killed exact'], 0);
});

test("actor1 class: the main event's actor1 inter against the gold's, only where the gold gives one", () => {
  const gold = { id: 'd', text: 'x', events: [{ type: 'Battles', actors: [{ name: 'Protesters (Iraq)', role: 'actor1', inter: 6 }] }] };
  const withInter = (inter?: number) => doc([ev({ actors: [{ entity: 'group:protesters', role: 'actor1', ...(inter ? { inter } : {}) } as ConflictEvent['actors'][number]] })]);
  const cls = (pred: DocResult, g = gold) => scorer.score([{ gold: g, pred }]).find((m) => m.metric === 'actor1 class (inter, main event)');
  assert.equal(cls(withInter(6))?.value, 1);
  assert.equal(cls(withInter(1))?.value, 0);
  assert.equal(cls(withInter())?.value, 0);
  assert.equal(cls(withInter(6), { ...gold, events: [{ type: 'Battles', actors: [{ name: 'X', role: 'actor1' }] }] as never }), undefined);
});

test('acled-notes: type accuracy >= 0.70 and killed exact >= 0.80', { skip: skipNoShared }, () => {
  const r = evaluate(join(DEV, 'acled-notes.jsonl'));
  const m = Object.fromEntries(r.sections.find((s) => s.scorer === 'events')!.metrics.map((x) => [x.metric, x.value]));
  assert.ok(m['type accuracy (main event)'] >= 0.7, `type ${m['type accuracy (main event)']}`);
  assert.ok(m['killed exact'] >= 0.8, `killed ${m['killed exact']}`);
});
