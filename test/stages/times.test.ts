import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Doc, type TimeExpr } from '../../src/doc.ts';
import { findTimes } from '../../src/stages/times/index.ts';
import { splitSentences } from '../../src/stages/sentences/split.ts';

/** The times of a text whose document date is `anchor` (null: undated), as [text, value] pairs. */
function times(text: string, anchor: string | null): TimeExpr[] {
  const doc = new Doc({ id: 't', source: 't', text, kind: 'text' });
  doc.anchor = anchor;
  doc.sentences = splitSentences(text, { start: 0, end: text.length });
  findTimes(doc);
  for (const t of doc.times) assert.equal(text.slice(t.start, t.end), t.text, 'offsets point at the text');
  return doc.times;
}
const pairs = (text: string, anchor: string | null) => times(text, anchor).map((t) => [t.text, t.value]);
const one = (text: string, anchor: string | null) => {
  const t = times(text, anchor);
  assert.equal(t.length, 1, JSON.stringify(t));
  return t[0];
};

// 2019-03-23 is a Saturday.
const SAT = '2019-03-23';

test('calendar dates in their written forms, with exact offsets', () => {
  assert.deepEqual(pairs('The strike on 24 March 2019 killed seven.', SAT), [['24 March 2019', '2019-03-24']]);
  assert.deepEqual(pairs('Fighting resumed on March 23, officials said.', SAT), [['March 23', '2019-03-23']]);
  assert.deepEqual(pairs('The convoy was hit on 09-11-2017 near the border.', SAT), [['09-11-2017', '2017-09-11']]);
  assert.deepEqual(pairs('Talks opened on Monday, Oct. 26, 1998 in Cairo.', SAT), [['Monday, Oct. 26, 1998', '1998-10-26']]);
  const t = one('Troops entered the town on 2019-03-20.', SAT);
  assert.equal(t.start, 'Troops entered the town on '.length);
  assert.equal(t.precision, 'day');
});

test('a date without a year takes the nearest year, and a weekday picks its year', () => {
  assert.equal(one('The vote is set for Jan. 14.', '2019-12-28').value, '2020-01-14');
  assert.equal(one('He was arrested on Dec. 30.', '2020-01-05').value, '2019-12-30');
  assert.equal(one('The paper said on Monday, Oct. 26 that the talks failed.', '1998-10-30').value, '1998-10-26');
});

test('months, years, decades and their modifiers', () => {
  assert.deepEqual(pairs('The offensive began in September and ended in 2019.', '2019-11-02'), [['September', '2019-09'], ['2019', '2019']]);
  assert.deepEqual(pairs('The group has held the area since 2014.', SAT), [['2014', '2014']]);
  const mid = one('By mid-2014 the militants controlled the city.', SAT);
  assert.deepEqual([mid.text, mid.value, mid.mod, mid.precision], ['mid-2014', '2014', 'MID', 'year']);
  assert.deepEqual(pairs('The camp was set up in late November.', '2020-01-06'), [['late November', '2019-11']]);
  assert.deepEqual(pairs('He fled in July 1997, then returned.', SAT), [['July 1997', '1997-07']]);
  assert.deepEqual(pairs('Clashes were common in the 1990s.', SAT), [['the 1990s', '199']]);
  assert.equal(one('The ceasefire collapsed last February.', '2019-03-01').value, '2018-02');
});

test('four-digit numbers that are not years are left alone', () => {
  assert.deepEqual(pairs('About 2000 people fled and 1,900 were detained.', SAT), []);
  assert.deepEqual(pairs('The attack began at 0600 GMT.', SAT).map((p) => p[1]), ['2019-03-23T06:00']);
});

test('a bare weekday is the latest one in the past tense, the next one in the future tense', () => {
  assert.equal(one('Officials said Tuesday that the raid had ended.', SAT).value, '2019-03-19');
  assert.equal(one('The bombing happened on Saturday.', SAT).value, '2019-03-23', 'the document day itself');
  assert.equal(one('The delegations will meet on Monday in Geneva.', SAT).value, '2019-03-25');
  assert.equal(one('Voting is expected to start Wednesday.', SAT).value, '2019-03-27');
  assert.equal(one('He was killed last Friday.', SAT).value, '2019-03-22');
  assert.equal(one('The talks resume next Saturday.', SAT).value, '2019-03-30');
  const night = one('Gunmen attacked the checkpoint on Thursday night.', SAT);
  assert.deepEqual([night.text, night.value], ['Thursday night', '2019-03-21']);
});

