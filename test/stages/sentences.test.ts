import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences, tokenize } from '../../src/stages/sentences/split.ts';

const split = (t: string) => splitSentences(t, { start: 0, end: t.length }).map((r) => t.slice(r.start, r.end));

test('sentences do not break after ranks, titles and dotted acronyms', () => {
  assert.deepEqual(split('Lt. Gen. Paul Smith said U.S. forces left. Col. Jones agreed.'), [
    'Lt. Gen. Paul Smith said U.S. forces left.',
    'Col. Jones agreed.',
  ]);
});

test('a line break ends a sentence and quotes stay with their sentence', () => {
  assert.deepEqual(split('Headline here\n"We will win." He said.'), ['Headline here', '"We will win."', 'He said.']);
});

test('tokens keep numbers with separators and hyphenated words whole', () => {
  const t = 'About 2,500 ISIS-linked fighters remain.';
  assert.deepEqual(tokenize(t, { start: 0, end: t.length }).map((x) => x.text), ['About', '2,500', 'ISIS-linked', 'fighters', 'remain', '.']);
});
