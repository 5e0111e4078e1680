import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DEV, skipNoShared } from '../helpers.ts';
import { readJsonl } from '../../src/evaluate/index.ts';
import { scorer } from '../../src/evaluate/ner.ts';
import type { GoldDoc } from '../../src/evaluate/types.ts';
import { Context } from '../../src/context.ts';
import { recordDoc } from '../../src/read/records.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { toResult } from '../../src/result.ts';

// Smoke test on the re3d dev set (../shared/dev, never copied into the project), running the
// pipeline only up to the entities stage. The floors sit well under the measured figures
// (strict F1 ~0.51, overlap ~0.62): they catch breakage, not drift.
test('re3d: NER strict and overlap F1 stay above their floors', { skip: skipNoShared }, () => {
  const ctx = new Context();
  const gold = readJsonl<GoldDoc>(join(DEV, 're3d.jsonl'));
  const pairs = gold.map((g) => ({ gold: g, pred: toResult(runPipeline(recordDoc(g, g.id), ctx, { until: 'entities' })) }));
  const rows = scorer.score(pairs);
  const get = (name: string) => rows.find((r) => r.metric === name)!.value;
  assert.ok(get('strict micro F1') > 0.45, `strict ${get('strict micro F1')}`);
  assert.ok(get('overlap micro F1') > 0.55, `overlap ${get('overlap micro F1')}`);
});
