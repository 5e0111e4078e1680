import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToView } from '../../src/read/html/view.ts';
import { htmlDoc, readHtml } from '../../src/read/html.ts';
import { Context } from '../../src/context.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { clean } from '../../src/stages/clean/index.ts';
import { meta } from '../../src/stages/meta/index.ts';
import { toResult } from '../../src/result.ts';
import type { Doc } from '../../src/doc.ts';
import { newsPage, PARAGRAPHS } from './pages.ts';

/** Every view character must come from a raw range that is in order and inside the input. */
function assertMapSane(raw: string, v: { text: string; map: { starts: Int32Array; ends: Int32Array } }) {
  assert.equal(v.map.starts.length, v.text.length);
  let prev = 0;
  for (let i = 0; i < v.text.length; i++) {
    const s = v.map.starts[i];
    const e = v.map.ends[i];
    assert.ok(s >= 0 && e <= raw.length && s <= e, `char ${i} maps to ${s}-${e}`);
    assert.ok(s >= prev, `map goes backwards at ${i}`);
    prev = s;
  }
}

test('view: visible text only, entities decoded one char each, mapped back to the raw entity', () => {
  const raw = '<html><head><title>T &amp; U</title><style>p{x:1}</style></head><body><script>var a="<p>";</script><p>Fish &amp; chips&nbsp;here</p><noscript>no</noscript><template><p>tpl</p></template></body></html>';
  const v = htmlToView(raw);
  assert.equal(v.text, 'T & U\n\nFish & chips here');
  assertMapSane(raw, v);
  const amp = v.text.indexOf('&', 5);
  assert.equal(raw.slice(v.map.starts[amp], v.map.ends[amp]), '&amp;');
  assert.deepEqual(v.markup.map((m) => [m.key, m.value]), [['title', 'T & U']]);
});

test('view: block elements break lines, inline ones do not, whitespace collapses', () => {
  const v = htmlToView('<div>one\n   two</div><p>three <b>four</b><br>five</p><ul><li>a</li><li>b</li></ul>');
  assert.equal(v.text, 'one two\n\nthree four\nfive\n\na\nb');
});

test('view: meta tags and JSON-LD dates become markup with raw offsets on the attribute value', () => {
  const raw = '<head><meta property="og:site_name" content="Example News"><meta property="article:published_time" content="2024-04-06T09:00:00Z"><script type="application/ld+json">{"datePublished": "2024-04-05"}</script></head><body><p>Text.</p></body>';
  const v = htmlToView(raw);
  for (const m of v.markup) {
    const s = v.map.starts[m.start];
    const e = v.map.ends[m.end - 1];
    assert.equal(raw.slice(s, e), m.value);
  }
  assert.deepEqual(v.markup.map((m) => m.key), ['og:site_name', 'article:published_time', 'ld:datePublished']);
});

test('view: hostile and malformed HTML never throws and keeps the map sane', () => {
  const cases = [
    '',
    '<',
    '<<<>>>',
    '<p',
    '<p class="unterminated>text',
    '<!-- never closed',
    '<script>never closed',
    '<![CDATA[ x ]]> & &amp &#99999999; &#x110000; &bogus; &',
    '<div><span><b><i>deep</div></span>',
    '</p></div></body>stray closers',
    '<svg><svg><svg>hidden',
    '<head><p>text without body</p>',
    '<a href=x>unquoted</a><img src=y/><br/>',
    '\u0000\uFFFD<p>\uD800 lone surrogate</p>',
    '<' + 'div>'.repeat(10000),
    'a &amp; b'.repeat(1000),
  ];
  for (const raw of cases) {
    const v = htmlToView(raw);
    assertMapSane(raw, v);
  }
  // Random byte soup built from HTML-ish pieces.
  const pieces = ['<p>', '</p>', '<div', '>', '"', "'", '&amp;', '&', '<!--', '-->', '<script>', '</script>', 'text ', '\n', '<title>', '<meta content="x" property="og:title">', '<br/>'];
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let k = 0; k < 200; k++) {
    let raw = '';
    for (let j = 0; j < 60; j++) raw += pieces[Math.floor(rnd() * pieces.length)];
    assertMapSane(raw, htmlToView(raw));
    try {
      htmlDoc(raw, { id: 'x', source: 'x' });
    } catch (e) {
      // The only failure allowed is the per-document "no visible text" error.
      assert.equal((e as { code?: string }).code, 'empty');
    }
  }
});

