import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Context } from '../../src/context.ts';
import type { DocResult } from '../../src/doc.ts';
import { recordDoc } from '../../src/read/records.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { toResult } from '../../src/result.ts';
import { typeModelSwitch } from '../../src/stages/events/type-model.ts';

/** The protest-escalation refiner (src/stages/events/refiners/protest-escalation.ts), rules alone, on texts written for it. */
const ctx = new Context();
function run(text: string): DocResult {
  typeModelSwitch.model = null;
  try {
    return toResult(runPipeline(recordDoc({ id: 'esc', text, published: '2021-06-10' }, 'esc'), ctx));
  } finally {
    typeModelSwitch.model = undefined;
  }
}
const log = (r: DocResult) => ((r.debug as any)?.refiners ?? []) as string[];

test('a demonstration whose participants then riot is one violent demonstration with both sentences as evidence', () => {
  const r = run('On 8 June 2021, traders demonstrated in Kano against the closure of the market. The demonstrators threw stones at the police and burned tyres.');
  assert.equal(r.events.length, 1, JSON.stringify(r.events.map((e) => `${e.type}/${e.subtype}`)));
  assert.deepEqual([r.events[0].type, r.events[0].subtype], ['Riots', 'Violent demonstration']);
  assert.equal(r.events[0].evidence.length, 2);
  assert.ok(log(r).some((l) => l.startsWith('protest-escalation:')));
});

test('a demonstration in another town, or in another paragraph, stays its own event', () => {
  const town = run('On 8 June 2021, traders demonstrated in Kano against the closure of the market. On 9 June 2021, rioters burned tyres in Kaduna.');
  assert.equal(town.events.length, 2);
  const para = run('On 8 June 2021, traders demonstrated in Kano against the closure of the market.\n\nThe demonstrators threw stones at the police and burned tyres.');
  assert.ok(!log(para).some((l) => l.startsWith('protest-escalation:')));
});

test('a peaceful protest after a riot does not make the riot peaceful', () => {
  const r = run('On 8 June 2021, rioters burned tyres in Kano. Traders demonstrated peacefully against the closure of the market.');
  assert.ok(!log(r).some((l) => l.startsWith('protest-escalation:')));
});
