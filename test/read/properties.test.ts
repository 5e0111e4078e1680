import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeHTML } from 'entities';
import { WARCRecord, WARCSerializer } from 'warcio';
import { htmlToView } from '../../src/read/html/view.ts';
import { htmlDoc } from '../../src/read/html.ts';
import { decode } from '../../src/read/decode.ts';
import { InputError } from '../../src/read/errors.ts';
import { readFeed } from '../../src/read/feed.ts';
import { streamJsonl } from '../../src/read/records.ts';
import { streamWarc } from '../../src/read/warc.ts';
import { isErrorRecord } from '../../src/read/errors.ts';
import type { ReadItem } from '../../src/read/index.ts';
import { Doc } from '../../src/doc.ts';
import { Context } from '../../src/context.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { toResult } from '../../src/result.ts';
import { badSpans } from '../spans.ts';

/**
 * Property tests (issue 18 item 9) on the readers and the offset map. fast-check generates inputs
 * from a fixed seed (so a run is repeatable; FC_SEED overrides it) and shrinks a failure to a small
 * input. The hostile corpus (test/hostile) tries known bad inputs; these try many unknown ones.
 */

const SEED = Number(process.env.FC_SEED ?? 20261207);
const params = (numRuns: number) => ({ seed: SEED, numRuns });

// ---------- generators ----------

/** Text pieces that stress an HTML tokenizer: markup, entities, broken markup, odd characters. */
const htmlPiece = fc.oneof(
  fc.constantFrom(
    '<p>', '</p>', '<div>', '</div>', '<br>', '<br/>', '<li>', '<ul>', '</ul>', '<h1>', '</h1>', '<b>', '</b>', '<a href="x">', '</a>',
    '<script>var a = "<p>";</script>', '<style>p{}</style>', '<!-- c -->', '<!--', '-->', '<', '>', '</', '<p class="a', '"', "'",
    '&amp;', '&lt;', '&gt;', '&quot;', '&#39;', '&#x41;', '&#1234567;', '&#xFFFFFF;', '&nbsp;', '&notanentity;', '&', '&#', '&#x',
    '<meta property="article:published_time" content="2024-05-01T10:00:00Z">', '<title>T &amp; U</title>', '<head>', '</head>',
    '<time datetime="2024-05-02">May 2</time>', '<svg><text>x</text></svg>', '<pre>  a\n  b </pre>', '<textarea><p></textarea>',
    '\u00ad', '\u200b', '\ufeff', '\u202e', '\u{1F600}', '\ud800', '\r\n', '\t', ' ', '\n\n',
  ),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('Two people were killed in Aleppo on Monday.', 'Police arrested 12 protesters.', 'ISIS fighters attacked Mosul.'),
);
const htmlish = fc.array(htmlPiece, { maxLength: 40 }).map((a) => a.join(''));

/** Article-like HTML: real sentences in real markup, with noise between them. */
const SENTENCES = [
  'At least 15 civilians were killed in air strikes on the town of Hajin on Saturday, the Syrian Observatory for Human Rights said.',
  'Police arrested 12 protesters in Baghdad on Tuesday after clashes near Tahrir Square.',
  'The US-led coalition said it carried out 29 strikes on Daesh targets near Raqqa last week.',
  'Kurdish-led SDF fighters took control of the village of Baghuz, a spokesman said.',
  'Two soldiers died when a roadside bomb hit their vehicle south of Kirkuk, according to a security source.',
];
const article = fc
  .array(fc.tuple(fc.constantFrom(...SENTENCES), htmlPiece, fc.constantFrom('p', 'div', 'li', 'span', 'td')), { minLength: 1, maxLength: 6 })
  .map((parts) => `<html><head><title>Report</title></head><body>${parts.map(([s, noise, tag]) => `<${tag}>${s}</${tag}>${noise}`).join('\n')}</body></html>`);

// ---------- the offset map ----------

