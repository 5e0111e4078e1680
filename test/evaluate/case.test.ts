import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recase } from '../../src/evaluate/case.ts';
import type { GoldDoc } from '../../src/evaluate/types.ts';

test('recase: text and span texts change case, offsets stay valid; a document whose length would change is left out', () => {
  const g: GoldDoc = { id: 'a', text: 'Police in Aleppo said on Monday.', title: 'Aleppo', toponyms: [{ start: 10, end: 16, text: 'Aleppo', lat: 36.2, lon: 37.2 }], doc_date: '2024-05-06' };
  const { docs, dropped } = recase([g, { id: 'b', text: 'İstanbul' }], 'lower');
  assert.equal(dropped, 1);
  assert.equal(docs.length, 1);
  const d = docs[0];
  assert.equal(d.text, 'police in aleppo said on monday.');
  assert.equal(d.title, 'aleppo');
  const t = d.toponyms![0];
  assert.equal(d.text.slice(t.start, t.end), t.text);
  assert.equal(t.lat, 36.2);
  assert.equal(d.doc_date, '2024-05-06');
  assert.equal(recase([g], 'upper').docs[0].toponyms![0].text, 'ALEPPO');
  assert.equal(g.text, 'Police in Aleppo said on Monday.', 'the input is not changed');
});
