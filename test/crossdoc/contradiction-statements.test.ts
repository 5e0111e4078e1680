import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { leadStart, reportStatements, scopedElsewhere, vagueFigure, type ClaimOfDocument } from '../../src/store/derive.ts';
import { DEFAULT_TOLERANCE } from '../../src/crossdoc/contradictions.ts';
import { makeEvent } from '../helpers.ts';

/** The statements a report gives for contradictions (store/derive.ts): which figures are compared at all. */
describe('contradiction statements of a report', () => {
  const text = 'Regime raids on Aleppo killed 31 civilians on Friday, including 10 on a bus, and 22 children died, rescuers said. Dozens were hurt.';
  const at = (s: string) => text.indexOf(s);
  const claim = (s: string, value: number, unit = 'killed', p: Partial<ClaimOfDocument> = {}): ClaimOfDocument => ({
    start: at(s),
    end: at(s) + s.length,
    value,
    unit,
    claimant: null,
    approximate: false,
    low: value,
    high: value,
    ...p,
  });
  const report = (counts: Record<string, number | null>, start = 0) => ({
    eventId: 'ev_1',
    event: makeEvent({ counts: { killed: null, injured: null, detained: null, strikes: null, operations: null, ...counts }, evidence: [{ start, end: text.length }], date: { value: '2016-06-03', precision: 'day' } }),
    documentId: 'd1',
    source: 'a.txt',
    outlet: 'Orient Daily',
    published: '2016-06-03',
    text,
  });
  const claims = [claim('31', 31), claim('10', 10), claim('22', 22), claim('Dozens', 12, 'injured', { low: 12, high: 99 })];
  const one = (counts: Record<string, number | null>, lead?: number) =>
    reportStatements(report(counts), claims, () => null, undefined, lead, DEFAULT_TOLERANCE.partBefore, DEFAULT_TOLERANCE.subgroupAfter)[0];

  it('a whole toll is compared; a part after "including" and a vague word are not', () => {
    assert.equal(one({ killed: 31 }).vague, false);
    assert.equal(one({ killed: 10 }).vague, true, 'including 10');
    assert.equal(one({ injured: 12 }).vague, true, 'dozens');
    assert.equal(one({ killed: 5 }).vague, true, 'no words of the document say 5');
  });
  it('a subgroup figure is tagged with its group; a report told after the lead is background', () => {
    assert.equal(one({ killed: 22 }).group, 'children');
    assert.equal(one({ killed: 31 }).group, '');
    assert.equal(one({ killed: 31 }, -1).background, true);
    assert.equal(one({ killed: 31 }, 0).background, false);
    assert.equal(leadStart([makeEvent({ evidence: [{ start: 40, end: 50 }] }), makeEvent({ evidence: [{ start: 5, end: 9 }] })]), 5);
  });
  it('vague and scoped figures', () => {
    assert.ok(vagueFigure('dozens', 12, 99));
    assert.ok(!vagueFigure('12', 12, 12));
    assert.ok(!vagueFigure('seven', 7, 7), 'a number word is exact');
    assert.ok(scopedElsewhere('About 600 of the 600,000 Syrians under siege are fighters.', '600'));
    assert.ok(!scopedElsewhere('Officials said about 2,500 militants remain in 2024.', '2,500'), 'a year does not scope a figure');
  });
});
