import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startHarness, skipBrowser as skip, SHOTS, type Harness } from './browser.ts';
import { ingestPaths } from '../../src/store/ingest.ts';

/**
 * The contradictions page in headless Chromium, on the demo reports written for the project
 * (samples/written-for-sitrep-incidents.jsonl): who says what about one incident, filtered by
 * date, place and unit, the filters kept in the URL.
 */
let hx: Harness;
before(async () => {
  if (skip) return;
  hx = await startHarness([]);
  await ingestPaths(hx.store, [join(import.meta.dirname, '../../samples/written-for-sitrep-incidents.jsonl')]);
});
after(async () => hx?.close());

test('the contradictions page lists who says what and filters by date, place and unit', { skip }, async () => {
  const { page, base, errors } = hx;
  await page.goto(base + '/#/contradictions');
  await page.waitForSelector('form.filters');
  await page.waitForSelector('text=White Dove');
  const all = await page.locator('#app a[href^="#/events/"]').count();
  assert.ok(all >= 2, `two incidents contradicted (${all})`);
  // Unit: nothing about the injured in the demo reports.
  await page.selectOption('select[name=unit]', 'injured');
  await page.click('form.filters button[type=submit]');
  await page.waitForURL(/#\/contradictions\?unit=injured/);
  await page.waitForSelector('.empty');
  // Date: only March 2018 (the Ariha market strike), and a reload keeps the filter.
  await page.goto(base + '/#/contradictions');
  await page.waitForSelector('text=White Dove');
  await page.fill('input[name=since]', '2018-03-01');
  await page.fill('input[name=until]', '2018-03-31');
  await page.click('form.filters button[type=submit]');
  await page.waitForURL(/since=2018-03-01/);
  await page.waitForFunction(() => document.querySelectorAll('#app a[href^="#/events/"]').length === 1);
  await page.reload();
  await page.waitForSelector('text=White Dove');
  assert.equal(await page.inputValue('input[name=since]'), '2018-03-01');
  assert.equal(await page.locator('#app a[href^="#/events/"]').count(), 1);
  assert.equal(await page.locator('text=Northern Syria Monitor').count() > 0, true);
  // Place: a place that is not in the demo lists nothing; the clear link shows everything again.
  await page.fill('input[name=place]', 'Mosul');
  await page.click('form.filters button[type=submit]');
  await page.waitForSelector('.empty');
  await page.click('form.filters a >> text=clear');
  await page.waitForSelector('text=White Dove');
  assert.equal(await page.locator('#app a[href^="#/events/"]').count(), all);
  await page.screenshot({ path: `${SHOTS}/contradictions-filters.png` });
  assert.deepEqual(errors, []);
});