test('relative days and calendar units', () => {
  assert.deepEqual(pairs('Yesterday two soldiers died; today the road reopened.', SAT), [['Yesterday', '2019-03-22'], ['today', '2019-03-23']]);
  assert.equal(one('The coalition struck the town last week.', SAT).value, '2019-W11');
  assert.equal(one('Aid deliveries doubled this month.', SAT).value, '2019-03');
  assert.equal(one('Elections are planned for next year.', SAT).value, '2020');
  assert.equal(one('Attacks fell over the past month.', SAT).value, '2019-02');
  const early = one('Earlier this month, the army retook the hill.', SAT);
  assert.deepEqual([early.text, early.value, early.mod], ['Earlier this month', '2019-03', 'START']);
  assert.equal(one('Two weeks ago the militia withdrew.', SAT).value, '2019-03-09');
  assert.equal(one('The town fell six months ago.', SAT).value, '2018-09');
});

test('quarters and halves', () => {
  assert.equal(one('The coalition conducted 94 operations in the first quarter of the year.', '2024-04-10').value, '2024-Q1');
  assert.equal(one('Attacks rose in the fourth quarter.', '2024-01-15').value, '2023-Q4');
  assert.equal(one('Third-quarter casualties were lower.', '2019-10-20').value, '2019-Q3');
  assert.equal(one('Strikes fell in the second half of 2018.', SAT).value, '2018-H2');
  assert.deepEqual(
    pairs('Raids in the third quarter rose 20% from a year earlier.', '2019-10-20'),
    [['the third quarter', '2019-Q3'], ['a year earlier', '2018-Q3']],
  );
});

test('durations: amounts, adjectives, vague plurals', () => {
  assert.deepEqual(pairs('The siege lasted two hours.', SAT), [['two hours', 'PT2H']]);
  assert.deepEqual(pairs('It ended a four-year campaign against the group.', SAT), [['four-year', 'P4Y']]);
  assert.deepEqual(pairs('Casualties rose over the past two months.', SAT), [['the past two months', 'P2M']]);
  assert.deepEqual(pairs('The months-long siege ended.', SAT), [['months-long', 'PXM']]);
  assert.deepEqual(pairs('Residents lived in camps for 2 1/2 years.', SAT), [['2 1/2 years', 'P2Y6M']]);
  assert.deepEqual(pairs('The town has been besieged for years.', SAT), [['years', 'PXY']]);
  assert.deepEqual(pairs('Talks may last another 10 days.', SAT), [['another 10 days', 'P10D']]);
  assert.deepEqual(pairs('The 6-year-old boy and a man 37 years old were hurt.', SAT), [], 'ages are not durations');
});

test('clock times take the day named in their sentence or the last one before', () => {
  assert.deepEqual(pairs('The blast struck at about 10:35 a.m. Friday.', SAT), [['about 10:35 a.m. Friday', '2019-03-22T10:35']]);
  assert.deepEqual(pairs('On Friday, at 10:35 a.m., a car bomb exploded.', SAT), [['Friday', '2019-03-22'], ['10:35 a.m.', '2019-03-22T10:35']]);
  assert.deepEqual(pairs('The raid began Thursday. It ended at 9 p.m.', SAT), [['Thursday', '2019-03-21'], ['9 p.m.', '2019-03-21T21:00']]);
  assert.deepEqual(pairs('The deadline is noon Sunday.', SAT), [['noon Sunday', '2019-03-24T12:00']]);
});

