import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Doc, PublishedDate } from '../../src/doc.ts';
import { findDates } from '../../src/stages/meta/dates.ts';
import { findDateline } from '../../src/stages/meta/dateline.ts';
import { pub, runMeta } from './meta-run.ts';

/**
 * Publication dates written as a dateline at the very start of a story, in the styles of agency copy
 * and flattened scraper records (all texts invented): a leading weekday and date with a time, a wire
 * dateline whose year comes from other evidence, a record that repeats its headline before a credit
 * and the date. And what must not change: a banner date above a headline loses to the byline date,
 * a date in the first sentence is an event date, a record's own date is kept.
 */
const run = runMeta;
const rule = (d: Doc) => String(d.debug.publishedRule ?? '');

const REST = 'Gunmen attacked an army checkpoint on Friday night, killing two soldiers, security sources said. The attackers fled towards the desert before reinforcements arrived, the sources added.';

test('a weekday and date opening the story, with a time: "Sat 14 Sep 2019 at 1130 ..."', () => {
  const d = run(`Sat 14 Sep 2019 at 1130 Governor says attack on checkpoint killed two. ${REST}`);
  assert.equal(pub(d), '2019-09-14');
  assert.equal((d.meta.published as PublishedDate).text, 'Sat 14 Sep 2019');
  assert.equal(d.meta.dateline, null, 'a date is not a place dateline');
  assert.equal(d.anchor, '2019-09-14');
});

test('a full weekday date opening a record, and a date with a clock time before a place dateline', () => {
  assert.equal(pub(run(`Tuesday 3 Mar 2020 Rockets hit base housing foreign troops. ${REST}`, {}, 'record')), '2020-03-03');
  const d = run(`Sunday, 3 March 2019 | 10:42 GMT HASAKAH, Syria (AFP) — ${REST}`, {}, 'record');
  assert.equal(pub(d), '2019-03-03');
  assert.equal(d.meta.dateline?.text, 'HASAKAH, Syria (AFP) —');
  const e = run(`Fri 07 Jun 2019 at 0914 HOMS, Syria (Reuters) - ${REST}`);
  assert.equal(pub(e), '2019-06-07');
  assert.equal(e.meta.dateline?.text, 'HOMS, Syria (Reuters) -');
  assert.equal(e.meta.outlet, 'Reuters');
});

test('a wire dateline without a year takes it from the crawl date, a banner or the reference date', () => {
  let d = run(`KIRKUK, Oct 3 (Reuters) - ${REST}`, { crawled: '2021-10-04T08:00:00Z' });
  assert.equal(pub(d), '2021-10-03');
  assert.equal((d.meta.published as PublishedDate).text, 'Oct 3');
  assert.equal(d.meta.dateline?.text, 'KIRKUK, Oct 3 (Reuters) -');
  assert.match(rule(d), /wire-dateline; year from crawl-date/);
  // Crawled early in January: a late-December dateline is of the year before.
  d = run(`MOSUL, Iraq, Dec. 30 (AP) — ${REST}`, { crawled: '2022-01-02' });
  assert.equal(pub(d), '2021-12-30');
  d = run(`BEIRUT, 5 August (AFP) – ${REST}`, { referenceDate: '2020-08-06' });
  assert.equal(pub(d), '2020-08-05');
  assert.match(rule(d), /reference-date/);
  assert.equal(d.anchor, '2020-08-05');
  // The site's date banner above the headline bounds the story's date.
  d = run(`• Wednesday, 10 June 2020\n\nTwo soldiers killed in checkpoint attack\n\nMOSUL, June 8 (Reuters) - ${REST}\n\nOfficials said an investigation had been opened into the attack on the checkpoint.`);
  assert.equal(pub(d), '2020-06-08');
  assert.match(rule(d), /header-date/);
});

test('a wire dateline without a year and no other evidence stays partial: no guessed year', () => {
  const d = run(`DAMASCUS, Jan 12 (Reuters) - ${REST}`);
  assert.equal(d.meta.published, null);
  assert.equal(d.anchor, null);
  assert.equal(d.meta.dateline?.text, 'DAMASCUS, Jan 12 (Reuters) -');
  assert.deepEqual(d.debug.publishedPartial, { value: 'XXXX-01-12', precision: 'day', text: 'Jan 12', rule: 'wire-dateline; no year' });
});

