import { test } from 'node:test';
import assert from 'node:assert/strict';
import { valueEvidence, sentenceAround } from '../../src/server/value-evidence.ts';
import { article } from './fixtures.ts';

/** The words behind each value of a report, found in its document's own layers (raw offsets). */
const a = article({
  id: 'why1',
  outlet: 'Wire One',
  title: 'Report',
  events: [
    { day: '2019-03-05', place: 0, actor1: 0, actor2: 1, kind: 0, killed: 7 },
    { day: '2019-03-06', place: 3, actor1: 2, actor2: 3, kind: 1, killed: 0 },
  ],
});

test('every value of a report points at the words that set it, inside its sentence', () => {
  const ev = a.result.events[0];
  const why = valueEvidence(ev, a);
  const words = (w: { words: Array<{ start: number; end: number; text: string }> } | undefined) => w?.words.map((x) => x.text);
  assert.deepEqual(words(why.type), ['clashed with']);
  assert.deepEqual(words(why.date), ['On March 5, 2019']);
  assert.deepEqual(words(why.location), ['Mosul']);
  assert.deepEqual(words(why.fatalities), ['7']);
  assert.deepEqual(words(why.actors['org:isis']), ['IS militants']);
  assert.deepEqual(words(why.actors['org:sdf']), ['SDF fighters']);
  for (const w of [why.type, why.date, why.location, why.fatalities, why.actors['org:isis']]) {
    assert.ok(w);
    assert.equal(a.text.slice(w.sentence.start, w.sentence.end), w.sentence.text);
    for (const x of w.words) {
      assert.equal(a.text.slice(x.start, x.end), x.text, 'offsets point into the text');
      assert.ok(w.sentence.start <= x.start && x.end <= w.sentence.end, 'the words lie in the sentence');
    }
  }
});

test('a value found outside the evidence is noted; a publication date says so; bad offsets are ignored', () => {
  const ev = { ...a.result.events[0], evidence: [{ start: a.result.events[1].evidence[0].start, end: a.result.events[1].evidence[0].end }] };
  const why = valueEvidence(ev, a);
  assert.equal(why.location?.words[0].text, 'Mosul');
  assert.match(why.location?.note ?? '', /outside/);
  const pub = valueEvidence({ ...ev, date: { value: '2019-03-05', precision: 'day', fromPublication: true } }, a);
  assert.match(pub.date?.note ?? '', /publication/);
  const broken = valueEvidence({ ...ev, trigger: { start: -4, end: 99999 }, evidence: [{ start: 5, end: 2 }] }, a);
  assert.equal(broken.type, undefined);
});

test('the sentence around words stops at sentence ends and line breaks', () => {
  const t = 'First one. Second has WORD in it. Third.\nFourth';
  const at = t.indexOf('WORD');
  const r = sentenceAround(t, { start: at, end: at + 4 });
  assert.equal(t.slice(r.start, r.end), 'Second has WORD in it.');
  const f = t.indexOf('Fourth');
  assert.equal(t.slice(...Object.values(sentenceAround(t, { start: f, end: f + 3 })) as [number, number]), 'Fourth');
});
