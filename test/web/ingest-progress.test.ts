import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WARCRecord, WARCSerializer } from 'warcio';
import { startHarness, skipBrowser as skip, SHOTS, type Harness } from './browser.ts';
import { tempDir } from '../helpers.ts';

/**
 * The Ingest page's progress counts records, not files: a JSONL of 12 lines, a feed of 4 items and
 * a gzipped WARC of 3 pages (and an image and a request, which are no documents) move the bar a
 * step per document as the server streams them, each file with its own bar, and end full.
 */
let hx: Harness;
before(async () => {
  if (!skip) {
    hx = await startHarness([]);
    await hx.login();
  }
});
after(async () => hx?.close());

const enc = new TextEncoder();
const town = ['Raqqa', 'Mosul', 'Aleppo', 'Kirkuk', 'Homs', 'Tikrit'];
const story = (i: number) => `An air strike hit a market in ${town[i % town.length]} on 3 May 2019, killing ${i + 2} civilians, a monitoring group said. Record ${i}.`;

async function warcRecord(url: string, type: 'response' | 'request', body: string, contentType: string): Promise<Buffer> {
  const r = WARCRecord.create({ url, date: '2019-05-04T10:00:00Z', type, warcVersion: 'WARC/1.1', httpHeaders: { 'Content-Type': contentType } }, (async function* () {
    yield enc.encode(body);
  })());
  return Buffer.from(await WARCSerializer.serialize(r, { gzip: true }));
}

test('the bar moves a step per record of a JSONL, a feed and a WARC, and ends full', { skip }, async () => {
  const { page, base, errors } = hx;
  const dir = tempDir('sitrep-upload-');
  const jsonl = join(dir, 'wire.jsonl');
  writeFileSync(jsonl, Array.from({ length: 12 }, (_, i) => JSON.stringify({ id: `w${i}`, title: `Wire ${i}`, published: '2019-05-04', url: `https://wire.example/${i}`, text: story(i) })).join('\n') + '\n');
  const feed = join(dir, 'feed.xml');
  writeFileSync(feed, `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>${Array.from({ length: 4 }, (_, i) => `<item><title>Item ${i}</title><link>https://feed.example/${i}</link><pubDate>Sat, 04 May 2019 10:00:00 GMT</pubDate><description>${story(20 + i)}</description></item>`).join('')}</channel></rss>`);
  const warc = join(dir, 'crawl.warc.gz');
  writeFileSync(warc, Buffer.concat([
    await warcRecord('https://crawl.example/a', 'request', '', 'text/html'),
    ...(await Promise.all([0, 1, 2].map((i) => warcRecord(`https://crawl.example/${i}`, 'response', `<html><head><title>Page ${i}</title></head><body><article><p>${story(30 + i)}</p></article></body></html>`, 'text/html; charset=utf-8')))),
    await warcRecord('https://crawl.example/logo.png', 'response', 'PNGDATA', 'image/png'),
  ]));

  await page.goto(base + '/#/ingest');
  await page.waitForSelector('form.ingest');
  // Every value the bar takes, and each file bar's size when it appears.
  await page.evaluate(() => {
    const w = window as any;
    w.__bar = [];
    w.__files = [];
    new MutationObserver((list) => {
      for (const m of list) {
        const el = m.target as HTMLProgressElement;
        if (el.tagName !== 'PROGRESS') continue;
        if (el.classList.contains('file-progress')) continue;
        // Records are delivered after the task that made them: several records of one network
        // chunk are read back as the value before each change (oldValue), not the value now.
        if (m.attributeName === 'value' && m.oldValue !== null) w.__bar.push([Number(m.oldValue), el.max]);
        w.__bar.push([el.value, el.max]);
      }
      for (const f of document.querySelectorAll('progress.file-progress')) if (!(f as any).__seen) ((f as any).__seen = 1), w.__files.push(Number(f.getAttribute('max')));
    }).observe(document.getElementById('app')!, { attributes: true, subtree: true, childList: true, attributeFilter: ['value', 'max'], attributeOldValue: true });
  });
  await page.setInputFiles('input[type=file]', [jsonl, feed, warc]);
  await page.click('form.ingest button[type=submit]');
  await page.waitForSelector('.ingest-status >> text=Done:', { timeout: 120_000 });
  await page.screenshot({ path: `${SHOTS}/ingest.png` });
  const bar = (await page.evaluate(() => (window as any).__bar)) as Array<[number, number]>;
  const files = (await page.evaluate(() => (window as any).__files)) as number[];
  assert.deepEqual(files.slice(0, 2), [12, 4], 'each file bar knows its record count before the first record');
  assert.ok(files[2] >= 3, `the WARC counted through gzip (${JSON.stringify(files)})`);
  const values = [...new Set(bar.map(([v]) => v))];
  const stored = await page.locator('.ingest-records .record').count();
  // 0, then one value per record streamed back.
  assert.ok(values.length >= stored + 1, `a step per document (${values.length} distinct values for ${stored} records: ${JSON.stringify(bar)})`);
  const final = await page.locator('progress:not(.file-progress)').evaluate((el: HTMLProgressElement) => [el.value, el.max]);
  assert.equal(final[0], final[1], 'the bar ends full');
  assert.ok(stored >= 19, `every record listed (${stored})`);
  assert.deepEqual(errors, []);
});