test('htmlToView never throws, and every view character maps inside the raw input', () => {
  fc.assert(
    fc.property(htmlish, (raw) => {
      const v = htmlToView(raw);
      for (let i = 0; i < v.text.length; i++) {
        const s = v.map.starts[i];
        const e = v.map.ends[i];
        assert.ok(Number.isInteger(s) && Number.isInteger(e) && 0 <= s && s <= e && e <= raw.length, `char ${i} maps to [${s},${e}) of ${raw.length}`);
      }
    }),
    params(600),
  );
});

test('a letter or digit of the view is its own raw character, or an entity that decodes to it', () => {
  fc.assert(
    fc.property(htmlish, (raw) => {
      const v = htmlToView(raw);
      for (let i = 0; i < v.text.length; i++) {
        const c = v.text[i];
        if (!/[\p{L}\p{N}]/u.test(c)) continue;
        const r = raw.slice(v.map.starts[i], v.map.ends[i]);
        assert.ok(r === c || (r.startsWith('&') && decodeHTML(r).includes(c)), `view char ${JSON.stringify(c)} at ${i} maps to raw ${JSON.stringify(r)}`);
      }
    }),
    params(600),
  );
});

test('Doc.toRaw turns any view range into a raw range inside the input, and keeps order and nesting', () => {
  fc.assert(
    fc.property(htmlish, fc.nat(), fc.nat(), fc.nat(), fc.nat(), (raw, a, b, c, d) => {
      const view = htmlToView(raw);
      const doc = new Doc({ id: 'p', source: 'p.html', text: raw, kind: 'html', view });
      const n = view.text.length;
      if (n === 0) return;
      // Outer range [x0, x3), inner [x1, x2) with x0 <= x1 <= x2 <= x3 <= n.
      const [x0, x1, x2, x3] = [a % (n + 1), b % (n + 1), c % (n + 1), d % (n + 1)].sort((p, q) => p - q);
      const outer = doc.toRaw({ start: x0, end: x3 });
      const inner = doc.toRaw({ start: x1, end: x2 });
      for (const r of [outer, inner]) assert.ok(0 <= r.start && r.start <= r.end && r.end <= raw.length, `raw [${r.start},${r.end}) of ${raw.length}`);
      if (x1 < x2) assert.ok(outer.start <= inner.start && inner.end <= outer.end, `[${x1},${x2}) -> [${inner.start},${inner.end}) not inside [${x0},${x3}) -> [${outer.start},${outer.end})`);
      const span = doc.rawSpan({ start: x0, end: x3 });
      assert.equal(span.text, raw.slice(span.start, span.end));
    }),
    params(600),
  );
});

test('every span of an extracted HTML article slices the raw input, whatever markup surrounds it', () => {
  const ctx = new Context();
  fc.assert(
    fc.property(article, (raw) => {
      const doc = htmlDoc(raw, { id: 'prop', source: 'prop.html' });
      const result = toResult(runPipeline(doc, ctx));
      assert.deepEqual(badSpans(result, raw), []);
    }),
    params(60),
  );
});

test('every span of an extracted plain text slices it, with odd characters and breaks anywhere', () => {
  const ctx = new Context();
  const noise = fc.constantFrom('', ' ', '\n', '\r\n', '\n\n', '\u00a0', '\u200b', '\u202e', '\u{1F4A5}', '\ufeff', '\t', '“', '”', '—');
  const text = fc
    .array(fc.tuple(fc.constantFrom(...SENTENCES), noise, fc.boolean()), { minLength: 1, maxLength: 6 })
    .map((parts) => parts.map(([s, n, lower]) => (lower ? s.toLowerCase() : s) + n).join(' '));
  fc.assert(
    fc.property(text, (raw) => {
      const doc = new Doc({ id: 'prop', source: 'prop.txt', text: raw, kind: 'text' });
      assert.deepEqual(badSpans(toResult(runPipeline(doc, ctx)), raw), []);
    }),
    params(60),
  );
});