test('a record that repeats its headline (without the site suffix) before a credit and the date', () => {
  const title = 'Car bomb kills nine in border town Monitor - Region - World';
  const d = run(`Car bomb kills nine in border town Monitor AFP Thursday 6 Mar 2014 A car bomb exploded near a market on Thursday, killing nine people, a monitor said.`, { title }, 'record');
  assert.equal(pub(d), '2014-03-06');
  assert.match(rule(d), /after-title/);
  // A headline straight before the date, no credit.
  const e = run(`Army repels attack on airport Tue Jul 12 2016 The army repelled an attack on the airport on Tuesday, state media said.`, { title: 'Army repels attack on airport' }, 'record');
  assert.equal(pub(e), '2016-07-12');
  // Page furniture between the repeated headline and the date: author, section, clock time.
  const title2 = 'Rockets hit fuel depot near port';
  const g = run(`Rockets hit fuel depot near port - Reports Jane Roe Middle East 2159 18.05.2019 Rockets struck a fuel depot near the port on Saturday, officials said.`, { title: title2 }, 'record');
  assert.equal(pub(g), '2019-05-18');
  assert.match(rule(g), /after-title\+furniture/);
  assert.equal(pub(run(`Rockets hit fuel depot near port The 5 May 2019 attack was the third on the port this year, officials said.`, { title: title2 }, 'record')), null);
  // No record title: a short headline-like lead ending in a known outlet's name is a credit line.
  const f = run(`Car bomb kills nine in border town Monitor AFP Thursday 6 Mar 2014 A car bomb exploded near a market on Thursday, killing nine people, a monitor said.`);
  assert.equal(pub(f), '2014-03-06');
  assert.match(rule(f), /credit/);
});

test('scraped labels before the date: "Last updated at Jun 092018" (comma lost), "Published October 3 2016"', () => {
  assert.equal(findDates('Last updated at Jun 092018 KIRKUK')[0].value, '2018-06-09');
  assert.equal(pub(run(`Last updated at Jun 092018 KIRKUK ${REST}`, {}, 'record')), '2018-06-09');
  assert.equal(pub(run(`Published October 3 2016 ${REST}`, {}, 'record')), '2016-10-03');
});

test('negative: a banner date above the headline keeps losing to the byline date', () => {
  const d = run(`• Wednesday, 10 June 2020\n\nTwo soldiers killed in checkpoint attack\n\nBy Sara Hamid | June 8, 2020\n\nMOSUL, June 8 (Reuters) - ${REST}\n\nOfficials said an investigation had been opened into the attack on the checkpoint.`);
  assert.equal(pub(d), '2020-06-08');
  assert.equal((d.meta.published as PublishedDate).text, 'June 8, 2020');
  assert.match(rule(d), /byline/);
  // A bare banner alone is still no publication date.
  assert.equal(pub(run(`• Wednesday, 10 June 2020\n\nTwo soldiers killed in checkpoint attack\n\n${REST}\n\nOfficials said an investigation had been opened into the attack.`)), null);
});

test('negative: a date in the first sentence is the event date, not a dateline', () => {
  assert.equal(pub(run('Gunmen attacked a checkpoint on 4 May 2018, killing two policemen, AFP reported.')), null);
  assert.equal(pub(run('A police spokesman told AFP 12 March 2021 was the deadliest day of the year in the province.')), null);
  assert.equal(pub(run('Gunmen attack checkpoint On 12 March 2021 gunmen attacked a checkpoint, killing two.', { title: 'Gunmen attack checkpoint' }, 'record')), null);
  // A written weekday that does not fit the date (3 March 2020 was a Tuesday).
  assert.equal(pub(run(`Friday 3 Mar 2020 Rockets hit base housing foreign troops. ${REST}`, {}, 'record')), null);
  // A month and day after the dateline's dash belong to the story, not to the dateline.
  const d = run('TIKRIT - Jan 12 was the day the fighting stopped, residents said.');
  assert.equal(d.meta.dateline?.text, 'TIKRIT -');
  assert.equal(d.debug.publishedPartial, undefined);
  assert.equal(pub(d), null);
});

test('records that carry their own date keep it; the dateline date is reported beside it', () => {
  let d = run(`Monday 2 Feb 2015 Air strikes kill 32 in the north. ${REST}`, { published: '2015-02-03' }, 'record');
  assert.equal(pub(d), '2015-02-03');
  assert.equal(rule(d), 'record');
  assert.deepEqual(d.debug.publishedConflict, { record: '2015-02-03', text: '2015-02-02', kept: 'record' });
  d = run(`DAMASCUS, Jan 12 (Reuters) - ${REST}`, { published: '2020-01-13', crawled: '2020-01-14' }, 'record');
  assert.equal(pub(d), '2020-01-13');
  assert.equal((d.debug.publishedInText as { value: string }).value, '2020-01-12');
});

test('dateline finder: the date inside it, with or without a year; a leading date is skipped', () => {
  const f = (s: string) => findDateline(s, { start: 0, end: s.length });
  assert.deepEqual(f('BAGHDAD, March 26 (Reuters) - Rockets')?.date, { start: 9, end: 17, text: 'March 26', month: 3, day: 26, year: null });
  assert.equal(f('BEIRUT, Aug. 5, 2019 (AP) — Clashes')?.date?.year, 2019);
  assert.equal(f('RAQQA, 14 Sept (AFP) – Clashes')?.date?.month, 9);
  assert.equal(f('Monday 2 Feb 2015 BEIRUT (AFP) - Clashes')?.text, 'BEIRUT (AFP) -');
  assert.equal(f('Monday 2 Feb 2015 Clashes erupted - again'), null);
});
