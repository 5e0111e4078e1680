import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Context } from '../../src/context.ts';
import { Doc } from '../../src/doc.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { toResult } from '../../src/result.ts';

/** The figure-per-place refiner (inputs written for the test). */
const ctx = new Context();
const run = (text: string) => toResult(runPipeline(new Doc({ id: 't', source: 't', text, kind: 'text' }), ctx), { debug: true });

test('a weekly strike summary by place is one aggregate Air/drone strike event per place, with its own count', () => {
  const r = run(
    'BAGHDAD, March 14, 2016 - Over the past week, allied aircraft carried out 11 strikes on militant positions around Tikrit and a further 6 on supply routes in Diyala province, the ministry said.',
  );
  const strikes = r.events.filter((e) => e.subtype === 'Air/drone strike');
  assert.equal(strikes.length, 2, JSON.stringify(r.events.map((e) => [e.location?.name, e.counts.strikes])));
  assert.deepEqual(strikes.map((e) => e.counts.strikes).sort((a, b) => a! - b!), [6, 11]);
  assert.equal(new Set(strikes.map((e) => e.location?.name)).size, 2);
  for (const e of strikes) {
    assert.equal(e.date?.precision, 'week');
    assert.equal((e as { aggregate?: boolean }).aggregate, true);
  }
  assert.equal(new Set(strikes.map((e) => e.id)).size, 2, 'each part has its own id');
});

test('figures that do not pair one-to-one with places stay one event', () => {
  const r = run('BEIRUT, May 3, 2016 - Air strikes killed 12 people in Douma on Monday, and 30 others were wounded, the Observatory said.');
  const air = r.events.filter((e) => e.subtype === 'Air/drone strike');
  assert.equal(air.length, 1);
  assert.equal(air[0].fatalities?.best, 12);
});
