import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_TOLERANCE, conflict, findContradictions, type Statement } from '../../src/crossdoc/contradictions.ts';

const st = (value: number, doc: string, p: Partial<Statement<string>> = {}): Statement<string> => ({
  key: 'org:isis',
  unit: 'fighters',
  value,
  low: p.low ?? value,
  high: p.high ?? value,
  approximate: false,
  documentId: doc,
  claimant: null,
  published: '2024-04-06',
  data: `${doc}:${value}`,
  ...p,
});

describe('contradiction tolerance', () => {
  it('7 vs 9 killed and about 2,500 vs 3,500 fighters contradict; 7 vs 8 and 100 vs 105 do not', () => {
    assert.ok(conflict(st(7, 'a'), st(9, 'b')));
    assert.ok(conflict(st(2500, 'a', { approximate: true }), st(3500, 'b')));
    assert.ok(!conflict(st(7, 'a'), st(8, 'b')));
    assert.ok(!conflict(st(100, 'a'), st(105, 'b')));
    assert.ok(!conflict(st(2500, 'a', { approximate: true }), st(2900, 'b')), 'approximate widens the tolerance');
  });
  it('overlapping ranges agree', () => {
    assert.ok(!conflict(st(3000, 'a', { low: 2500, high: 3500 }), st(3400, 'b')));
    assert.ok(conflict(st(3000, 'a', { low: 2500, high: 3500 }), st(5000, 'b')));
  });
});

describe('contradiction groups', () => {
  it('groups by subject and unit and lists who says what, ordered by value', () => {
    const gs = findContradictions([st(3500, 'b'), st(2500, 'a'), st(2500, 'c'), st(9, 'a', { unit: 'killed' }), st(10, 'c', { key: 'org:sdf' })]);
    assert.equal(gs.length, 1);
    assert.deepEqual(gs[0].statements.map((s) => s.data), ['a:2500', 'c:2500', 'b:3500']);
    assert.deepEqual([gs[0].min, gs[0].max], [2500, 3500]);
    assert.match(gs[0].id, /^con_[0-9a-f]{16}$/);
  });
  it('needs different documents or claimants', () => {
    assert.equal(findContradictions([st(7, 'a'), st(9, 'a')]).length, 0);
    assert.equal(findContradictions([st(7, 'a', { claimant: 'org:sdf' }), st(9, 'a', { claimant: 'org:sohr' })]).length, 1);
  });
  it('compares subject claims only within the time window; undated documents only with themselves', () => {
    assert.equal(findContradictions([st(2500, 'a', { published: '2017-11-09' }), st(3500, 'b', { published: '2024-04-06' })]).length, 0);
    assert.equal(findContradictions([st(2500, 'a', { published: '2024-03-20' }), st(3500, 'b', { published: '2024-04-06' })]).length, 1);
    assert.equal(findContradictions([st(2500, 'a', { published: null }), st(3500, 'b')]).length, 0);
    assert.equal(findContradictions([st(2500, 'a', { published: null }), st(3500, 'b', { published: null })], { useWindow: false }).length, 1);
  });
  it('ids are stable whatever the input order', () => {
    const xs = [st(7, 'a', { unit: 'killed', key: 'ev_1' }), st(9, 'b', { unit: 'killed', key: 'ev_1' })];
    assert.equal(findContradictions(xs)[0].id, findContradictions([...xs].reverse())[0].id);
  });
});

describe('contradictions about one incident (issue 15)', () => {
  const k = (value: number, doc: string, p: Partial<Statement<string>> = {}) => st(value, doc, { key: 'ev_1', unit: 'killed', ...p });
  it("one claimant's rising toll is a revision; different claimants contradict", () => {
    assert.equal(findContradictions([k(8, 'a', { claimant: 'org:police' }), k(12, 'b', { claimant: 'org:police' })]).length, 0);
    assert.equal(findContradictions([k(8, 'a', { claimantName: 'the Syrian Observatory for Human Rights' }), k(12, 'b', { claimantName: 'the Britain-based Observatory' })]).length, 0, 'one name inside the other is one source');
    assert.equal(findContradictions([k(8, 'a', { claimant: 'org:police' }), k(17, 'b', { claimant: 'org:monitor' })]).length, 1);
    assert.equal(findContradictions([k(8, 'a', { outlet: 'levant wire' }), k(12, 'b', { outlet: 'levant wire' })]).length, 0, 'one outlet, no claimant named: one source');
  });
  it('vague words, figures told after the lead, unattributed figures and units that are not incident counts are never compared', () => {
    const base = k(23, 'a', { claimant: 'org:monitor' });
    assert.equal(findContradictions([base, k(12, 'b', { claimant: 'org:rescue', vague: true })]).length, 0);
    assert.equal(findContradictions([base, k(120, 'b', { claimant: 'org:rescue', background: true })]).length, 0);
    assert.equal(findContradictions([base, k(31, 'b')], { attributedOnly: true }).length, 0);
    assert.equal(findContradictions([k(23, 'a', { unit: 'displaced', claimant: 'x' }), k(31, 'b', { unit: 'displaced', claimant: 'y' })], { units: ['killed'] }).length, 0);
  });
  it('a subgroup is compared with the same subgroup only (22 children vs 26 people is no contradiction)', () => {
    assert.equal(findContradictions([k(22, 'a', { claimant: 'x', group: 'children' }), k(26, 'b', { claimant: 'y' })]).length, 0);
    assert.equal(findContradictions([k(12, 'a', { claimant: 'x', group: 'children' }), k(20, 'b', { claimant: 'y', group: 'children' })]).length, 1);
  });
  it('two reports that are not one incident by themselves do not contradict, even in one event', () => {
    const gs = findContradictions([k(20, 'a', { claimant: 'x' }), k(60, 'b', { claimant: 'y' })], { oneIncident: () => false });
    assert.equal(gs.length, 0);
  });
});

describe('two kinds of act are two incidents (pack act_kinds)', () => {
  it('an air strike and a shelling of one place that day are not compared; a suicide bomb and an IED are', async () => {
    const { oneIncident } = await import('../../src/store/derive.ts');
    const { DEFAULT_RULE } = await import('../../src/crossdoc/cluster.ts');
    const side = (subtype: string, doc: string) => ({ type: 'Explosions/Remote violence', subtype, window: { lo: '2015-02-04', hi: '2015-02-06' }, lat: 33.51, lon: 36.29, geoPrecision: 1, placeName: 'damascus', admin1: 'Damascus', actors: [], aggregate: false, documents: [doc] });
    const s = (subtype: string, doc: string) => st(1, doc, { incident: side(subtype, doc) });
    const kinds = DEFAULT_TOLERANCE.actKinds;
    assert.equal(oneIncident(s('Air/drone strike', 'a'), s('Shelling/artillery/missile attack', 'b'), DEFAULT_RULE, kinds), false);
    assert.equal(oneIncident(s('Suicide bomb', 'a'), s('Remote explosive/landmine/IED', 'b'), DEFAULT_RULE, kinds), true);
    assert.equal(oneIncident(s('Chemical weapon', 'a'), s('Air/drone strike', 'b'), DEFAULT_RULE, kinds), true, 'a subtype in no group fits any');
  });
  it('"state TV" and "state television" are one source', () => {
    const k = (value: number, doc: string, name: string) => st(value, doc, { key: 'ev', unit: 'killed', claimantName: name });
    assert.equal(findContradictions([k(22, 'a', 'TV'), k(31, 'b', 'Syrian state television')]).length, 0);
  });
});