test('sets and vague references', () => {
  assert.deepEqual(pairs('Convoys arrive daily and patrols run every week.', SAT), [['daily', 'P1D'], ['every week', 'P1W']]);
  assert.deepEqual(pairs('Markets open every Friday.', SAT), [['every Friday', 'XXXX-WXX-5']]);
  assert.deepEqual(pairs('The fund pays $5 million a year.', SAT), [['a year', 'P1Y']]);
  assert.deepEqual(pairs('The group is now weaker and recently lost ground.', SAT), [['now', 'PRESENT_REF'], ['recently', 'PAST_REF']]);
  assert.deepEqual(pairs('Talks will resume in the near future.', SAT), [['the near future', 'FUTURE_REF']]);
  assert.deepEqual(pairs('Aid will arrive as soon as the road opens.', SAT), []);
});

test('seasons and holidays', () => {
  assert.equal(one('The offensive is planned for this summer.', SAT).value, '2019-SU');
  assert.equal(one('The town fell last winter.', '2019-06-10').value, '2018-WI');
  assert.equal(one('A truce held over Christmas.', '2019-01-10').value, '2018-12-25');
});

test('without a document date relative expressions stay unresolved, absolute ones do not', () => {
  assert.deepEqual(pairs('Officials said Tuesday that 24 March 2019 was the worst day.', null), [['Tuesday', 'XXXX-WXX-2'], ['24 March 2019', '2019-03-24']]);
  assert.deepEqual(pairs('Yesterday the army said strikes rose last week.', null), [['Yesterday', 'XXXX-XX-XX'], ['last week', 'XXXX-WXX']]);
  assert.equal(one('Attacks rose in the third quarter.', null).value, 'XXXX-Q3');
  assert.equal(one('The town fell in September.', null).value, 'XXXX-09');
  for (const t of times('Yesterday and last week and in September', null)) assert.equal(t.precision, 'none');
});

test('the document date comes from the record when the meta stage gave no anchor', () => {
  const doc = new Doc({ id: 'r', source: 'r', text: 'Fighting resumed yesterday.', kind: 'record', given: { published: '2019-03-23' } });
  doc.sentences = [{ start: 0, end: doc.text.length }];
  findTimes(doc);
  assert.equal(doc.times[0].value, '2019-03-22');
});

test('offsets stay exact around punctuation and in later sentences', () => {
  const text = 'Headline here.\n\nOn 5 June 2019, the army said (in 2018) the town fell.';
  const t = times(text, SAT);
  assert.deepEqual(t.map((x) => x.text), ['5 June 2019', '2018']);
  assert.equal(text.slice(t[1].start, t[1].end), '2018');
});

test('an undated document lends the year of its own full dates to dates without one', () => {
  assert.deepEqual(pairs('Around 30 April 2020 (between 27 April- 4 May), supporters gathered. On 2 May they left.', null), [
    ['30 April 2020', '2020-04-30'], ['27 April', '2020-04-27'], ['4 May', '2020-05-04'], ['2 May', '2020-05-02'],
  ]);
  assert.deepEqual(pairs('Sun 05 Jul 2015 22 dead in raids.', null), [['Sun 05 Jul 2015', '2015-07-05']], 'a bare number after a date is not an hour');
});

test('tense cues: modal "could" is not the future, plans and "ahead of" are', () => {
  assert.equal(one('Nothing could stop the bullet that hit him Friday night.', SAT).value, '2019-03-22');
  assert.equal(one('The team planned to leave the city on Thursday.', '2019-03-19').value, '2019-03-21');
  assert.equal(one('Campaigning ended ahead of Sunday’s election.', SAT).value, '2019-03-24');
  assert.equal(one('The share before Friday’s purchases is small.', SAT).value, '2019-03-22');
});

test('holidays on the Gregorian and Islamic calendars', () => {
  assert.equal(one('Fighting paused for Eid al-Fitr.', '2019-06-20').value, '2019-06-04');
  assert.equal(one('The truce of Eid al-Adha 2017 held.', SAT).value, '2017-09-01');
  assert.equal(one('Pilgrims marched on Ashura.', '2019-06-20').value, '2018-09-20');
  assert.equal(one('Churches were guarded at Easter.', '2019-06-20').value, '2019-04-21');
  assert.equal(one('Thanksgiving was quiet.', '2019-12-10').value, '2019-11-28');
});

