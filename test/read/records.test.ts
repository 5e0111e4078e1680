import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readInputs, type ReadItem } from '../../src/read/index.ts';
import { recordDoc, recordFormat } from '../../src/read/records.ts';
import { normalizeGivenDate } from '../../src/read/dates.ts';
import { Context } from '../../src/context.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { clean } from '../../src/stages/clean/index.ts';
import { meta } from '../../src/stages/meta/index.ts';
import { Doc } from '../../src/doc.ts';
import { tempDir } from '../helpers.ts';

async function all(paths: string[], opts = {}): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const x of readInputs(paths, opts)) out.push(x);
  return out;
}
const isDoc = (x: ReadItem): x is Doc => x instanceof Doc;

test('a plain record keeps its id, its text is the input, its date and title are given metadata', () => {
  const d = recordDoc({ id: 'a-1', text: 'Two soldiers were killed on Friday.', published: '2024-03-08', title: 'Two killed', outlet: 'rudaw.net', url: 'https://www.rudaw.net/x' }, 'f.jsonl#1');
  assert.equal(d.id, 'a-1');
  assert.equal(d.kind, 'record');
  assert.equal(d.text, 'Two soldiers were killed on Friday.');
  assert.deepEqual(d.given, { id: 'a-1', title: 'Two killed', url: 'https://www.rudaw.net/x', outlet: 'rudaw.net', published: '2024-03-08' });
  const ctx = new Context();
  runPipeline(d, ctx, { stages: [clean, meta] });
  assert.deepEqual(d.meta.published, { value: '2024-03-08', precision: 'day', evidence: 'record' });
  assert.equal(d.meta.title, 'Two killed');
  assert.equal(d.meta.outlet, 'Rudaw', 'a domain maps to the outlet of outlets.yaml');
  assert.equal(d.anchor, '2024-03-08', 'the record date is the reference for relative times');
  assert.deepEqual(d.meta.body, { start: 0, end: d.text.length });
});

test('a news-please record: maintext, date_publish, source_domain, date_download as crawl date', () => {
  const rec = {
    authors: ['Staff'],
    date_download: '2019-03-26 11:02:10',
    date_modify: null,
    date_publish: '2019-03-25 09:15:00',
    description: 'Teaser.',
    filename: 'x.json',
    image_url: null,
    language: 'en',
    localpath: null,
    maintext: 'BAGHDAD – Three rockets hit near the airport on Monday, officials said.',
    source_domain: 'www.arabnews.com',
    title: 'Rockets hit near airport',
    title_page: null,
    title_rss: null,
    url: 'https://www.arabnews.com/node/1',
  };
  assert.equal(recordFormat(rec), 'news-please');
  const d = recordDoc(rec, 'np.json');
  assert.equal(d.text, rec.maintext);
  assert.equal(d.given.published, '2019-03-25');
  assert.equal(d.given.crawled, '2019-03-26');
  runPipeline(d, new Context(), { stages: [clean, meta] });
  assert.equal(d.meta.outlet, 'Arab News');
  assert.equal(d.meta.title, 'Rockets hit near airport');
  assert.equal(d.meta.dateline?.text, 'BAGHDAD –');
  assert.equal(d.id.length, 16, 'no id in the record: the hash id');
});

test('a trafilatura record: text, date, source URL, hostname', () => {
  const rec = {
    title: 'Drone strike reported near town',
    author: null,
    hostname: 'kurdistan24.net',
    date: '2022-06-14',
    fingerprint: 'abc',
    id: null,
    license: null,
    comments: '',
    raw_text: 'A drone strike hit a car near the town on Tuesday.',
    text: 'A drone strike hit a car near the town on Tuesday.',
    language: 'en',
    source: 'https://www.kurdistan24.net/en/story/1',
    'source-hostname': 'Kurdistan24',
  };
  assert.equal(recordFormat(rec), 'trafilatura');
  const d = recordDoc(rec, 't.json');
  assert.equal(d.given.url, 'https://www.kurdistan24.net/en/story/1');
  assert.equal(d.given.published, '2022-06-14');
  runPipeline(d, new Context(), { stages: [clean, meta] });
  assert.equal(d.meta.outlet, 'Kurdistan24');
});

test('record date and a different date in the text: the record wins and debug says so', () => {
  const d = recordDoc({ id: 'c', text: 'Mon 05 Jun 2017 Blast hits market. A blast hit a market in the town on Monday, killing three.', doc_date: '2017-06-06' }, 'g.jsonl#3');
  runPipeline(d, new Context(), { stages: [clean, meta] });
  assert.equal(d.meta.published?.value, '2017-06-06');
  assert.deepEqual(d.debug.publishedConflict, { record: '2017-06-06', text: '2017-06-05', kept: 'record' });
  assert.equal((d.debug.publishedInText as { value: string }).value, '2017-06-05');
});

test('bad records: not an object, no text, text not a string, empty text', () => {
  assert.throws(() => recordDoc([1, 2], 's'), { code: 'bad_record' });
  assert.throws(() => recordDoc({ id: 'x' }, 's'), { code: 'no_text' });
  assert.throws(() => recordDoc({ text: 42 }, 's'), { code: 'bad_text' });
  assert.throws(() => recordDoc({ text: '   ' }, 's'), { code: 'empty' });
});

