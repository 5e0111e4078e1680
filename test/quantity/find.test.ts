import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Context } from '../../src/context.ts';
import { lexicon } from '../../src/stages/events/lexicon.ts';
import { wordsToNumber } from '../../src/quantity/find.ts';

// The finder with the pack's vague-word table, as the stages use it.
const finder = lexicon(new Context()).finder;
const find = (s: string) => finder.find(s, { start: 0, end: s.length });
const one = (s: string) => {
  const qs = find(s);
  assert.equal(qs.length, 1, `one quantity in ${JSON.stringify(s)}: ${JSON.stringify(qs)}`);
  assert.equal(s.slice(qs[0].start, qs[0].end), qs[0].text);
  return qs[0];
};

test('figures with digit separators, decimals and scales', () => {
  assert.equal(one('resulting in the elimination of 18 operatives').value, 18);
  assert.equal(one('the coalition trained 116,000 members').value, 116000);
  const mn = one('some 4mn people were freed');
  assert.equal(mn.value, 4_000_000);
  assert.equal(mn.approximate, true);
  assert.equal(one('about 2.3mn people').value, 2_300_000);
  assert.equal(one('a budget of 1.5 billion').value, 1_500_000_000);
});

test('number words', () => {
  assert.equal(one('seven people were hurt').value, 7);
  assert.equal(one('twenty-five fighters').value, 25);
  assert.equal(one('two hundred families').value, 200);
  assert.equal(one('three thousand five hundred troops').value, 3500);
  assert.equal(wordsToNumber('a hundred'), 100);
  assert.equal(wordsToNumber('ninety nine'), 99);
  assert.equal(wordsToNumber('banana'), null);
});

test('modifiers make a figure approximate or one-sided', () => {
  const more = one('more than 100 civilians');
  assert.deepEqual([more.value, more.low, more.approximate], [100, 100, true]);
  assert.ok(more.high > 100);
  const approx = one('approximately 2,500 fighters');
  assert.deepEqual([approx.value, approx.approximate], [2500, true]);
  assert.ok(approx.low < 2500 && approx.high > 2500);
  const nearly = one('nearly 300 strikes');
  assert.equal(nearly.high, 300);
  assert.ok(nearly.low < 300);
  const least = one('at least 12 people');
  assert.equal(least.low, 12);
});

test('ranges: "between X and Y", "X to Y"; the value is the low end', () => {
  const r = one('Between 2,500 and 3,500 fighters remain');
  assert.deepEqual([r.low, r.value, r.high, r.text], [2500, 2500, 3500, 'Between 2,500 and 3,500']);
  const t = one('killing 20 to 30 people');
  assert.deepEqual([t.low, t.high], [20, 30]);
});

test('vague words follow the pack table (ACLED: dozens = 12)', () => {
  const d = one('dozens of fighters');
  assert.deepEqual([d.value, d.vague, d.weak], [12, true, false]);
  assert.equal(one('a dozen strikes').value, 12);
  const m = one('more than a dozen coalition air strikes');
  assert.deepEqual([m.value, m.low], [12, 12]);
  assert.ok(m.high > 12);
  assert.equal(one('hundreds of families').value, 100);
  assert.equal(one('tens of thousands of people').value, 10000);
  const s = one('killing several fighters');
  assert.deepEqual([s.weak, s.value], [true, 10]);
});

test('measures: area, distance, percent, money', () => {
  const a = one('more than 41,000sq km of ground');
  assert.deepEqual([a.value, a.measure], [41000, 'km2']);
  assert.equal(one('within 10 kilometers of the town').measure, 'km');
  const p = one('more than 96 percent of the territory');
  assert.equal(p.measure, 'percent');
  assert.ok(p.high <= 100);
  const usd = one('projects worth more than $200mn');
  assert.deepEqual([usd.value, usd.measure], [200_000_000, 'usd']);
});

test('dates, years, clock times, durations, ordinals and labels are not quantities', () => {
  for (const s of [
    'on March 23 the town fell',
    'Sunday, 24 March 2019 02:47 PM',
    'In September 2018, the offensive began',
    'Fri 07 Apr 2017 at 0914',
    'During this four-year campaign',
    'for two hours at the base',
    'the 21st brigade',
    'our fourth month of operations',
    'UN Resolution 2254',
    'F-16 jets and COVID-19',
    'proclaimed in mid-2014',
    '09-11-2017',
    'fired 120mm mortar shells',
    'version 3.14.15 of the code',
    'codes 2,5,6 and 9,1,1',
    'reference 1234567890123456789012',
  ]) {
    assert.deepEqual(find(s).map((q) => q.text), [], s);
  }
});

test('"one of" and a lone article are not figures; "one soldier" is', () => {
  assert.deepEqual(find('one of the suicide bombers'), []);
  assert.deepEqual(find('a man was killed'), []);
  assert.equal(one('one soldier was killed').value, 1);
});

test('bounds keep decimals and never invert (low <= value <= high)', () => {
  const p = one('roughly 2.8 per cent of the vote');
  assert.ok(p.low <= 2.8 && 2.8 <= p.high && p.low > 2);
  const over = one('a turnout of 104.52% was reported');
  assert.ok(over.low <= over.value && over.value <= over.high);
});

test('compound adjectives, codes and spaced ordinals are not figures; "2,000-strong" is', () => {
  for (const s of ['a two-car garage', 'a six-course meal', 'a 501(c)(3) charity', 'the 23 rd renewal']) assert.deepEqual(find(s).map((q) => q.text), [], s);
  assert.equal(one('a 2,000-strong force').value, 2000);
});