test('names that hold a weekday or a season are not times', () => {
  assert.deepEqual(pairs('The Sunday Times reported the fall of Mosul.', SAT), []);
  assert.deepEqual(pairs('Bloody Sunday was remembered; patrols run 24/7.', SAT), []);
  assert.deepEqual(pairs('The Arab Spring began in spring 2011.', SAT), [['spring 2011', '2011-SP']]);
});

test('spelled years, decades, centuries and reporting periods', () => {
  assert.deepEqual(pairs('Atlanta, nineteen ninety-six. By the year two thousand it was over.', SAT), [['nineteen ninety-six', '1996'], ['the year two thousand', '2000']]);
  assert.deepEqual(pairs('The feud dates to the 11th century and peaked in the late 1970s.', SAT), [['the 11th century', '10'], ['the late 1970s', '197']]);
  assert.deepEqual(pairs('Attacks fell 5% in the quarter, the army said.', '2019-04-10'), [['the quarter', '2019-Q1']]);
  assert.deepEqual(pairs('Revenue for the year ended March 31 rose.', SAT), [['the year', 'P1Y'], ['March 31', '2019-03-31']]);
});

test('times named from the story: that day, the next day, earlier that day, the previous Friday', () => {
  assert.deepEqual(pairs('The town fell on 5 June 2018. Earlier that day, jets struck. The next day it rained.', SAT), [
    ['5 June 2018', '2018-06-05'], ['Earlier that day', '2018-06-05'], ['The next day', '2018-06-06'],
  ]);
  assert.deepEqual(pairs('They met on Wednesday, 3 April 2019. The previous Friday talks had failed.', SAT).slice(1), [['The previous Friday', '2019-03-29']]);
  assert.deepEqual(pairs('Gunmen attacked on 2 May 2019. Three days later the army arrived.', SAT).slice(1), [['Three days later', '2019-05-05']]);
});

test('a clock time takes the day of the story, not the day a source spoke', () => {
  assert.deepEqual(
    pairs('Troops killed five militants on Friday, officials said on Saturday. The raid began at 10:35 a.m.', SAT).map((p) => p[1]),
    ['2019-03-22', '2019-03-23', '2019-03-22T10:35'],
  );
});

test('more forms per parser: codes, edges, clocks, frequencies, parts of the day', () => {
  assert.deepEqual(pairs('Output fell in Q3 2018 and rose in Q1.', SAT), [['Q3 2018', '2018-Q3'], ['Q1', '2019-Q1']]);
  assert.deepEqual(pairs('The base will close by the end of the year.', SAT), [['the end of the year', '2019']]);
  assert.equal(one('The base will close by the end of the year.', SAT).mod, 'END');
  assert.deepEqual(pairs('Rebels held the town in the 1980s and the nineties.', SAT), [['the 1980s', '198'], ['the nineties', '199']]);
  assert.deepEqual(pairs('Shelling resumed at midnight and again at 14:30 GMT.', SAT).map((p) => p[1]), ['2019-03-23T24:00', '2019-03-23T14:30']);
  assert.deepEqual(pairs('Convoys cross twice a week; inspectors visit every two months.', SAT), [['twice a week', 'P1W'], ['every two months', 'P2M']]);
  assert.deepEqual(pairs('Clashes broke out on Monday. In the evening the army withdrew.', SAT), [['Monday', '2019-03-18'], ['the evening', '2019-03-18TEV']]);
  assert.deepEqual(pairs('The militia was not present at the time.', SAT), [['the time', 'PAST_REF']]);
  assert.deepEqual(pairs('The army has been in the valley for up to 100 days.', SAT), [['up to 100 days', 'P100D']]);
  assert.equal(one('The talks begin in the fall.', '2019-06-01').value, '2019-FA');
  assert.equal(one('Fighting slowed in the winter of 2016.', SAT).value, '2016-WI');
});

test('numbers that name things are not years', () => {
  assert.deepEqual(pairs('UN resolution 2043, adopted in 2012, and Flight 1907 were cited.', SAT), [['2012', '2012']]);
});
