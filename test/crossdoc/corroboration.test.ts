import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ConflictEvent } from '../../src/doc.ts';
import { grade } from '../../src/crossdoc/corroboration.ts';
import { makeEvent } from '../helpers.ts';

const ev = (p: Partial<ConflictEvent> = {}): ConflictEvent =>
  makeEvent({
    type: 'Explosions/Remote violence',
    subtype: 'Air/drone strike',
    actors: [
      { entity: 'org:coalition', name: 'the Coalition', role: 'actor1' },
      { entity: 'org:isis', role: 'target' },
    ],
    ...p,
  });

describe('corroboration grade', () => {
  it('weak for one source, fair for two independent outlets, confirmed for three', () => {
    assert.equal(grade([{ event: ev(), outletKey: 'a' }]).grade, 'weak');
    assert.equal(grade([{ event: ev(), outletKey: 'a' }, { event: ev(), outletKey: 'a' }]).grade, 'weak', 'one outlet twice is one source');
    assert.equal(grade([{ event: ev(), outletKey: 'a' }, { event: ev(), outletKey: 'b' }]).grade, 'fair');
    const g = grade(['a', 'b', 'c'].map((o) => ({ event: ev(), outletKey: o })));
    assert.deepEqual([g.grade, g.outlets, g.reports], ['confirmed', 3, 3]);
  });
  it('confirmed when a party to the event reports it itself', () => {
    assert.equal(grade([{ event: ev({ attribution: 'the Coalition' }), outletKey: 'a' }]).grade, 'confirmed');
    assert.equal(grade([{ event: ev({ attributionEntity: 'org:coalition', attribution: 'a spokesman' }), outletKey: 'a' }]).grade, 'confirmed');
    assert.equal(grade([{ event: ev({ attribution: 'a local monitor' }), outletKey: 'a' }]).grade, 'weak');
  });
  it('contested on a denial or on different perpetrators', () => {
    const denied = grade([{ event: ev(), outletKey: 'a' }, { event: ev({ modality: 'denied' }), outletKey: 'b' }]);
    assert.equal(denied.grade, 'contested');
    assert.match(denied.reason, /deny/);
    const other = ev({ actors: [{ entity: 'org:russian-air-force', role: 'actor1' }] });
    assert.equal(grade([{ event: ev(), outletKey: 'a' }, { event: other, outletKey: 'b' }]).grade, 'contested');
  });
  it('hypothetical and future reports are not evidence', () => {
    const g = grade([{ event: ev(), outletKey: 'a' }, { event: ev({ modality: 'future' }), outletKey: 'b' }]);
    assert.deepEqual([g.grade, g.outlets], ['weak', 1]);
  });
});
