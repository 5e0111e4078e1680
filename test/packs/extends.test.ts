import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadPacks, PackError } from '../../src/packs/load.ts';
import { Context } from '../../src/context.ts';
import { tempDir } from '../helpers.ts';

/** A pack's `pack.yaml` `extends`: its base packs load first, once, and a cycle fails. */
const dir = tempDir('sitrep-extends-');
after(() => rmSync(dir, { recursive: true, force: true }));

function pack(name: string, files: Record<string, string>): string {
  const p = join(dir, name);
  mkdirSync(p, { recursive: true });
  for (const [f, body] of Object.entries(files)) writeFileSync(join(p, f), body);
  return p;
}

test('a pack that extends another loads the base first, and the pack settings are no section', () => {
  pack('base', { 'words.yaml': 'a: 1\n' });
  const region = pack('region', { 'pack.yaml': 'extends: [base]\n', 'words.yaml': 'b: 2\n' });
  const packs = loadPacks([region]);
  assert.deepEqual(packs.map((p) => p.name), ['base', 'region']);
  assert.equal(packs[1].sections.pack, undefined);
  const ctx = new Context({ packs: [region] });
  assert.deepEqual(ctx.section('words'), [{ a: 1 }, { b: 2 }]);
});

test('a base named twice loads once; a cycle fails with the path', () => {
  pack('one', { 'pack.yaml': 'extends: base\n' });
  pack('two', { 'pack.yaml': 'extends: [base]\n' });
  assert.deepEqual(loadPacks([join(dir, 'one'), join(dir, 'two')]).map((p) => p.name), ['base', 'one', 'two']);
  pack('x', { 'pack.yaml': 'extends: [y]\n' });
  pack('y', { 'pack.yaml': 'extends: [x]\n' });
  assert.throws(() => loadPacks([join(dir, 'x')]), (e: unknown) => e instanceof PackError && /extends itself/.test((e as Error).message));
});

test('the bundled region pack extends the general English/ACLED pack', () => {
  assert.deepEqual(loadPacks(['iraq-syria']).map((p) => p.name), ['en-acled', 'iraq-syria']);
});

test('the general English/ACLED pack codes events alone; the region pack adds only its own words', async () => {
  const { lexicon } = await import('../../src/stages/events/lexicon.ts');
  const { runPipeline } = await import('../../src/pipeline.ts');
  const { recordDoc } = await import('../../src/read/records.ts');
  const { toResult } = await import('../../src/result.ts');
  const base = new Context({ packs: ['en-acled'] });
  const r = toResult(runPipeline(recordDoc({ id: 'base', text: 'Warplanes bombed a market in the town on Monday, killing five civilians.', published: '2023-06-10' }, 'base'), base));
  assert.equal(r.events.length, 1);
  assert.equal(r.events[0].subtype, 'Air/drone strike');
  // The region's forces ("Syrian strikes") come from the region pack, on top of every base rule.
  const region = new Context({ packs: ['iraq-syria'] });
  assert.ok(lexicon(region).rules.length > lexicon(base).rules.length);
  assert.equal(lexicon(region).refine.mergeKm, lexicon(base).refine.mergeKm);
  const own = loadPacks(['iraq-syria'])[1].sections.events as { rules?: unknown[]; refine?: unknown };
  assert.equal(own.refine, undefined, 'thresholds are general: they live in en-acled');
});
