import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HAS_SHARED, SEEDS, skipNoShared } from '../helpers.ts';
import { Context } from '../../src/context.ts';
import { Doc, type DocResult } from '../../src/doc.ts';
import { checkClaims, type Want } from './claims-check.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { toResult } from '../../src/result.ts';

/**
 * Every numeric statement of the five sample articles is in `claims`, with its value, unit and
 * claimant, and nothing else is (no dates, years, times, durations). A claimant is checked by the
 * name as written (`claimantName`) and, where the pack gives the speaker an id, by that id.
 * The same rules are tested on articles written for the purpose in claims-articles.test.ts.
 */

const EXPECT: Record<string, Want[]> = {
  '000': [
    ['thousands', 1000, 'personnel', /LaCamera/],
    ['more than 11,000', 11000, 'killed', /SDF/, 'org:sdf'],
    ['More than 60,000', 60000, 'fighters', null],
  ],
  '001': [
    ['more than a dozen', 12, 'strikes', /Syrian Observatory/, 'org:sohr'],
    ['seven', 7, 'killed', null],
    ['nine', 9, 'detained', /Observatory/],
  ],
  '002': [
    ['some 4mn', 4_000_000, 'people', /Dillon/],
    ['more than 41,000sq km', 41000, 'km2', /Dillon/],
    ['about 2.3mn', 2_300_000, 'people', /Dillon/],
    ['more than 44,000sq km', 44000, 'km2', /Dillon/],
    ['29', 29, 'strikes', /Dillon/],
    ['34', 34, 'strikes', /Dillon/],
    ['73', 73, 'members', null],
    ['69', 69, 'countries', null],
    ['four', 4, 'organisations', null],
    ['more than 300', 300, 'projects', /Dillon/],
    ['more than $200mn', 200_000_000, 'usd', /Dillon/],
    ['more than 170', 170, 'displaced', /Dillon/],
    ['more than 90,000', 90000, 'leaflets', /Dillon/],
    ['more than 116,000', 116000, 'trained', /Dillon/],
    ['43,000', 43000, 'trained', /Dillon/],
    ['19,000', 19000, 'trained', /Dillon/],
    ['6,500', 6500, 'trained', /Dillon/],
    ['22,500', 22500, 'trained', /Dillon/],
    ['14,000', 14000, 'trained', /Dillon/],
    ['10,000', 10000, 'trained', /Dillon/],
  ],
  '003': [
    ['94', 94, 'operations', null],
    ['94', 94, 'operations', /United States military/],
    ['18', 18, 'killed', /United States military/],
    ['63', 63, 'detained', /United States military/],
    ['approximately 2,500', 2500, 'fighters', /CENTCOM/, 'org:centcom'],
    ['thousands', 1000, 'fighters', null],
  ],
  '004': [
    ['10', 10, 'km', null],
    ['about 10', 10, 'km', null],
    ['Between 2,500 and 3,500', 2500, 'fighters', /coalition/, 'org:cjtf-oir'],
    ['more than 96 percent', 96, 'percent', null],
  ],
};

const ctx = HAS_SHARED ? new Context() : null;

function extract(prefix: string): { text: string; result: DocResult } {
  const file = readdirSync(SEEDS).find((f) => f.startsWith(prefix))!;
  const text = readFileSync(join(SEEDS, file), 'utf8');
  const doc = runPipeline(new Doc({ id: prefix, source: file, text, kind: 'text' }), ctx!);
  return { text, result: toResult(doc) };
}

for (const [prefix, want] of Object.entries(EXPECT)) {
  test(`sample ${prefix}: every numeric statement is a claim with its claimant`, { skip: skipNoShared }, () => {
    const { text, result } = extract(prefix);
    checkClaims(text, result.claims, want, prefix);
  });
}

test('sample 003: the first-quarter figures are one aggregate report, not a daily event', { skip: skipNoShared }, () => {
  const { result } = extract('003');
  const agg = result.events.filter((e) => e.aggregate);
  assert.ok(agg.length >= 1);
  const e = agg.find((x) => x.counts.killed === 18)!;
  assert.ok(e, 'the aggregate carries the 18 killed');
  assert.equal(e.counts.detained, 63);
  assert.equal(e.counts.operations, 94);
  assert.deepEqual(e.fatalities, { low: 18, best: 18, high: 18 });
  assert.equal(e.modality, 'claimed');
  assert.match(e.attribution ?? '', /United States military/);
});
