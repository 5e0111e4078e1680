import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers.ts';
import { loadPacks, PackError } from '../../src/packs/load.ts';
import { checkSection } from '../../src/packs/schema.ts';
import { Context } from '../../src/context.ts';
import { recordDoc } from '../../src/read/records.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { toResult } from '../../src/result.ts';

function pack(files: Record<string, string>): string {
  const dir = join(tempDir('sitrep-pack-'), 'p');
  mkdirSync(dir, { recursive: true });
  for (const [f, body] of Object.entries(files)) writeFileSync(join(dir, f), body);
  return dir;
}

test('the bundled packs fit their section shapes', () => {
  assert.deepEqual(loadPacks(['iraq-syria']).map((p) => p.name), ['en-acled', 'iraq-syria']);
});

test('a pattern YAML reads as a mapping is an error naming the rule and the fix', () => {
  // "(?: attacks)" holds ": ", so YAML makes the pattern a mapping.
  const dir = pack({ 'events.yaml': 'rules:\n  - type: Battles\n    subtype: Armed clash\n    patterns:\n      - gas(?: attacks)?\n' });
  assert.throws(() => loadPacks([dir]), (e: Error) => e instanceof PackError && /rules\[0\]\.patterns\[0\]: expected a pattern/.test(e.message) && /quote the pattern/.test(e.message));
});

test('unknown keys, wrong types, bad patterns and non-ACLED types are named', () => {
  const problems = checkSection('events', {
    rules: [{ type: 'Fights', subtype: 'x', patterns: ['ok', '(unclosed'] }],
    refine: { merge_km: 'fifty' },
    rulez: [],
  });
  assert.ok(problems.some((p) => /rules\[0\]\.patterns\[1\]: not a valid pattern/.test(p)), problems.join('\n'));
  assert.ok(problems.some((p) => /refine\.merge_km: expected a number/.test(p)));
  assert.ok(problems.some((p) => /rulez: unknown key/.test(p)));
  assert.ok(problems.some((p) => /'Fights' is not an ACLED event type/.test(p)));
});

test('a pack with no events section, or an empty one, runs every stage without hanging', () => {
  for (const files of [{ 'titles.yaml': 'ranks: []\n' }, { 'events.yaml': 'rules:\nvague:\n' }] as Array<Record<string, string>>) {
    const ctx = new Context({ packs: [pack(files)] });
    const t = Date.now();
    const r = toResult(runPipeline(recordDoc({ id: 'x', text: 'Rebels killed 5 soldiers in Idlib on Monday, the Observatory said. About 2,500 fighters remain.', published: '2020-01-01' }, 'x'), ctx));
    assert.ok(Date.now() - t < 10_000);
    assert.deepEqual(r.events, []);
    assert.ok(r.claims.length >= 1, 'figures are still claims');
  }
});
