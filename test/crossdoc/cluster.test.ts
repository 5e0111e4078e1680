import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ConflictEvent } from '../../src/doc.ts';
import { DEFAULT_RULE, bestMatch, decide, matchScore, reportFeatures } from '../../src/crossdoc/cluster.ts';
import { dateWindow, haversineKm, overlaps } from '../../src/crossdoc/dates.ts';
import { makeEvent } from '../helpers.ts';

const ev = (p: Partial<ConflictEvent>): ConflictEvent =>
  makeEvent({
    id: 'e0',
    date: { value: '2021-06-10', precision: 'day' },
    location: { name: 'Tal Afar', lat: 36.37, lon: 42.45, country: 'IQ', admin1: 'Nineveh', precision: 1 },
    actors: [
      { entity: 'org:isf', role: 'actor1' },
      { entity: 'org:isis', role: 'actor2' },
    ],
    ...p,
  });
const f = (p: Partial<ConflictEvent>, doc = 'd1', published: string | null = '2021-06-11') => reportFeatures(ev(p), doc, published);

describe('date windows', () => {
  it('a day allows a day either side; coarser dates cover their period', () => {
    assert.deepEqual(dateWindow({ value: '2021-06-10', precision: 'day' }), { lo: '2021-06-09', hi: '2021-06-11' });
    assert.deepEqual(dateWindow({ value: '2021-06', precision: 'month' }), { lo: '2021-06-01', hi: '2021-06-30' });
    assert.deepEqual(dateWindow({ value: '2024-02-11', precision: 'month' }), { lo: '2024-02-01', hi: '2024-02-29' });
    assert.deepEqual(dateWindow({ value: '2024-Q1', precision: 'quarter' }), { lo: '2024-01-01', hi: '2024-03-31' });
    assert.deepEqual(dateWindow({ value: '2019-W12', precision: 'week' }), { lo: '2019-03-18', hi: '2019-03-24' });
    assert.deepEqual(dateWindow({ value: '2017', precision: 'year' }), { lo: '2017-01-01', hi: '2017-12-31' });
    assert.equal(dateWindow({ value: 'PAST_REF', precision: 'none' }), null);
    assert.equal(dateWindow(null), null);
    assert.ok(overlaps({ lo: '2021-06-09', hi: '2021-06-11' }, { lo: '2021-06-11', hi: '2021-06-13' }));
    assert.ok(!overlaps({ lo: '2021-06-09', hi: '2021-06-11' }, { lo: '2021-06-12', hi: '2021-06-13' }));
  });
  it('haversine distance', () => {
    assert.ok(Math.abs(haversineKm(36.34, 43.13, 33.31, 44.37) - 355) < 10, 'Mosul-Baghdad about 355 km');
    assert.equal(haversineKm(10, 10, 10, 10), 0);
  });
});

describe('clustering: scored similarity with vetoes (data/cluster-weights.json)', () => {
  const base = f({}, 'd0');
  const joins = (r: ReturnType<typeof f>, c: ReturnType<typeof f>) => matchScore(r, c) >= DEFAULT_RULE.model.threshold;
  it('joins the same incident told by another document (same day, nearby place, shared actor)', () => {
    assert.ok(joins(f({}), base));
    assert.ok(joins(f({ location: { name: 'Tal Afar district', lat: 36.45, lon: 42.3, country: 'IQ', admin1: 'Nineveh', precision: 2 } }), base), 'a district-level report of the town');
    assert.ok(joins(f({ actors: [] }), base), 'a report naming no actors is not excluded by actors');
  });
  it('a type of the same family may join (an air strike on civilians is remote violence too); other families never', () => {
    assert.ok(matchScore(f({ type: 'Violence against civilians' }), base) > 0);
    assert.equal(matchScore(f({ type: 'Protests' }), base), 0);
    assert.equal(matchScore(f({ type: 'Strategic developments' }), base), 0);
  });
  it('vetoes: dates apart, far places (scaled by both precisions), the same document, aggregates, war-long and undated reports', () => {
    assert.equal(matchScore(f({ date: { value: '2021-06-16', precision: 'day' } }), base), 0);
    assert.equal(matchScore(f({ location: { name: 'Ramadi', lat: 33.42, lon: 43.3, country: 'IQ', admin1: 'Anbar', precision: 1 } }), base), 0);
    assert.equal(matchScore(f({}, 'd0'), base), 0, 'two events of one document stay two events');
    assert.equal(matchScore(f({ aggregate: true }), base), 0, 'a period summary is not a single event');
    assert.equal(matchScore(f({ date: { value: '2021', precision: 'year' } }), base), 0, 'a yearly total is not an incident');
    assert.equal(matchScore(f({ date: null }, 'd5', '2021-06-10'), base), 0, 'an undated report never joins (its window is only the publication week)');
    assert.equal(f({ date: null }, 'd7', null).window, null);
  });
  it('the same distance is near for province-level places and far for two towns', () => {
    const town = { name: 'Mosul', lat: 36.34, lon: 43.13, country: 'IQ', admin1: 'Nineveh', precision: 1 as const };
    const prov = { name: 'Nineveh', lat: 36.34, lon: 43.13, country: 'IQ', admin1: 'Nineveh', precision: 3 as const };
    assert.equal(matchScore(f({ location: town }), base), 0, 'Mosul is 60 km from Tal Afar: two towns');
    assert.ok(matchScore(f({ location: prov }), base) > 0, 'a province-level report may be the Tal Afar incident');
  });
  it('a shared figure raises the score; a named perpetrator that differs lowers it', () => {
    const plain = matchScore(f({}), base);
    const withFigure = matchScore(f({ counts: { killed: 7 } as any }), reportFeatures(ev({ counts: { killed: 7 } as any }), 'd0', '2021-06-11'));
    assert.ok(withFigure > plain);
    const other = f({ actors: [{ entity: 'org:pkk', role: 'actor1' }, { entity: 'org:turkish-army', role: 'actor2' }] });
    assert.ok(matchScore(other, base) < plain);
  });
  it('decide keeps the decision: the event compared with, the score, the threshold, contributions or the veto', () => {
    const r = f({}, 'dx');
    const one = { id: 'one', features: f({ date: { value: '2021-06-11', precision: 'day' } }, 'd1') };
    const two = { id: 'two', features: f({}, 'd2') };
    const { match, decision } = decide(r, [one, two]);
    assert.equal(match?.id, 'two', 'the same day scores higher than the next day');
    assert.equal(decision.joined, true);
    assert.equal(decision.eventId, 'two');
    assert.ok(decision.score >= decision.threshold && decision.contributions && decision.candidates === 2);
    const refused = decide(f({ aggregate: true }, 'dy'), [two]);
    assert.equal(refused.match, null);
    assert.equal(refused.decision.veto, 'aggregate');
    assert.equal(bestMatch(r, []), null);
  });
});

describe('an event is scored by its reports, not only its summary', () => {
  it('every report of the event must fit: the mean over its reports, a vetoed one counting 0', () => {
    const r = f({}, 'dx');
    const near = f({}, 'd1');
    const far = f({ location: { name: 'Ramadi', lat: 33.42, lon: 43.3, country: 'IQ', admin1: 'Anbar', precision: 1 } }, 'd2');
    const summary = f({}, 'd1');
    const both = { ...summary, documents: ['d1', 'd2'], reports: [near, far] };
    const close = { ...summary, documents: ['d1', 'd3'], reports: [near, f({}, 'd3')] };
    assert.ok(matchScore(r, close) > matchScore(r, both));
    assert.ok(Math.abs(matchScore(r, both) - matchScore(r, near) / 2) < 1e-9);
  });
});
