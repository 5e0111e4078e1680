import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { scorer, countTimex } from '../../src/evaluate/timex.ts';
import { readFileSync } from 'node:fs';
import { Context } from '../../src/context.ts';
import { recordDoc } from '../../src/read/records.ts';
import { clean } from '../../src/stages/clean/index.ts';
import { meta } from '../../src/stages/meta/index.ts';
import { sentences } from '../../src/stages/sentences/index.ts';
import { times } from '../../src/stages/times/index.ts';
import { toResult } from '../../src/result.ts';
import type { DocResult, TimeExpr } from '../../src/doc.ts';
import type { GoldDoc, Pair } from '../../src/evaluate/types.ts';
import { DEV, skipNoShared } from '../helpers.ts';

const tx = (start: number, end: number, type: string, value: string) => ({ start, end, text: 'x'.repeat(end - start), type, value });
function pair(gold: ReturnType<typeof tx>[], pred: ReturnType<typeof tx>[]): Pair {
  const g: GoldDoc = { id: 'd', text: 'x'.repeat(100), timexes: gold };
  const p = { id: 'd', source: 'd', times: pred.map((t) => ({ ...t, precision: 'day' }) as TimeExpr) } as unknown as DocResult;
  return { gold: g, pred: p };
}

test('the timex scorer counts strict and overlapping spans one-to-one, and values on matches', () => {
  const p = pair(
    [tx(0, 6, 'DATE', '2019-03-23'), tx(10, 20, 'DURATION', 'P2M'), tx(30, 35, 'DATE', '2019')],
    [tx(0, 6, 'DATE', '2019-03-23'), tx(6, 20, 'DURATION', 'P3M'), tx(12, 14, 'DATE', 'PAST_REF'), tx(50, 55, 'SET', 'P1D')],
  );
  const c = countTimex([p]);
  assert.deepEqual(c, { goldN: 3, predN: 4, strict: 1, overlap: 2, typeOk: 2, valueStrictOk: 1, valueOverlapOk: 1 });
  const m = Object.fromEntries(scorer.score([p]).map((x) => [x.metric, x.value]));
  assert.equal(m['span strict P'], 1 / 4);
  assert.equal(m['span overlap R'], 2 / 3);
  assert.equal(m['value accuracy (overlap-matched)'], 1 / 2);
  assert.equal(scorer.applies([p.gold]), true);
  assert.equal(scorer.applies([{ id: 'x', text: 'y' }]), false);
});

test('timebank dev set: spans and values reach their targets', { skip: skipNoShared }, () => {
  // Only the stages the times stage reads, so that this measures the times stage alone.
  const ctx = new Context();
  const gold = readFileSync(join(DEV, 'timebank.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as GoldDoc);
  const pairs = gold.map((g) => {
    const doc = recordDoc(g, g.id);
    for (const stage of [clean, meta, sentences, times]) stage.run(doc, ctx);
    return { gold: g, pred: toResult(doc) };
  });
  const m = Object.fromEntries(scorer.score(pairs).map((x) => [x.metric, x.value]));
  assert.ok(m['span overlap F1'] >= 0.85, `overlap F1 ${m['span overlap F1']}`);
  assert.ok(m['span strict F1'] >= 0.75, `strict F1 ${m['span strict F1']}`);
  assert.ok(m['value accuracy (overlap-matched)'] >= 0.8, `value accuracy ${m['value accuracy (overlap-matched)']}`);
});
