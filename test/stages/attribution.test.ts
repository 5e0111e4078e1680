import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Context } from '../../src/context.ts';
import { Doc } from '../../src/doc.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { toResult } from '../../src/result.ts';

/** Who says so: the claimant of a sentence's figures (inputs written for these tests). */
const ctx = new Context();
function claimants(text: string): Array<{ text: string; claimant: string | null; name: string | null }> {
  const r = toResult(runPipeline(new Doc({ id: 't', source: 't', text, kind: 'text' }), ctx));
  return r.claims.map((c) => ({ text: c.text, claimant: c.claimant, name: c.claimantName ?? null }));
}

test('a country inside a compound modifier ("the UK-based monitor") is not the claimant', () => {
  const cs = claimants('More than 40 civilians were killed in the city since Monday, according to the UK-based monitor.');
  assert.ok(cs.length > 0);
  for (const c of cs) {
    assert.notEqual(c.claimant, 'gpe:uk', `${c.text}: the claimant is the monitor, not the UK`);
    assert.match(c.name ?? '', /monitor/);
  }
});

test('a speaker named after "according to" is the claimant, a named group keeps its canonical id', () => {
  const cs = claimants('At least 12 people were killed in air strikes on Tuesday, according to the Syrian Observatory for Human Rights.');
  assert.ok(cs.some((c) => c.claimant === 'org:sohr'), JSON.stringify(cs));
});
