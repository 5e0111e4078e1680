import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Context } from '../../src/context.ts';
import { Doc } from '../../src/doc.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { toResult } from '../../src/result.ts';

/** "since Saturday" opens a range to the document date (issue 12 item 5); inputs written for the test. */
const ctx = new Context();
const run = (text: string) => toResult(runPipeline(new Doc({ id: 't', source: 't', text, kind: 'text' }), ctx));

test('"since Saturday" is the named day with ON_OR_AFTER and the document date as its last day', () => {
  const r = run('BEIRUT, March 12, 2018 (Reuters) - Air strikes have killed at least 40 civilians in Douma since Saturday, a monitor said.');
  const t = r.times.find((x) => x.text === 'Saturday');
  assert.ok(t, JSON.stringify(r.times));
  assert.equal(t.value, '2018-03-10');
  assert.equal(t.mod, 'ON_OR_AFTER');
  assert.equal(t.until, '2018-03-12');
  const e = r.events.find((x) => x.fatalities?.best === 40);
  assert.ok(e, JSON.stringify(r.events.map((x) => x.date)));
  assert.deepEqual(e.date, { value: '2018-03-10', precision: 'week', until: '2018-03-12' });
});

test('a day named without "since" stays a day; a "since" range over weeks is a month', () => {
  const r = run('BEIRUT, March 12, 2018 (Reuters) - A car bomb killed six people in Idlib on Saturday. Shelling has killed 90 people in Afrin since February 20, activists said.');
  const six = r.events.find((x) => x.fatalities?.best === 6);
  assert.deepEqual(six?.date, { value: '2018-03-10', precision: 'day' });
  const t = r.times.find((x) => x.text === 'February 20');
  assert.equal(t?.mod, 'ON_OR_AFTER');
  const ninety = r.events.find((x) => x.fatalities?.best === 90);
  if (ninety) assert.equal(ninety.date?.precision, 'month');
});