function spansHold(doc: Doc) {
  const r = toResult(doc);
  const spans = [r.meta.published, r.meta.dateline].filter((s): s is { start: number; end: number; text: string } => !!s && 'start' in s);
  for (const s of spans) assert.equal(doc.text.slice(s.start, s.end), s.text);
  return r;
}

test('HTML page: Readability finds the article; body, title, outlet and date point into the raw HTML', () => {
  const raw = newsPage({ title: 'Four suspects arrested in raid south of city', site: 'Example Herald', published: '2024-04-06T10:00:00+03:00', paragraphs: PARAGRAPHS });
  const doc = htmlDoc(raw, { id: 'p1', source: 'p1.html' });
  const ctx = new Context();
  runPipeline(doc, ctx, { stages: [clean, meta] });
  const r = spansHold(doc);
  const body = raw.slice(r.meta.body.start, r.meta.body.end);
  assert.ok(body.startsWith('MOSUL, Iraq'), body.slice(0, 40));
  assert.ok(body.endsWith('investigators in the city.'), body.slice(-40));
  assert.ok(!body.includes('Another headline'), 'related links are not body');
  assert.equal(r.meta.title, 'Four suspects arrested in raid south of city');
  assert.equal(r.meta.outlet, 'Example Herald');
  assert.equal(r.meta.published && r.meta.published.value, '2024-04-06');
  assert.ok(r.meta.published && 'start' in r.meta.published && r.meta.published.text === '2024-04-06T10:00:00+03:00');
  assert.equal(r.meta.dateline?.text, 'MOSUL, Iraq –');
  // The title range of content is the visible <h1>, not the <title> tag.
  const t = doc.toRaw(doc.content[0]);
  assert.equal(raw.slice(t.start - 4, t.start), '<h1>');
  // The "today" banner above the headline is not the publication date even without meta tags.
  const bare = htmlDoc(newsPage({ title: 'Four suspects arrested in raid south of city', site: 'Example Herald', paragraphs: PARAGRAPHS }), { id: 'p2', source: 'p2.html' });
  runPipeline(bare, ctx, { stages: [clean, meta] });
  assert.equal(bare.meta.published, null);
});

test('HTML page: JSON-LD datePublished is used when there is no meta tag', () => {
  const raw = newsPage({ title: 'Checkpoint attacked overnight near the border', site: 'Example Herald', jsonLdDate: '2023-12-01T08:00:00Z', paragraphs: PARAGRAPHS });
  const doc = htmlDoc(raw, { id: 'p3', source: 'p3.html' });
  runPipeline(doc, new Context(), { stages: [clean, meta] });
  const r = spansHold(doc);
  assert.equal(r.meta.published?.value, '2023-12-01');
  assert.ok(r.meta.published && 'start' in r.meta.published && raw.slice(r.meta.published.start - 18, r.meta.published.start).includes('datePublished'));
});

test('HTML without an article (a short fragment) falls back to the text heuristics', () => {
  const raw = '<p>Home | News | World | Sport</p><h2>Army says border calm after week of clashes</h2><p>The army said on Sunday that the border area was calm after a week of clashes with smugglers.</p><p>Comments</p><p>Great article, thanks for writing this up so well.</p>';
  const doc = [...readHtml(Buffer.from(raw), 'frag.html', {})][0] as Doc;
  runPipeline(doc, new Context(), { stages: [clean, meta] });
  assert.equal(doc.slice(doc.meta.body), 'The army said on Sunday that the border area was calm after a week of clashes with smugglers.');
  assert.equal(doc.meta.title, 'Army says border calm after week of clashes');
});

test('HTML reader speed: a 35 KB page with scripts, menus and comments stays within a few ms', () => {
  const pages = Array.from({ length: 60 }, (_, i) => newsPage({ title: `Headline ${i} about a raid in the north`, site: 'Example News', paragraphs: PARAGRAPHS.map((p) => `${p} (${i})`) }));
  for (const p of pages.slice(0, 10)) htmlDoc(p, { id: 'w', source: 'w' }); // warm up the JIT
  const t = performance.now();
  for (const p of pages) htmlDoc(p, { id: 'x', source: 'x' });
  const ms = (performance.now() - t) / pages.length;
  // ~3-5 ms measured on an idle development machine (test/read/bench.ts); the bound only catches
  // pathological slowdowns (a quadratic pass), since tests may run on a loaded machine.
  assert.ok(ms < 250, `${ms.toFixed(1)} ms/doc`);
});

