import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ConflictEvent } from '../../src/doc.ts';
import { bestMatch, matchScore, reportFeatures } from '../../src/crossdoc/cluster.ts';
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

describe('clustering rule', () => {
  const base = f({}, 'd0');
  it('matches the same event told by another document (next-day date, nearby place, shared actor)', () => {
    assert.ok(matchScore(f({ date: { value: '2021-06-11', precision: 'day' }, location: { name: 'Tal Afar district', lat: 36.45, lon: 42.3, country: 'IQ', admin1: null, precision: 2 } }), base) > 0);
    assert.ok(matchScore(f({ date: { value: '2021-06', precision: 'month' } }), base) > 0, 'a month-precise report fits a day inside it');
    assert.ok(matchScore(f({ actors: [] }), base) > 0, 'a report naming no actors is not excluded by actors');
  });
  it('refuses different type, far dates, far places, disjoint actors, the same document', () => {
    assert.equal(matchScore(f({ type: 'Protests' }), base), 0);
    assert.equal(matchScore(f({ date: { value: '2021-06-14', precision: 'day' } }), base), 0);
    assert.equal(matchScore(f({ location: { name: 'Ramadi', lat: 33.42, lon: 43.3, country: 'IQ', admin1: null, precision: 1 } }), base), 0);
    assert.equal(matchScore(f({ actors: [{ entity: 'org:pkk', role: 'actor1' }, { entity: 'org:turkish-army', role: 'actor2' }] }), base), 0);
    assert.equal(matchScore(f({}, 'd0'), base), 0, 'two events of one document stay two events');
    assert.equal(matchScore(f({ aggregate: true }), base), 0, 'a period summary is not a single event');
  });
  it('province-level places match within the coarse distance only', () => {
    const prov = { name: 'Nineveh', lat: 36.0, lon: 42.5, country: 'IQ', admin1: 'Nineveh', precision: 3 as const };
    assert.ok(matchScore(f({ location: prov }), base) > 0);
  });
  it('places without coordinates match on the same name only', () => {
    const a = f({ location: { name: 'Wadi Hauran', lat: null, lon: null, country: 'IQ', admin1: null, precision: 2 } });
    const b = f({ location: { name: 'Wadi Hauran', lat: null, lon: null, country: 'IQ', admin1: null, precision: 2 } }, 'd2');
    const c = f({ location: { name: 'Wadi Tharthar', lat: null, lon: null, country: 'IQ', admin1: null, precision: 2 } }, 'd3');
    assert.ok(matchScore(a, b) > 0);
    assert.equal(matchScore(a, c), 0);
  });
  it('undated reports use their publication week', () => {
    const u = f({ date: null }, 'd5', '2021-06-12');
    assert.ok(matchScore(u, base) > 0);
    assert.equal(matchScore(f({ date: null }, 'd6', '2021-07-30'), base), 0);
    assert.equal(f({ date: null }, 'd7', null).window, null);
  });
  it('prefers the candidate sharing more actors, then the nearer one', () => {
    const r = f({ actors: [{ entity: 'org:isf', role: 'actor1' }, { entity: 'org:isis', role: 'actor2' }] }, 'dx');
    const one = { id: 'one', features: f({ actors: [{ entity: 'org:isf', role: 'actor1' }, { entity: 'org:pmf', role: 'actor2' }] }, 'd1') };
    const two = { id: 'two', features: f({ location: { name: 'near', lat: 36.5, lon: 42.5, country: 'IQ', admin1: null, precision: 1 } }, 'd2') };
    const far = { id: 'far', features: f({}, 'd3') };
    assert.equal(bestMatch(r, [one, two])?.id, 'two');
    assert.equal(bestMatch(r, [two, far])?.id, 'far', 'same actors: the nearer');
    assert.equal(bestMatch(r, []), null);
  });
});
