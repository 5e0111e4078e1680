/**
 * The contract of CONTRACT.md end to end: every span of every layer is the input's own text at
 * its offsets, for plain text, HTML (offsets into the raw HTML) and JSONL records, and every
 * document has the contract's keys.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extract } from '../src/extract.ts';
import { isErrorRecord } from '../src/read/errors.ts';
import type { DocResult } from '../src/doc.ts';
import { ROOT, tempDir } from './helpers.ts';

const KEYS = ['id', 'source', 'meta', 'mentions', 'places', 'times', 'events', 'claims'];

function checkSpans(d: DocResult, input: string): number {
  for (const k of KEYS) assert.ok(k in d, `${d.source}: missing ${k}`);
  let n = 0;
  const spans = [...d.mentions, ...d.places, ...d.times, ...d.claims];
  if (d.meta.published && 'start' in d.meta.published) spans.push(d.meta.published as never);
  if (d.meta.dateline) spans.push(d.meta.dateline as never);
  for (const s of spans) {
    assert.equal(input.slice(s.start, s.end), s.text, `${d.source}: span ${s.start}-${s.end}`);
    n++;
  }
  const ranges = [d.meta.body, ...d.claims.map((c) => c.evidence), ...d.events.flatMap((e) => e.evidence)];
  for (const r of ranges) assert.ok(r.start >= 0 && r.end <= input.length && r.start <= r.end, `${d.source}: range ${r.start}-${r.end}`);
  return n;
}

async function all(paths: string[]): Promise<DocResult[]> {
  const out: DocResult[] = [];
  for await (const r of extract(paths)) {
    assert.ok(!isErrorRecord(r), `unexpected error record ${JSON.stringify(r)}`);
    out.push(r as DocResult);
  }
  return out;
}

test('sample articles: every span is text.slice(start, end)', async () => {
  const dir = join(ROOT, 'samples');
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
  const docs = await all(files.map((f) => join(dir, f)));
  let spans = 0;
  for (const d of docs) spans += checkSpans(d, readFileSync(d.source, 'utf8'));
  assert.equal(docs.length, files.length);
  assert.ok(spans > 100, `only ${spans} spans on the samples`);
});

test('HTML input: offsets point into the raw HTML, entities and tags included', async () => {
  const dir = tempDir();
  const html = `<!doctype html><html><head><title>Clashes near Mosul &amp; Kirkuk</title>
<meta property="article:published_time" content="2023-05-02T10:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Clashes near Mosul &amp; Kirkuk</h1>
<p>MOSUL, Iraq &mdash; Iraqi forces killed <b>12</b> Islamic State fighters in clashes near Mosul on Monday, the army said.</p>
<p>According to the Interior Ministry, 30 suspects were arrested in Kirkuk province during the past week.</p>
</article><footer>Share this story</footer></body></html>`;
  const path = join(dir, 'a.html');
  writeFileSync(path, html);
  const [d] = await all([path]);
  assert.ok(checkSpans(d, html) > 3);
  assert.ok(d.places.some((p) => p.text === 'Mosul'));
});

test('JSONL records: offsets point into each record text; record ids are kept', async () => {
  const dir = tempDir();
  const recs = [
    { id: 'r1', text: 'Turkish jets struck PKK targets in northern Iraq on Tuesday, killing five militants, the ministry said.', published: '2021-06-09' },
    { id: 'r2', text: 'Protesters gathered in Beirut on Friday against the collapse of the Lebanese pound.', published: '2020-04-30' },
  ];
  const path = join(dir, 'r.jsonl');
  writeFileSync(path, recs.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const docs = await all([path]);
  assert.deepEqual(docs.map((d) => d.id), ['r1', 'r2']);
  docs.forEach((d, i) => assert.ok(checkSpans(d, recs[i].text) > 0));
});