test('HTML in a declared legacy charset (windows-1256) is decoded with it', () => {
  const head = Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"></head><body><p>');
  // "بغداد" (Baghdad) in windows-1256.
  const arabic = Buffer.from([0xc8, 0xdb, 0xcf, 0xc7, 0xcf]);
  const doc = [...readHtml(Buffer.concat([head, arabic, Buffer.from('</p></body></html>')]), 'ar.html', {})][0] as Doc;
  assert.equal(doc.view.text, 'بغداد');
  assert.equal(doc.debug.encoding, 'windows-1256');
});

test('HTML: furniture Readability keeps at the edges of the article (share bar, tag list) is trimmed by clean', () => {
  const raw = `<html><head><title>Bridge reopens after repairs</title></head><body><div class="top">&bull; Monday, 22 July 2024 <a>Log in</a></div><div><h1>Bridge reopens after repairs</h1><div>Share | Tweet | Print</div>
<p>The bridge linking the two districts of the city reopened on Sunday after eight months of repairs, the municipality said in a statement.</p>
<p>Work had been delayed by floods in the spring and by a shortage of steel, officials said, adding that heavy trucks would remain banned until the end of the year.</p>
<p>Traffic police were deployed at both ends of the bridge to direct cars during the first days.</p>
<p>Shopkeepers on the eastern bank said they hoped customers would now return after months of quiet streets and falling sales in the markets near the river.</p>
<p>The municipality said a second bridge further north would be inspected next month.</p><div>Tags: bridge, city</div></div></body></html>`;
  const doc = htmlDoc(raw, { id: 'b', source: 'b.html' });
  runPipeline(doc, new Context(), { stages: [clean, meta] });
  const body = doc.slice(doc.meta.body);
  assert.ok(body.startsWith('The bridge linking'), body.slice(0, 30));
  assert.ok(body.endsWith('inspected next month.'), body.slice(-30));
  assert.equal(doc.content[doc.content.length - 1], doc.meta.body);
  assert.equal(doc.meta.title, 'Bridge reopens after repairs');
  assert.equal(doc.meta.published, null, 'the banner above the headline is not a publication date');
});

test('HTML: a <time datetime> in the byline gives the full date its visible text lacks', () => {
  const paras = PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n');
  const raw = `<html><head><title>Raid nets four suspects</title></head><body><nav><a>Home</a> <a>World</a></nav><article><h1>Raid nets four suspects</h1><div class="byline">By Staff Writer, <time datetime="2023-06-02T08:15:00+03:00">June 2</time></div>${paras}<p>Comments</p><div>Great story, <time datetime="2023-06-05">3 days later</time></div></article></body></html>`;
  const doc = htmlDoc(raw, { id: 't', source: 't.html' });
  runPipeline(doc, new Context(), { stages: [clean, meta] });
  const r = toResult(doc);
  assert.equal(r.meta.published?.value, '2023-06-02');
  assert.ok(r.meta.published && 'start' in r.meta.published);
  assert.equal(r.meta.published && 'start' in r.meta.published && raw.slice(r.meta.published.start, r.meta.published.end), '2023-06-02T08:15:00+03:00');
});

test('HTML: a <time> inside running text stays part of its sentence', () => {
  const v = htmlToView('<p>Gunmen attacked on <time datetime="2023-06-01">Thursday</time> night, police said.</p>');
  assert.equal(v.text, 'Gunmen attacked on Thursday night, police said.');
});

test('HTML without an article: JSON-LD at the end of <body> does not shrink the body', () => {
  const raw = '<html><head><title>Army says border calm</title></head><body><h2>Army says border calm after week of clashes</h2><p>The army said on Sunday that the border area was calm after a week of clashes with smugglers.</p><script type="application/ld+json">{"datePublished":"2022-02-02"}</script></body></html>';
  const doc = htmlDoc(raw, { id: 'j', source: 'j.html' });
  runPipeline(doc, new Context(), { stages: [clean, meta] });
  assert.equal(doc.slice(doc.meta.body), 'The army said on Sunday that the border area was calm after a week of clashes with smugglers.');
  assert.equal(doc.meta.published?.value, '2022-02-02');
});
