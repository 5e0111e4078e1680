import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contradictionReal, heldOut, type IncidentLabel } from '../../src/evaluate/incidents.ts';
import type { Contradiction } from '../../src/store/types.ts';

const value = (documentId: string, v: number) => ({ value: v, low: v, high: v, text: String(v), claimant: null, claimantName: null, outlet: null, source: documentId, documentId, published: null, evidence: { start: 0, end: 0, text: '' } });
const con = (vals: Array<[string, number]>): Contradiction => ({ id: 'c', kind: 'event', unit: 'killed', eventId: 'ev', subject: null, subjectName: null, values: vals.map(([d, v]) => value(d, v)), min: 0, max: 0 });

test('a contradiction is real when two of its values are figures of one labelled incident from different claimants', () => {
  const labels = new Map<string, IncidentLabel>([
    ['a', { id: 'a', incident: 'k1', figures: [{ unit: 'killed', value: 3, claimant: 'Al-Manar', scope: 'incident' }] }],
    // `other`: a figure for another incident, counted for the incident it names.
    ['b', { id: 'b', incident: 'k2', also: ['k1'], figures: [{ unit: 'killed', value: 7, claimant: 'AFP', scope: 'other', incident: 'k1' }, { unit: 'killed', value: 70, claimant: 'SOHR', scope: 'incident' }] }],
    ['c', { id: 'c', incident: 'k1', figures: [{ unit: 'killed', value: 9, claimant: 'Al-Manar', scope: 'incident' }, { unit: 'killed', value: 2, claimant: 'x', scope: 'part' }] }],
  ]);
  assert.ok(contradictionReal(con([['a', 3], ['b', 7]]), labels));
  assert.ok(!contradictionReal(con([['a', 3], ['b', 70]]), labels), 'two incidents');
  assert.ok(!contradictionReal(con([['a', 3], ['c', 9]]), labels), 'one claimant: a revision');
  assert.ok(!contradictionReal(con([['b', 7], ['c', 2]]), labels), 'a part is not the toll');
});

test('the held-out half is a stable function of the incident key', () => {
  assert.equal(heldOut('2017-04-04-idlib-khan-sheikhoun-chemical-attack'), heldOut('2017-04-04-idlib-khan-sheikhoun-chemical-attack'));
});
