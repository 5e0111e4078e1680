import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers.ts';
import { Context } from '../../src/context.ts';
import { Doc } from '../../src/doc.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { toResult } from '../../src/result.ts';
import { checkClaims, type Want } from './claims-check.ts';

/**
 * The claims rules on articles written for the tests (test/fixtures/articles/), in the style of the
 * samples but with other people, places and wordings: every numeric statement with its claimant.
 * The headline repeats a figure of the lead; both are claims (two places state it).
 */
const EXPECT: Record<string, Want[]> = {
  '01-kirkuk-raid': [
    ['12', 12, 'killed', null],
    ['12', 12, 'killed', /Joint Operations Command/],
    ['27', 27, 'detained', /Joint Operations Command/],
    ['four', 4, 'tunnels', /Tahsin Karim/],
    ['Between 300 and 500', 300, 'fighters', null],
    ['41', 41, 'strikes', /coalition/],
    ['Two', 2, 'injured', null],
  ],
  '02-deir-ezzor-ied': [
    ['four', 4, 'killed', null],
    ['four', 4, 'killed', /Syrian Observatory/, 'org:sohr'],
    ['two', 2, 'injured', /Syrian Observatory/, 'org:sohr'],
    ['dozens', 12, 'attacks', null],
    ['Approximately 10,000', 10000, 'detained', /Farhad Shami/],
    ['$50mn', 50_000_000, 'usd', /Farhad Shami/],
  ],
  '03-quarterly-report': [
    ['37', 37, 'operations', null],
    ['37', 37, 'operations', /CENTCOM/, 'org:centcom'],
    ['6', 6, 'killed', /CENTCOM/, 'org:centcom'],
    ['51', 51, 'detained', /CENTCOM/, 'org:centcom'],
    ['more than 9,000', 9000, 'fighters', /CENTCOM/, 'org:centcom'],
    ['Some 20,000', 20000, 'women', /United Nations/],
    ['nearly 3,000', 3000, 'trained', null],
  ],
  '04-sulaymaniyah-protest': [
    ['hundreds', 100, 'teachers', null],
    ['At least 15', 15, 'injured', /local health officials/],
    ['seven', 7, 'detained', /Soran Aziz/],
    ['some 40,000', 40000, 'employees', /teachers' union/],
  ],
  '05-drone-strike': [
    ['two', 2, 'killed', null],
    ['two', 2, 'killed', /SDF/, 'org:sdf'],
    ['more than 80', 80, 'strikes', /Rojava Information Center/],
    ['5', 5, 'km', null],
  ],
};

const ctx = new Context();

function extractFixture(name: string) {
  const text = readFileSync(join(ROOT, 'test/fixtures/articles', `${name}.txt`), 'utf8');
  return { text, result: toResult(runPipeline(new Doc({ id: name, source: name, text, kind: 'text' }), ctx)) };
}

for (const [name, want] of Object.entries(EXPECT)) {
  test(`article ${name}: every numeric statement is a claim with its claimant`, () => {
    const { text, result } = extractFixture(name);
    checkClaims(text, result.claims, want, name);
  });
}