// ---------- decoding ----------

test('decode: any bytes give text or an InputError, never another exception', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      try {
        const { text, encoding } = decode(bytes);
        assert.equal(typeof text, 'string');
        assert.equal(typeof encoding, 'string');
      } catch (e) {
        assert.ok(e instanceof InputError, `threw ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
      }
    }),
    params(1000),
  );
});

test('decode: UTF-8 text (any script, astral characters, BOM-free) comes back unchanged', () => {
  const printable = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }).filter((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s) && s.charCodeAt(0) !== 0xfeff);
  fc.assert(
    fc.property(printable, (s) => {
      assert.equal(decode(new TextEncoder().encode(s)).text, s);
    }),
    params(500),
  );
});

// ---------- records, feeds, WARC ----------

async function collect(it: AsyncIterable<ReadItem>): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const x of it) out.push(x);
  return out;
}
async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

test('JSONL: one item per non-blank line, in order, however the bytes are chunked; a bad line is an error and the rest go on', async () => {
  const good = fc.record({ id: fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() !== ''), text: fc.constantFrom(...SENTENCES) });
  const line = fc.oneof(
    good.map((r) => ({ kind: 'doc' as const, line: JSON.stringify(r) })),
    fc.constantFrom('{', '{"text": 3}', '[1,2]', 'null', '"just a string"', '{"title": "no text"}', '{"text": "   "}', 'not json at all', '{"text":"a\\ud800"}')
      .map((l) => ({ kind: 'bad' as const, line: l })),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 64 }), fc.constantFrom('\n', '\r\n'), async (lines, size, eol) => {
      const bytes = Buffer.from(lines.map((l) => l.line).join(eol) + eol, 'utf8');
      const items = await collect(streamJsonl(chunked(bytes, size), 'p.jsonl', {}));
      assert.equal(items.length, lines.length);
      items.forEach((item, i) => {
        // '{"text":"a\ud800"}' is valid JSON with a lone surrogate: still a document (or an error), never a crash.
        if (lines[i].kind === 'bad' && lines[i].line.includes('ud800')) return;
        assert.equal(isErrorRecord(item), lines[i].kind === 'bad', `line ${i + 1}: ${lines[i].line}`);
        assert.equal(isErrorRecord(item) ? item.source : (item as Doc).source, `p.jsonl#${i + 1}`);
      });
    }),
    params(200),
  );
});

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

test('feeds: every RSS item is its own document or error, with hostile titles and bodies escaped or raw', () => {
  const hostile = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('<script>alert(1)</script>', ']]>', '&amp;amp;', '\u202e', '\u{1F600}'));
  const item = fc.record({ title: hostile, body: fc.tuple(fc.constantFrom(...SENTENCES), hostile).map(([s, h]) => `${s} ${h}`), cdata: fc.boolean() });
  fc.assert(
    fc.property(fc.array(item, { minLength: 1, maxLength: 8 }), (items) => {
      const xml =
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>' +
        items
          .map((it, i) => {
            const body = it.cdata && !it.body.includes(']]>') ? `<![CDATA[<p>${it.body}</p>]]>` : xmlEscape(`<p>${it.body}</p>`);
            return `<item><title>${xmlEscape(it.title)}</title><link>https://news.example/${i}</link><description>${body}</description></item>`;
          })
          .join('') +
        '</channel></rss>';
      let out: ReadItem[];
      try {
        out = [...readFeed(Buffer.from(xml), 'p.xml', {})];
      } catch (e) {
        // Only characters XML forbids (control characters, lone surrogates) may refuse the whole feed, and clearly.
        assert.ok(e instanceof InputError, String(e));
        return;
      }
      assert.equal(out.length, items.length);
      out.forEach((x, i) => {
        if (isErrorRecord(x)) return;
        assert.equal(x.source, `https://news.example/${i}`);
        assert.ok(x.view.text.includes(items[i].body.split(' ').slice(0, 3).join(' ')), `item ${i} body lost: ${JSON.stringify(x.view.text.slice(0, 80))}`);
      });
    }),
    params(200),
  );
});

