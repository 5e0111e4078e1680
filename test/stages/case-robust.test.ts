import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Context } from '../../src/context.ts';
import { Doc, type InputKind } from '../../src/doc.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { toResult } from '../../src/result.ts';
import { caseMode } from '../../src/stages/truecase/detect.ts';

// Short articles written for these tests: a wire story with a dated dateline, and an archive
// record whose cased header line carries the date above a story the archive lower-cased.
const WIRE = `BAGHDAD, March 3, 2019 (Reuters) - Iraqi police arrested 12 Islamic State fighters in Mosul on Sunday, the Iraqi government said.
The United Nations condemned an attack in Kirkuk that killed five civilians on Saturday, the second in a week.
`;
const ARCHIVE_STORY = `New Delhi: Police arrested 40 people in Ahmedabad on Tuesday after clashes in the old city, the Gujarat government said.
The Indian army was called in to help the police restore order in the state.
`;

const ctx = new Context();

function run(text: string, kind: InputKind = 'text') {
  const doc = runPipeline(new Doc({ id: 't', source: 't', text, kind }), ctx);
  return { doc, out: toResult(doc) };
}

/** What must not depend on case: entity ids, place names, the publication date's value. */
function summary(text: string, kind: InputKind = 'text') {
  const { out } = run(text, kind);
  for (const m of [...out.mentions, ...out.places]) assert.equal(text.slice(m.start, m.end), m.text, 'offsets point into the input');
  return {
    entities: [...new Set(out.mentions.map((m) => m.entity))].sort(),
    places: [...new Set(out.places.map((p) => p.name))].sort(),
    published: out.meta.published?.value ?? null,
  };
}

test('case: a lower-cased and an all-caps wire story give the cased one\'s actors, places and publication date', () => {
  const cased = summary(WIRE);
  assert.equal(cased.published, '2019-03-03');
  for (const id of ['gpe:mosul', 'gpe:kirkuk', 'org:isis', 'org:un']) assert.ok(cased.entities.includes(id), id);
  assert.deepEqual(summary(WIRE.toLowerCase()), cased);
  assert.deepEqual(summary(WIRE.toUpperCase()), cased);
});

test('case: an archive record with a cased header line over a lower-cased story', () => {
  const header = 'This story is from March 5, 2002\n\n';
  const cased = summary(header + ARCHIVE_STORY, 'record');
  assert.equal(cased.published, '2002-03-05');
  assert.ok(cased.places.includes('Ahmedabad') && cased.places.includes('New Delhi'), cased.places.join());
  const lower = summary(header + ARCHIVE_STORY.toLowerCase(), 'record');
  assert.deepEqual(lower.places, cased.places);
  assert.equal(lower.published, cased.published);
  assert.deepEqual(summary((header + ARCHIVE_STORY).toUpperCase(), 'record'), lower);
});

test('case: the truecased view keeps the length; output spans keep the input as read', () => {
  const text = WIRE.toLowerCase();
  const { doc, out } = run(text);
  assert.equal(doc.view.text.length, text.length);
  assert.deepEqual(doc.debug.truecase, { mode: 'lower', lines: 2 });
  assert.ok(doc.view.text.startsWith('Baghdad, March 3, 2019'), doc.view.text.slice(0, 30));
  assert.equal(doc.view.text.toLowerCase(), text);
  for (const m of out.mentions) assert.equal(m.text, m.text.toLowerCase());
});

test('case: detection reads long lines; cased text and a shouted headline are left alone', () => {
  assert.equal(caseMode(WIRE), null);
  assert.equal(caseMode('IRAQI FORCES RETAKE MOSUL\n' + WIRE), null);
  assert.equal(caseMode(WIRE.toLowerCase())?.mode, 'lower');
  assert.equal(caseMode(WIRE.toUpperCase())?.mode, 'upper');
  assert.equal(caseMode('This story is from March 5, 2002\n\n' + ARCHIVE_STORY.toLowerCase())?.mode, 'lower');
  // A protest march is not a month; a month next to a day is.
  const { doc } = run('thousands joined a protest march in the city on march 12 and stayed until late that night, organisers said.');
  assert.match(doc.view.text, /a protest march in .* on March 12/);
});

test('case: a pack title before words that are not ordinary ones makes a name; an ordinary word after it does not', () => {
  const { doc, out } = run('the state chief minister rashid farouk met the minister of defence in kirkuk on monday, officials said on tuesday evening.');
  assert.match(doc.view.text, /Chief Minister Rashid Farouk met the minister of/);
  assert.ok(out.mentions.some((m) => m.type === 'PERSON' && /rashid farouk/.test(m.text)), out.mentions.map((m) => m.text).join());
});