test('JSONL: one item per line, FILE#LINE sources, bad lines become error records and the rest go on', async () => {
  const dir = tempDir();
  const f = join(dir, 'in.jsonl');
  writeFileSync(
    f,
    [
      JSON.stringify({ id: 'r1', text: 'First report.' }),
      '',
      '{not json',
      JSON.stringify({ id: 'r4', title: 'no text here' }),
      JSON.stringify({ id: 'r5', text: ['not', 'a', 'string'] }),
      JSON.stringify({ text: 'Unnamed report with no id.' }),
    ].join('\n'),
  );
  const items = await all([f]);
  assert.equal(items.length, 5);
  assert.equal((items[0] as Doc).id, 'r1');
  assert.equal(items[0].source, `${f}#1`);
  assert.ok(!isDoc(items[1]) && items[1].error.code === 'bad_json' && items[1].source === `${f}#3`);
  assert.ok(!isDoc(items[2]) && items[2].error.code === 'no_text' && items[2].id === 'r4');
  assert.ok(!isDoc(items[3]) && items[3].error.code === 'bad_text');
  assert.ok(isDoc(items[4]) && items[4].source === `${f}#6` && /^[0-9a-f]{16}$/.test(items[4].id));
});

test('JSON file: one object or an array of records (FILE#N); gzipped JSONL streams too', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'one.json'), JSON.stringify({ id: 'solo', text: 'A single record.' }));
  writeFileSync(join(dir, 'many.json'), JSON.stringify([{ id: 'm1', text: 'One.' }, { nope: 1 }, { id: 'm3', text: 'Three.' }]));
  writeFileSync(join(dir, 'bad.json'), '{"id": "x", "text": ');
  writeFileSync(join(dir, 'z.jsonl.gz'), gzipSync(Buffer.from('{"id":"g1","text":"Gzipped one."}\n{"id":"g2","text":"Gzipped two."}\n')));
  const items = await all([join(dir, 'one.json'), join(dir, 'many.json'), join(dir, 'bad.json'), join(dir, 'z.jsonl.gz')]);
  assert.deepEqual(
    items.map((x) => (isDoc(x) ? `${x.id}@${x.source.split('/').pop()}` : `error:${x.error.code}@${x.source.split('/').pop()}`)),
    ['solo@one.json', 'm1@many.json#1', 'error:no_text@many.json#2', 'm3@many.json#3', 'error:bad_json@bad.json', 'g1@z.jsonl.gz#1', 'g2@z.jsonl.gz#2'],
  );
});

test('JSONL streams: a file with many records is read without loading it whole', async () => {
  const dir = tempDir();
  const f = join(dir, 'big.jsonl');
  const line = (i: number) => JSON.stringify({ id: `n${i}`, text: `Report number ${i}: a patrol was attacked near the village on Sunday.` });
  writeFileSync(f, Array.from({ length: 20000 }, (_, i) => line(i)).join('\n') + '\n');
  let n = 0;
  const t = performance.now();
  for await (const x of readInputs([f])) if (isDoc(x)) n++;
  const ms = performance.now() - t;
  assert.equal(n, 20000);
  assert.ok(ms < 5000, `${ms.toFixed(0)} ms for 20000 records`);
});

test('JSONL: a line longer than the size limit is an error record; the lines after it are read', async () => {
  const dir = tempDir();
  const f = join(dir, 'long.jsonl');
  const huge = JSON.stringify({ id: 'huge', text: 'x'.repeat(21 * 1024 * 1024) });
  writeFileSync(f, `${JSON.stringify({ id: 'before', text: 'Before.' })}\n${huge}\n${JSON.stringify({ id: 'after', text: 'After.' })}\n`);
  const items = await all([f]);
  assert.deepEqual(
    items.map((x) => (isDoc(x) ? x.id : `${x.error.code}@${x.source.split('#')[1]}`)),
    ['before', 'too_large@2', 'after'],
  );
});

test('given dates are normalised as written (no UTC shift) and junk is rejected', () => {
  assert.deepEqual(normalizeGivenDate('Tue, 10 Jun 2003 23:30:00 -0500'), { value: '2003-06-10', precision: 'day' });
  assert.deepEqual(normalizeGivenDate('2019-03-25T23:59:00+03:00'), { value: '2019-03-25', precision: 'day' });
  assert.deepEqual(normalizeGivenDate('June 10, 2003'), { value: '2003-06-10', precision: 'day' });
  assert.deepEqual(normalizeGivenDate('2019-03'), { value: '2019-03', precision: 'month' });
  assert.equal(normalizeGivenDate('Dec 17, 20'), null);
  assert.equal(normalizeGivenDate('2019-02-30'), null);
  assert.equal(normalizeGivenDate(null), null);
});

test('a record whose text is HTML is read through the HTML view (offsets into the field)', () => {
  const text = '<p>Gunmen attacked a checkpoint on Friday &amp; fled.</p><p>Two policemen were wounded.</p>';
  const d = recordDoc({ id: 'h', text, published: '2021-05-07' }, 'h.jsonl#1');
  assert.equal(d.kind, 'html');
  assert.equal(d.text, text);
  assert.equal(d.view.text, 'Gunmen attacked a checkpoint on Friday & fled.\n\nTwo policemen were wounded.');
  runPipeline(d, new Context(), { stages: [clean, meta] });
  assert.equal(d.meta.published?.value, '2021-05-07');
  assert.equal(d.slice(d.meta.body), d.view.text);
});

test('a cut .jsonl.gz gives the records before the cut, then one error record', async () => {
  const dir = tempDir();
  const lines = Array.from({ length: 400 }, (_, i) => JSON.stringify({ id: `z${i}`, text: `Record ${i} about a patrol near the river ${'and more words '.repeat(i % 7)}` })).join('\n');
  const gz = gzipSync(Buffer.from(lines));
  writeFileSync(join(dir, 'cut.jsonl.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
  const items = await all([join(dir, 'cut.jsonl.gz')]);
  const last = items[items.length - 1];
  assert.ok(items.length > 10 && items.slice(0, -1).every(isDoc));
  assert.ok(!isDoc(last) && last.error.code === 'bad_gzip');
});
