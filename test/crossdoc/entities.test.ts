import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { entityId, normaliseName, outletKey, placeId, slug } from '../../src/crossdoc/entities.ts';
import { summarise } from '../../src/crossdoc/summarise.ts';
import { makeEvent } from '../helpers.ts';

describe('entity resolution', () => {
  it('normalises names: case, accents, punctuation, leading article', () => {
    assert.equal(normaliseName('  The Popular  Mobilization-Forces '), 'popular mobilization forces');
    assert.equal(normaliseName('Ālbū Kamāl'), 'albu kamal');
    assert.equal(slug('Mustafa BALI'), 'mustafa-bali');
  });
  it('keeps pack ids and gives unknown entities stable ids from their names', () => {
    assert.equal(entityId({ entity: 'org:isis', type: 'ORG', name: 'Islamic State' }), 'org:isis');
    assert.equal(entityId({ entity: '', type: 'PERSON', name: 'Farhad Shami' }), 'person:farhad-shami');
    assert.equal(entityId({ entity: 'Farhad Shami', type: 'PERSON' }), 'person:farhad-shami');
    assert.equal(entityId({ type: 'ORG', text: 'the Asayish' }), 'org:asayish');
  });
  it('one place id per GeoNames feature, else country and name', () => {
    assert.equal(placeId({ geonameid: 99072, country: 'IQ', name: 'Mosul' }), 'geo:99072');
    assert.equal(placeId({ geonameid: null, country: 'SY', name: 'Al-Hol camp' }), 'place:sy:hol-camp');
  });
  it('outlet keys: outlet name, else URL host, else the document', () => {
    assert.equal(outletKey('Rudaw English', 'x.txt', 'd1'), outletKey('RUDAW  english', 'y.txt', 'd2'));
    assert.equal(outletKey(null, 'https://www.example.org/a/b', 'd1'), 'host:example.org');
    assert.equal(outletKey(null, 'local/file.txt', 'd1'), 'doc:d1');
  });
});

describe('event summary', () => {
  const ev = makeEvent;
  it('takes the finest date and place, the union of actors, the lowest figures with the range', () => {
    const s = summarise([
      { documentId: 'a', event: ev({ date: { value: '2022-05', precision: 'month' }, location: { name: 'Anbar', lat: 33.4, lon: 42.1, country: 'IQ', admin1: 'Anbar', precision: 3 }, actors: [{ entity: 'org:isf', role: 'actor1' }], fatalities: { low: 4, best: 4, high: 4 }, counts: { killed: 4, injured: null, detained: null, strikes: null, operations: null } }) },
      { documentId: 'b', event: ev({ date: { value: '2022-05-03', precision: 'day' }, location: { name: 'Rutba', lat: 33.03, lon: 40.28, country: 'IQ', admin1: 'Anbar', precision: 1 }, actors: [{ entity: 'org:isis', role: 'actor2' }], fatalities: { low: 6, best: 6, high: 8 }, counts: { killed: 6, injured: 2, detained: null, strikes: null, operations: null } }) },
    ]);
    assert.deepEqual(s.date, { value: '2022-05-03', precision: 'day' });
    assert.equal(s.location?.name, 'Rutba');
    assert.deepEqual(s.actors.map((a) => a.entity).sort(), ['org:isf', 'org:isis']);
    assert.deepEqual(s.fatalities, { low: 4, best: 4, high: 8 });
    assert.deepEqual(s.counts, { killed: 4, injured: 2 });
  });
});
