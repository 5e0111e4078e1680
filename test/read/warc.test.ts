import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WARCRecord, WARCSerializer } from 'warcio';
import { readInputs, type ReadItem } from '../../src/read/index.ts';
import { Doc } from '../../src/doc.ts';
import { Context } from '../../src/context.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { clean } from '../../src/stages/clean/index.ts';
import { meta } from '../../src/stages/meta/index.ts';
import { tempDir } from '../helpers.ts';
import { newsPage, PARAGRAPHS } from './pages.ts';

const enc = new TextEncoder();

async function record(url: string, type: 'response' | 'request' | 'metadata', body: string, contentType: string, gzip: boolean): Promise<Buffer> {
  const r = WARCRecord.create(
    { url, date: '2024-07-22T10:00:00Z', type, warcVersion: 'WARC/1.1', httpHeaders: type === 'metadata' ? undefined : { 'Content-Type': contentType } },
    (async function* () {
      yield enc.encode(body);
    })(),
  );
  return Buffer.from(await WARCSerializer.serialize(r, { gzip }));
}

async function crawl(gzip: boolean): Promise<Buffer[]> {
  return [
    await record('https://news.example/a', 'request', '', 'text/html', gzip),
    await record('https://news.example/a', 'response', newsPage({ title: 'Bridge reopened after repairs', site: 'Example News', published: '2024-04-06', paragraphs: PARAGRAPHS }), 'text/html; charset=utf-8', gzip),
    await record('https://news.example/logo.png', 'response', 'PNGDATA', 'image/png', gzip),
    await record('https://news.example/b', 'response', '<html><body><h1>Short</h1><p>The council met on Monday to discuss the budget for next year.</p></body></html>', 'text/html', gzip),
  ];
}

async function readBuf(name: string, buf: Buffer): Promise<ReadItem[]> {
  const f = join(tempDir(), name);
  writeFileSync(f, buf);
  const out: ReadItem[] = [];
  for await (const x of readInputs([f])) out.push(x);
  return out;
}

for (const gzip of [false, true]) {
  const ext = gzip ? '.warc.gz' : '.warc';
  test(`WARC${gzip ? ' (gzip)' : ''}: HTML responses are documents; URI is the source, WARC-Date the crawl date`, async () => {
    const items = await readBuf(`c${ext}`, Buffer.concat(await crawl(gzip)));
    assert.deepEqual(items.map((x) => x.source), ['https://news.example/a', 'https://news.example/b']);
    const [a] = items as Doc[];
    assert.equal(a.kind, 'html');
    assert.equal(a.given.crawled, '2024-07-22');
    assert.equal(a.given.published, undefined, 'a crawl date is never a publication date');
    runPipeline(a, new Context(), { stages: [clean, meta] });
    assert.equal(a.meta.published?.value, '2024-04-06');
    assert.equal(a.meta.title, 'Bridge reopened after repairs');
  });

  test(`WARC${gzip ? ' (gzip)' : ''}: a truncated record is an error record, the records before it go on`, async () => {
    const recs = await crawl(gzip);
    const whole = Buffer.concat(recs);
    const cut = whole.subarray(0, whole.length - 30);
    const items = await readBuf(`t${ext}`, cut);
    assert.ok(items[0] instanceof Doc && items[0].source === 'https://news.example/a');
    const last = items[items.length - 1];
    assert.ok(!(last instanceof Doc) && last.error.code === 'truncated', JSON.stringify(last));
  });
}

test('WARC: garbage is an error record, not a crash', async () => {
  const items = await readBuf('junk.warc', Buffer.from('this is not a warc file at all\r\n\r\n'));
  assert.equal(items.length, 1);
  assert.ok(!(items[0] instanceof Doc));
});

test('WARC: a large crawl streams in bounded memory', async () => {
  // ~100 MB: 1000 skipped 100 KB image responses around 40 HTML pages; memory must not grow with the file.
  const recs = await crawl(false);
  const image = await record('https://news.example/big.png', 'response', 'x'.repeat(100 * 1024), 'image/png', false);
  const f = join(tempDir(), 'big.warc');
  const { openSync, writeSync, closeSync, statSync } = await import('node:fs');
  const fd = openSync(f, 'w');
  for (let i = 0; i < 1000; i++) {
    writeSync(fd, image);
    if (i % 25 === 0) writeSync(fd, recs[1]);
  }
  closeSync(fd);
  assert.ok(statSync(f).size > 100_000_000);
  const before = process.memoryUsage().rss;
  let n = 0;
  let peak = before;
  for await (const x of readInputs([f])) {
    if (x instanceof Doc) n++;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  assert.equal(n, 40);
  assert.ok(peak - before < 80 * 1024 * 1024, `RSS grew by ${((peak - before) / 1048576).toFixed(0)} MB`);
});
