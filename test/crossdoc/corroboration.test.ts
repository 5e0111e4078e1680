import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ConflictEvent } from '../../src/doc.ts';
import { grade } from '../../src/crossdoc/corroboration.ts';
import { areCopies, fingerprint } from '../../src/crossdoc/copies.ts';
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

describe('wire copies', () => {
  const afp = 'Air strikes on the town of Maarat al-Numan killed 12 civilians on Sunday, the Syrian Observatory for Human Rights said.';
  const own = 'Twelve civilians died when warplanes bombed Maarat al-Numan, a monitoring group reported on Sunday.';
  it('the same text run by several outlets counts once, and the copies are listed', () => {
    const g = grade([
      { event: ev(), outletKey: 'outlet:a', fingerprint: fingerprint(afp), documentId: 'd1' },
      { event: ev(), outletKey: 'outlet:b', fingerprint: fingerprint(afp + ' More follows.'), documentId: 'd2' },
      { event: ev(), outletKey: 'outlet:c', fingerprint: fingerprint(afp), documentId: 'd3' },
    ]);
    assert.deepEqual([g.grade, g.outlets, g.reports], ['weak', 1, 3]);
    assert.deepEqual(g.copies, [{ outlets: ['outlet:a', 'outlet:b', 'outlet:c'], documents: ['d1', 'd2', 'd3'] }]);
    assert.match(g.reason, /wire copies counted once/);
  });
  it('two outlets writing the same facts in their own words are independent', () => {
    assert.ok(!areCopies(fingerprint(afp), fingerprint(own)));
    const g = grade([
      { event: ev(), outletKey: 'outlet:a', fingerprint: fingerprint(afp), documentId: 'd1' },
      { event: ev(), outletKey: 'outlet:b', fingerprint: fingerprint(afp), documentId: 'd2' },
      { event: ev(), outletKey: 'outlet:c', fingerprint: fingerprint(own), documentId: 'd3' },
    ]);
    assert.deepEqual([g.grade, g.outlets], ['fair', 2]);
    assert.equal(fingerprint('Too short.'), null, 'too few words to tell');
  });
});
