import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModel } from '../../src/stages/entities/model.ts';
import { nerTokenize } from '../../src/stages/entities/tokens.ts';
import { features, featureValues, shape, tokenInfo, TEMPLATES } from '../../src/stages/entities/tagger.ts';

const model = loadModel();
const words = (t: string) => nerTokenize(t, { start: 0, end: t.length }).map((x) => x.text);

test('the tokenizer splits possessives, keeps dotted abbreviations and inner hyphens, skips format characters', () => {
  assert.deepEqual(words('Lt. Gen. Smith told U.S.-led forces in al-Qaim\u200e that Lebanon’s Hezbollah left.'), [
    'Lt.', 'Gen.', 'Smith', 'told', 'U.S.-led', 'forces', 'in', 'al-Qaim', 'that', 'Lebanon', '’s', 'Hezbollah', 'left', '.',
  ]);
});

test('shapes collapse runs of character classes', () => {
  assert.equal(shape('Mosul'), 'Xx');
  assert.equal(shape('CJTF-OIR'), 'X-X');
  assert.equal(shape('2,500'), 'd,d');
  assert.equal(shape('Çavuşoğlu'), 'Xx');
});

test('training features and tagging features agree', () => {
  const info = tokenInfo(['The', 'SDF', 'said']);
  const v = new Array<string>(TEMPLATES.length * 2);
  featureValues(info, 1, 'O', '<s>', v);
  const f = features(info, 1, 'O', '<s>');
  assert.equal(f.length, TEMPLATES.length);
  assert.ok(f.includes('w=sdf') && f.includes('w-1|w=the|sdf') && f.includes('t-1=O'));
});

test('the fast tagger gives exactly what the reference implementation gives', { skip: model ? false : 'no model file' }, () => {
  for (const s of [
    'Col. John Barrow, a spokesman for the coalition, said 40 fighters were killed near Deir ez-Zor on Tuesday.',
    'The Norwegian Refugee Council and Médecins Sans Frontières reported that 3,000 people fled Raqqa.',
    'Iraqi Prime Minister Adel Karimi met President Erdogan in Ankara .',
  ]) {
    const w = words(s);
    assert.deepEqual(model!.tag(w), model!.tagSlow(w), s);
    // With lexicon classes (lexicon.ts) too: a title word, pack aliases, heads.
    const lex = w.map((x) => (/^(?:Col|Gen|Lt)\.$|^President$/.test(x) ? 'T' : /^(?:Raqqa|Ankara|Deir)$/.test(x) ? 'P:GPE' : x === 'Council' ? 'H' : '-'));
    assert.deepEqual(model!.tag(w, lex), model!.tagSlow(w, lex), s + ' (lexicon)');
  }
});