test('feeds: arbitrary bytes never throw anything but an InputError', () => {
  const junk = fc.oneof(
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
    fc.array(fc.constantFrom('<rss>', '<channel>', '<item>', '</item>', '<feed>', '<entry>', '<title>x</title>', '<description>', '&', '<!DOCTYPE x [<!ENTITY a "b">]>', '&a;', 'text'), { maxLength: 15 })
      .map((a) => Buffer.from(a.join(''))),
  );
  fc.assert(
    fc.property(junk, (bytes) => {
      try {
        for (const x of readFeed(bytes, 'p.xml', {})) assert.ok(isErrorRecord(x) || x instanceof Doc);
      } catch (e) {
        assert.ok(e instanceof InputError, `threw ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
      }
    }),
    params(500),
  );
});

const enc = new TextEncoder();
async function warcResponse(i: number): Promise<Buffer> {
  const page = `<html><head><title>Report ${i}</title></head><body><p>${SENTENCES[i % SENTENCES.length]}</p><p>Item ${i}.</p></body></html>`;
  const r = WARCRecord.create(
    { url: `https://news.example/${i}`, date: '2024-07-22T10:00:00Z', type: 'response', warcVersion: 'WARC/1.1', httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' } },
    (async function* () {
      yield enc.encode(page);
    })(),
  );
  return Buffer.from(await WARCSerializer.serialize(r, { gzip: false }));
}

test('WARC: a record cut anywhere inside its headers never swallows the records after it', async () => {
  const records = await Promise.all([0, 1, 2, 3, 4].map(warcResponse));
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 4 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 7, max: 4096 }), async (cut, where, size) => {
      const rec = records[cut];
      const headerEnd = rec.indexOf('\r\n\r\n') + 4;
      const at = 1 + Math.floor(where * (headerEnd - 2)); // a cut strictly inside the WARC header block
      const bytes = Buffer.concat([...records.slice(0, cut), rec.subarray(0, at), ...records.slice(cut + 1)]);
      const items = await collect(streamWarc(chunked(bytes, size), 'p.warc', {}));
      const urls = items.filter((x) => !isErrorRecord(x)).map((x) => (x as Doc).source);
      const want = [0, 1, 2, 3, 4].filter((i) => i !== cut).map((i) => `https://news.example/${i}`);
      assert.deepEqual(urls, want, `cut record ${cut} at byte ${at} of its ${headerEnd}-byte headers, chunks of ${size}`);
    }),
    params(150),
  );
});

test('WARC: a file cut at any byte gives every whole record before the cut, and an error or nothing for the rest', async () => {
  const records = await Promise.all([0, 1, 2].map(warcResponse));
  const whole = Buffer.concat(records);
  const ends = records.map((_, i) => records.slice(0, i + 1).reduce((n, r) => n + r.length, 0));
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: whole.length }), fc.integer({ min: 7, max: 4096 }), async (at, size) => {
      let items: ReadItem[];
      try {
        items = await collect(streamWarc(chunked(whole.subarray(0, at), size), 'p.warc', {}));
      } catch (e) {
        assert.ok(e instanceof InputError, String(e));
        return;
      }
      const urls = items.filter((x) => !isErrorRecord(x)).map((x) => (x as Doc).source);
      // A record whose bytes are all there (its trailing CRLFs aside) must come out.
      const complete = ends.filter((e) => e - 4 <= at).length;
      assert.deepEqual(urls.slice(0, complete), records.slice(0, complete).map((_, i) => `https://news.example/${i}`));
      assert.ok(urls.length <= complete + 1);
    }),
    params(150),
  );
});
