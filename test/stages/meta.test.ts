import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Doc, GivenMeta, PublishedDate } from '../../src/doc.ts';
import { Context } from '../../src/context.ts';
import { findDates } from '../../src/stages/meta/dates.ts';
import { findDateline } from '../../src/stages/meta/dateline.ts';
import { SEEDS, skipNoShared } from '../helpers.ts';
import { pub, runMeta } from './meta-run.ts';

const run = (text: string, given: GivenMeta = {}, c?: Context): Doc => runMeta(text, given, 'text', c);

const BODY = `Security forces said on Wednesday they had arrested four suspects in a raid on a farm south of the city.

The operation followed weeks of surveillance, a police spokesman told reporters at a news conference.

Officials did not give the names of the detained men, saying only that they were being questioned.`;

test('dates: textual, numeric, ISO, month-year; weekday checked; Arabic comma accepted', () => {
  const ds = findDates('Sunday\u060C 24 March 2019 | April 6, 2024 | 09-11-2017 | 2024-04-06T10:00:00Z | 28/12/2022 | March 2019 | Friday, 5 April 2024');
  assert.deepEqual(
    ds.map((d) => [d.value, d.shape, d.alt ?? null, !!d.weekdayMismatch]),
    [
      ['2019-03-24', 'textual', null, false],
      ['2024-04-06', 'textual', null, false],
      ['2017-11-09', 'numeric', '2017-09-11', false],
      ['2024-04-06', 'iso', null, false],
      ['2022-12-28', 'numeric-dmy-only', null, false],
      ['2019-03', 'month-year', null, false],
      ['2024-04-05', 'textual', null, false],
    ],
  );
  assert.equal(findDates('Saturday, 5 April 2024')[0].weekdayMismatch, true);
});

test('datelines: capitals place, optional region, date and agency, then a colon or dash', () => {
  const t = (s: string) => findDateline(s, { start: 0, end: s.length })?.text ?? null;
  assert.equal(t('BEIRUT: A force said'), 'BEIRUT:');
  assert.equal(t('ERBIL, Kurdistan Region – The fight'), 'ERBIL, Kurdistan Region –');
  assert.equal(t('NAIROBI, Kenya (AP) _\n\nBombs'), 'NAIROBI, Kenya (AP) _');
  assert.equal(t('BAGHDAD, March 26 (Reuters) - Rockets'), 'BAGHDAD, March 26 (Reuters) -');
  assert.equal(t('DEIR EZ-ZOR, Syria — Clashes'), 'DEIR EZ-ZOR, Syria —');
  assert.equal(t('The army said on Monday'), null);
  assert.equal(t('US forces said - in a statement'), null);
});

test('published: a byline date beats a "today" banner above the headline', () => {
  const d = run(`• Tuesday, 3 January 2023\n\nRaid nets four suspects south of the city\n\nExample Herald December 28, 2022 Security\n\n${BODY}`);
  assert.equal(pub(d), '2022-12-28');
  assert.equal((d.meta.published as PublishedDate).text, 'December 28, 2022');
});

test('published: a bare banner date above the headline alone is not a publication date', () => {
  const d = run(`• Tuesday, 3 January 2023\n\nRaid nets four suspects south of the city\n\n${BODY}`);
  assert.equal(pub(d), null);
});

test('published: ambiguous numeric dates are read by plausibility, outlet locale, crawl date, else day-first', () => {
  const head = (line: string) => `Raid nets four suspects south of the city\n${line}\n\n${BODY}`;
  let d = run(head('12/28/2022'));
  assert.equal(pub(d), '2022-12-28');
  assert.match(String(d.debug.publishedRule), /plausibility:mdy/);
  d = run(head('Associated Press 03/12/2023'));
  assert.equal(pub(d), '2023-03-12', 'a US outlet (outlets.yaml: mdy) writes month first');
  assert.match(String(d.debug.publishedRule), /outlet-locale:mdy/);
  d = run(head('Gulf Times 03/12/2023'));
  assert.equal(pub(d), '2023-12-03');
  assert.match(String(d.debug.publishedRule), /outlet-locale:dmy/);
  d = run(head('Published: 05/09/2023'), { crawled: '2023-05-20' });
  assert.equal(pub(d), '2023-05-09', 'the day-first reading (5 Sep) would be after the crawl');
  assert.match(String(d.debug.publishedRule), /not-after-crawl:mdy/);
  d = run(head('Published: 05/09/2023'));
  assert.equal(pub(d), '2023-09-05');
  assert.match(String(d.debug.publishedRule), /default:dmy/);
  // 05/04/2023: 5 April 2023 was a Wednesday, 4 May a Thursday; a story "on Thursday" fits 4 May.
  d = run(`Checkpoint attacked overnight\nPosted: 05/04/2023\n\nGunmen attacked a checkpoint on Thursday night, killing two policemen, officials said.\n\nThe attackers fled before reinforcements arrived at the site, a police source told reporters.`);
  assert.equal(pub(d), '2023-05-04');
  assert.match(String(d.debug.publishedRule), /relative-weekday:mdy/);
});

