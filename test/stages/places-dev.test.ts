import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DEV, skipNoShared } from '../helpers.ts';
import { Context } from '../../src/context.ts';
import { Doc } from '../../src/doc.ts';
import { sentences } from '../../src/stages/sentences/index.ts';
import { places } from '../../src/stages/places/index.ts';
import { readFileSync } from 'node:fs';
import { scorer } from '../../src/evaluate/toponyms.ts';
import type { GoldDoc, Pair } from '../../src/evaluate/types.ts';
import type { DocResult } from '../../src/doc.ts';

/**
 * Smoke test on the dev sets (skipped without ../shared): the places stage alone (scan, no entity
 * mentions) on a slice of each set must resolve most matched toponyms within 161 km. The full figures
 * come from `sitrep evaluate`; this guards against a broken gazetteer or resolver.
 */
const readJsonl = <T,>(path: string): T[] => readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);

function pairs(file: string, n: number): Pair[] {
  const ctx = new Context();
  return readJsonl<GoldDoc>(join(DEV, file))
    .slice(0, n)
    .map((g) => {
      const doc = new Doc({ id: g.id, source: g.id, text: g.text, kind: 'text' });
      sentences.run(doc, ctx);
      places.run(doc, ctx);
      const pred: DocResult = { id: g.id, source: g.id, meta: { outlet: null, title: null, published: null, body: { start: 0, end: g.text.length } }, mentions: [], places: doc.places, times: [], events: [], claims: [] };
      return { gold: g, pred };
    });
}

for (const file of ['geowebnews.jsonl', 'tr-news.jsonl']) {
  test(`toponyms on ${file}: resolution and recognition well above chance`, { skip: skipNoShared }, () => {
    const m = Object.fromEntries(scorer.score(pairs(file, 40)).map((x) => [x.metric, x.value]));
    assert.ok(m['accuracy@161km (matched gold)'] >= 0.75, `accuracy@161km ${m['accuracy@161km (matched gold)']}`);
    assert.ok(m['recognition overlap F1'] >= 0.6, `overlap F1 ${m['recognition overlap F1']}`);
    assert.ok(m['accuracy@161km (all gold, miss=wrong)'] <= m['accuracy@161km (matched gold)']);
  });
}

test('the scorer: strict vs overlap matching, accuracy over matched and over all gold', () => {
  const text = 'Fighting in Deir ez-Zor and Paris.';
  const gold: GoldDoc = {
    id: 'g', text,
    toponyms: [
      { start: 12, end: 23, text: 'Deir ez-Zor', lat: 35.33, lon: 40.14 },
      { start: 28, end: 33, text: 'Paris', lat: 48.85, lon: 2.35 },
    ],
  };
  const place = (start: number, end: number, lat: number, lon: number) => ({ start, end, text: text.slice(start, end), name: 'x', lat, lon, country: null, admin1: null, geonameid: null, kind: 'city' as const });
  const pred: DocResult = { id: 'g', source: 'g', meta: { outlet: null, title: null, published: null, body: { start: 0, end: text.length } }, mentions: [], times: [], events: [], claims: [],
    places: [place(12, 16, 35.3, 40.1), place(0, 8, 0, 0)] };
  const m = Object.fromEntries(scorer.score([{ gold, pred }]).map((x) => [x.metric, x.value]));
  assert.equal(m['recognition strict P'], 0);
  assert.equal(m['recognition overlap P'], 0.5);
  assert.equal(m['recognition overlap R'], 0.5);
  assert.equal(m['accuracy@161km (matched gold)'], 1);
  assert.equal(m['accuracy@161km (all gold, miss=wrong)'], 0.5);
  assert.ok(m['mean ln(1+km) (matched gold)'] < Math.log(1 + 10));
});
