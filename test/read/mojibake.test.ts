import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { repairMojibake, plainTextView } from '../../src/read/mojibake.ts';
import { recordDoc } from '../../src/read/records.ts';
import { htmlDoc } from '../../src/read/html.ts';
import { readText } from '../../src/read/text.ts';
import { Context } from '../../src/context.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { toResult } from '../../src/result.ts';
import { isErrorRecord } from '../../src/read/errors.ts';
import type { Doc } from '../../src/doc.ts';
import { badSpans } from '../spans.ts';

/** Text as a scraper that read UTF-8 bytes as Windows-1252 saved it. */
const misDecode = (s: string) => iconv.decode(Buffer.from(s, 'utf8'), 'windows-1252');

/** Every view character's raw range, and what the view says there. */
function pieces(doc: Doc): Array<{ view: string; raw: string }> {
  const out: Array<{ view: string; raw: string }> = [];
  for (let i = 0; i < doc.view.text.length; i++) out.push({ view: doc.view.text[i], raw: doc.rawSpan({ start: i, end: i + 1 }).text });
  return out;
}

test('mojibake: quotes, dashes and accents come back; the raw range of each is the mis-decoded run', () => {
  const raw = 'Police said it wasnâ€™t â€œroutineâ€� â€” the cafÃ© in SÃ£o Paulo was hit.';
  const fix = repairMojibake(raw);
  assert.ok(fix);
  assert.equal(fix.text, 'Police said it wasn’t “routine” — the café in São Paulo was hit.');
  const at = fix.text.indexOf('’');
  assert.equal(raw.slice(fix.starts[at], fix.ends[at]), 'â€™');
  const e = fix.text.indexOf('é');
  assert.equal(raw.slice(fix.starts[e], fix.ends[e]), 'Ã©');
  assert.equal(raw.slice(fix.starts[fix.text.length - 1], fix.ends[fix.text.length - 1]), '.');
});

test('mojibake: text mis-decoded twice, and characters outside the BMP', () => {
  assert.equal(repairMojibake(misDecode(misDecode('don’t')))?.text, 'don’t');
  const fix = repairMojibake(misDecode('a 😀 b'));
  assert.ok(fix);
  assert.equal(fix.text, 'a 😀 b');
  // Both UTF-16 units of the emoji map to the four raw characters it was read as.
  assert.equal(fix.starts[2], fix.starts[3]);
  assert.equal(fix.ends[3] - fix.starts[3], 4);
});

test('mojibake: correct text is left alone (accents, Greek, Arabic, symbols, C1-looking pairs that are not UTF-8)', () => {
  for (const s of [
    'Zürich, naïve, São Paulo, Ελλάδα, حلب, 北京, “quoted” — ok',
    'Ã alone, Â then space, Ã© is fine only as mojibake: but "Ãx" and "â€x" are not sequences',
    'Price: 5 € — 100 ¥ · © 2024 ® ™',
    'plain ASCII only',
  ]) {
    const fix = repairMojibake(s);
    if (s.startsWith('Ã alone')) assert.equal(fix?.text, 'Ã alone, Â then space, é is fine only as mojibake: but "Ãx" and "â€x" are not sequences');
    else assert.equal(fix, null, s);
  }
  assert.equal(plainTextView('nothing to do'), undefined);
});

test('mojibake: a record, a text file and an HTML page are repaired in the view; spans slice the input as read', () => {
  const ctx = new Context();
  const text = misDecode('Baghdad — Police arrested 12 protesters near the café on Tuesday, the ministry’s spokesman said. “We will not stop,” one said.');
  const rec = recordDoc({ id: 'm1', text, published: '2024-05-07' }, 'test');
  assert.ok(rec.view.text.includes('ministry’s'));
  assert.ok(rec.view.text.includes('“We will not stop,”'));
  for (const p of pieces(rec)) if (p.view !== p.raw) assert.equal(repairMojibake(p.raw)?.text, p.view);
  const r = toResult(runPipeline(rec, ctx));
  assert.deepEqual(badSpans(r, text), []);
  assert.ok(r.events.length > 0, 'the arrest is still found');

  const [fromFile] = [...readText(Buffer.from(text, 'utf8'), 'x.txt', {})];
  assert.ok(!isErrorRecord(fromFile));
  assert.equal((fromFile as Doc).view.text, rec.view.text);

  const page = `<html><head><title>Arrests in Baghdad</title></head><body><p>${text.replace('12', '12 &amp; more')}</p></body></html>`;
  const doc = htmlDoc(page, { id: 'h1', source: 'test' });
  assert.ok(doc.view.text.includes('ministry’s') && doc.view.text.includes('12 & more'));
  for (const p of pieces(doc)) {
    if (p.view === '&') assert.equal(p.raw, '&amp;');
    else if (p.view === '’') assert.equal(p.raw, 'â€™');
  }
  assert.deepEqual(badSpans(toResult(runPipeline(doc, ctx)), page), []);
});

// ---------- properties ----------

const SEED = Number(process.env.FC_SEED ?? 20261207);
const WORDS = ['police', ' ', 'arrested', '12', '.', ',', 'é', 'ü', 'ñ', '’', '“', '”', '—', '–', '€', '…', 'ß', 'Ж', 'ح', '中', '😀', 'Ä', '\n'];
const original = fc.array(fc.constantFrom(...WORDS), { maxLength: 30 }).map((a) => a.join(''));

test('property: mis-decoding then repairing gives the text back, whenever the text itself did not look mis-decoded', () => {
  fc.assert(
    fc.property(original, (s) => {
      fc.pre(repairMojibake(s) === null);
      const fix = repairMojibake(misDecode(s));
      assert.equal(fix ? fix.text : misDecode(s), s);
    }),
    { seed: SEED, numRuns: 400 },
  );
});

test('property: every view character maps to a non-empty raw range, in order, and the ranges tile the input', () => {
  const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), original.map(misDecode), fc.tuple(original, fc.string({ maxLength: 8 })).map(([a, b]) => misDecode(a) + b + misDecode(misDecode(a))));
  fc.assert(
    fc.property(anyText, (raw) => {
      const fix = repairMojibake(raw);
      if (!fix) return;
      let at = 0;
      for (let i = 0; i < fix.text.length; i++) {
        const s: number = fix.starts[i];
        const e: number = fix.ends[i];
        assert.ok(e > s, 'empty range');
        // The two halves of a surrogate pair share a range; otherwise each range starts where the last ended.
        if (i > 0 && s === fix.starts[i - 1]) continue;
        assert.equal(s, at);
        at = e;
      }
      assert.equal(at, raw.length);
    }),
    { seed: SEED, numRuns: 400 },
  );
});

test('property: through the pipeline, every span of a mis-decoded record slices the record as read', () => {
  const ctx = new Context();
  const SENTENCES = ['Police arrested 12 protesters in Baghdad on Tuesday.', 'Two people were killed in Aleppo on Monday, the Observatory’s head said.', '“We will respond,” a spokesman said — no one else.'];
  const body = fc.array(fc.tuple(fc.constantFrom(...SENTENCES), fc.constantFrom(...WORDS)), { minLength: 1, maxLength: 4 }).map((a) => a.map(([s, w]) => s + ' ' + w).join(' '));
  fc.assert(
    fc.property(body, fc.boolean(), (s, twice) => {
      const text = twice ? misDecode(misDecode(s)) : misDecode(s);
      const r = toResult(runPipeline(recordDoc({ id: 'p', text, published: '2024-05-07' }, 'test'), ctx));
      assert.deepEqual(badSpans(r, text), []);
    }),
    { seed: SEED, numRuns: 25 },
  );
});
