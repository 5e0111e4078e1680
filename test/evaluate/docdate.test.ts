import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scorer } from '../../src/evaluate/docdate.ts';
import type { DocResult } from '../../src/doc.ts';
import type { GoldDoc, Pair } from '../../src/evaluate/types.ts';
import { Context } from '../../src/context.ts';
import { recordDoc } from '../../src/read/records.ts';
import { clean } from '../../src/stages/clean/index.ts';
import { meta } from '../../src/stages/meta/index.ts';
import { toResult } from '../../src/result.ts';

const ctx = new Context();
function predict(g: GoldDoc): DocResult {
  const d = recordDoc(g, g.id);
  clean.run(d, ctx);
  meta.run(d, ctx);
  return toResult(d);
}

test('docdate scores the date found in the text, not the doc_date given back as metadata', () => {
  const gold: GoldDoc[] = [
    { id: 'a', text: 'Fri 07 Apr 2017 Governor says strike caused deaths. A missile strike on an airbase on Friday caused deaths.', doc_date: '2017-04-07' },
    { id: 'b', text: 'BEIRUT: Clashes broke out on Monday near the border, a monitor said.', doc_date: '2019-03-26' },
    { id: 'c', text: 'Sun 10 Jul 2016 Rebels killed in fighting. At least 29 rebels were killed.', doc_date: '2016-07-11' },
    { id: 'd', text: 'No gold date here.', doc_date: null },
    { id: 'e', text: 'Truncated gold date.', doc_date: 'Dec 17, 20' },
  ];
  assert.ok(scorer.applies(gold));
  assert.ok(!scorer.applies([gold[3], gold[4]]));
  const pairs: Pair[] = gold.map((g) => ({ gold: g, pred: predict(g) }));
  const m = Object.fromEntries(scorer.score(pairs).map((x) => [x.metric, x]));
  assert.equal(m['text.accuracy'].n, 3);
  assert.equal(m['text.accuracy'].value, 1 / 3);
  assert.equal(m['text.coverage'].value, 2 / 3);
  assert.equal(m['text.precision'].value, 1 / 2);
  assert.equal(m['published.accuracy'].value, 1, 'the given date is passed through');
});

test('docdate falls back to a meta.published with offsets when predictions carry no debug', () => {
  const g: GoldDoc = { id: 'a', text: 'x', doc_date: '2020-01-02' };
  const pred = { id: 'a', source: 'a', meta: { outlet: null, title: null, published: { start: 0, end: 1, text: 'x', value: '2020-01-02', precision: 'day' }, body: { start: 0, end: 1 } }, mentions: [], places: [], times: [], events: [], claims: [] } as DocResult;
  const m = Object.fromEntries(scorer.score([{ gold: g, pred }]).map((x) => [x.metric, x.value]));
  assert.equal(m['text.accuracy'], 1);
});
