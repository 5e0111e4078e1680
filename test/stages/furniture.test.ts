import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findFurniture, withoutFurniture } from '../../src/stages/clean/furniture.ts';
import { splitSentences, caseless } from '../../src/stages/sentences/split.ts';

/** The furniture of a one-paragraph text, as the strings cut out. */
function cut(text: string): string[] {
  return findFurniture(text, { start: 0, end: text.length }).map((f) => text.slice(f.start, f.end));
}

test('a flattened tag list ends where the lead sentence opens', () => {
  const text = 'Shelling hits town. Tags Ruritania Northville shelling Blue Brigade Twelve people were killed in shelling of Northville on Monday.';
  assert.deepEqual(cut(text), ['Tags Ruritania Northville shelling Blue Brigade']);
});

test('a tag list that runs into prose with no opener is left alone', () => {
  const text = 'Tags Ruritania Northville war Government raids in a town killed people on Monday.';
  assert.deepEqual(cut(text), []);
});

test('a tag list at the end of the body runs to the end', () => {
  const text = 'Twelve people were killed in shelling of Northville on Monday, the monitor said. ' + 'x'.repeat(200) + '. Tags shelling Ruritania in the north Community standardsDiscussion Comment via Facebook';
  const f = cut(text);
  assert.equal(f.length, 1);
  assert.ok(f[0].startsWith('Tags shelling') && f[0].endsWith('Facebook'));
});

test('a photo caption is cut with its credit', () => {
  const text = 'Rockets hit the city on Monday. A boy sits on rubble in the old quarter of Northville on July 1 2016. (AFP Photo) Four people were killed, the monitor said.';
  assert.deepEqual(cut(text), ['A boy sits on rubble in the old quarter of Northville on July 1 2016. (AFP Photo)']);
  const text2 = 'Talks went on. Survivors rest inside a mosque in Northville August 21 2013. REUTERS/Jane Roe We hope the team will be given access, he said.';
  assert.deepEqual(cut(text2), ['Survivors rest inside a mosque in Northville August 21 2013. REUTERS/Jane Roe']);
});

test('an embedded tweet and a wire credit are cut', () => {
  const text =
    'Aid stopped at the border. Horrible scenes from Northville after an airstrike hit a market pic.twitter.com/AbCd12 Jane Roe (janeroe) June 12 2016 Rescue work went on through the night. ' +
    'Reporting by John Doe; Editing by Ann Poe';
  assert.deepEqual(cut(text), ['Horrible scenes from Northville after an airstrike hit a market pic.twitter.com/AbCd12 Jane Roe (janeroe) June 12 2016', 'Reporting by John Doe; Editing by Ann Poe']);
});

test('related links and copyright only end the body in its last half', () => {
  const body = 'Twelve people were killed in shelling of Northville on Monday. '.repeat(4);
  const text = body + 'Related News Town falls | Talks stall Copyright 2018 The Outlet.';
  assert.deepEqual(cut(text), ['Related News Town falls | Talks stall Copyright 2018 The Outlet.']);
  assert.deepEqual(cut('Related News at the start. ' + body), []);
});

test('plain news prose has no furniture', () => {
  const text = 'Government forces shelled Northville on Monday, killing four civilians, the Observatory said. Rebels said they had repelled an attack near the town.';
  assert.deepEqual(cut(text), []);
});

test('withoutFurniture leaves the pieces around each cut', () => {
  assert.deepEqual(withoutFurniture([{ start: 0, end: 100 }], [{ start: 10, end: 20 }, { start: 50, end: 120 }]), [
    { start: 0, end: 10 },
    { start: 20, end: 50 },
  ]);
});

test('lower-cased text still splits into sentences', () => {
  const text = 'police arrested 20 people in the old city on sunday. the curfew was lifted for two hours. mr. shah said the situation was under control.';
  const r = { start: 0, end: text.length };
  assert.ok(caseless(text, r));
  assert.deepEqual(
    splitSentences(text, r).map((s) => text.slice(s.start, s.end)),
    ['police arrested 20 people in the old city on sunday.', 'the curfew was lifted for two hours.', 'mr. shah said the situation was under control.'],
  );
  const cased = 'Police arrested 20 people. the curfew was lifted.';
  assert.equal(splitSentences(cased, { start: 0, end: cased.length }).length, 1);
});