test('published: labels, footers, weekday mismatch, later than the crawl date', () => {
  assert.equal(pub(run(`Raid nets four suspects south of the city\n\n${BODY}\n\nLast Updated: 14 February 2020 10:12`)), '2020-02-14');
  assert.equal(pub(run(`Raid nets four suspects south of the city\nSaturday, 5 April 2024\n\n${BODY}`)), null, 'weekday does not fit');
  assert.equal(pub(run(`Raid nets four suspects south of the city\nMarch 3, 2030\n\n${BODY}`, { crawled: '2024-01-01' })), null);
  // A date in the story is an event date, not the publication date.
  assert.equal(pub(run(`Raid nets four suspects south of the city\n\n${BODY}\n\nThe last raid in the area was on 4 June 2019, officials recalled.`)), null);
});

test('published: a date opening the story or inside its dateline counts; one in the first sentence does not', () => {
  assert.equal(pub(run('Fri 07 Apr 2017 at 0914 Governor says strike caused deaths. A missile strike hit an airbase on Friday.')), '2017-04-07');
  assert.equal(pub(run('BAGHDAD, March 26, 2019 (Reuters) - Rockets hit near the airport on Tuesday, police said.')), '2019-03-26');
  assert.equal(pub(run('Around 30 April 2020 (between 27 April and 4 May), supporters of a party held a sit-in in the city.')), null);
  assert.equal(pub(run('On 12 March 2021, gunmen attacked a checkpoint, killing two policemen, officials said.')), null);
});

test('anchor: publication date, else the reference date (flag), else null; no date is guessed', () => {
  let d = run(`Raid nets four suspects south of the city\n\n${BODY}`);
  assert.equal(d.meta.published, null);
  assert.equal(d.anchor, null);
  d = run(`Raid nets four suspects south of the city\n\n${BODY}`, { referenceDate: '2024-05-01' });
  assert.equal(d.meta.published, null);
  assert.equal(d.anchor, '2024-05-01');
  const flagged = new Context({ referenceDate: '2021-01-02' });
  d = run(`Raid nets four suspects south of the city\nPosted on 7 March 2021\n\n${BODY}`, {}, flagged);
  assert.equal(d.anchor, '2021-03-07');
});

test('outlet: header name, dateline agency, self-reference; an agency quoted in the story is not the outlet', () => {
  assert.equal(run(`Kurdistan24\nRaid nets four suspects south of the city\n\n${BODY}`).meta.outlet, 'Kurdistan24');
  assert.equal(run(`HOMS, Syria (AP) — ${BODY}`).meta.outlet, 'Associated Press');
  assert.equal(run(`${BODY}\nThe spokesman told Arab News the suspects were foreigners.`).meta.outlet, 'Arab News');
  assert.equal(run(`${BODY}\nThe spokesman told AFP the suspects were foreigners.`).meta.outlet, null);
  assert.equal(run(`${BODY}\nAccording to Al Jazeera, the suspects were foreigners.`).meta.outlet, null);
  assert.equal(run(BODY, { outlet: 'www.rudaw.net' }).meta.outlet, 'Rudaw');
  assert.equal(run(BODY, { outlet: 'Some Local Paper' }).meta.outlet, 'Some Local Paper');
  assert.equal(run(BODY, { url: 'https://english.alarabiya.net/news/1' }).meta.outlet, 'Al Arabiya');
  assert.equal(run(`Raid nets four suspects south of the city\nPhoto: AFP\n\n${BODY}`).meta.outlet, null, 'a photo credit');
  assert.equal(run(`Raid nets four suspects south of the city\n\n${BODY}\n\nComments\nI saw the same story on Al Jazeera yesterday and they said something very different.`).meta.outlet, null);
  assert.equal(run(`Raid nets four suspects south of the city\n\n${BODY}\n\n© 2024 Kurdistan24. All rights reserved.`).meta.outlet, 'Kurdistan24');
});

const SEEDS_EXPECT: Array<[string, string | null, string | null]> = [
  ['000_c429ba9189c3db3c.txt', '2019-03-24', 'Baghdad Post'],
  ['001_4a850577689245d9.txt', null, null],
  ['002_04d904eda5a7a569.txt', null, 'Gulf Times'],
  ['003_2e96ec154b2b9a5d.txt', '2024-04-06', 'Gulan Media'],
  ['004_f40649f1237dcb74.txt', '2017-11-09', 'Rudaw'],
];

test('meta on the sample scrapes: publication date and outlet', { skip: skipNoShared }, () => {
  for (const [file, date, outlet] of SEEDS_EXPECT) {
    const d = run(readFileSync(join(SEEDS, file), 'utf8'));
    assert.equal(pub(d), date, file);
    assert.equal(d.meta.outlet, outlet, file);
    assert.equal(d.anchor, date, file);
  }
  const rudaw = run(readFileSync(join(SEEDS, '004_f40649f1237dcb74.txt'), 'utf8'));
  assert.match(String(rudaw.debug.publishedRule), /outlet-locale:dmy/);
  assert.equal(rudaw.meta.dateline?.text, 'ERBIL, Kurdistan Region –');
});
