import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, skipBrowser as skip, SHOTS, type Harness } from './browser.ts';

/**
 * Lists in headless Chromium: the documents list searches (all words, in title, source or outlet)
 * and sorts by its headers, both kept in the URL; an unknown route, and a link to an event that is
 * not in the store, show a not-found page with ways back.
 */
let hx: Harness;
before(async () => {
  if (!skip) hx = await startHarness();
});
after(async () => hx?.close());

const cells = (n: number) => hx.page.locator(`table.docs tr.doc-row td:nth-child(${n})`).allInnerTexts();

test('the documents list searches and sorts, and a reload keeps both', { skip }, async () => {
  const { page, base, errors } = hx;
  await page.goto(base + '/#/documents');
  await page.waitForSelector('table.docs tr.doc-row');
  const all = await page.locator('table.docs tr.doc-row').count();
  await page.fill('input[name=q]', 'radio');
  await page.press('input[name=q]', 'Enter');
  await page.waitForURL(/#\/documents\?q=radio/);
  await page.waitForFunction(() => [...document.querySelectorAll('table.docs tr.doc-row td:nth-child(2)')].every((td) => td.textContent === 'Radio Three'));
  const radio = await page.locator('table.docs tr.doc-row').count();
  assert.ok(radio > 0 && radio < all, `the search narrows the list (${radio} of ${all})`);
  // Sort the found rows by events, most first, then reload: the same rows in the same order.
  await page.click('th[data-sort=events] button');
  await page.waitForURL(/sort=-events/);
  await page.waitForSelector('th[data-sort=events][aria-sort=descending]');
  const events = (await cells(5)).map(Number);
  assert.deepEqual(events, events.slice().sort((a, b) => b - a));
  const ids = await page.locator('table.docs tr.doc-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.id));
  await page.reload();
  await page.waitForSelector('table.docs tr.doc-row');
  assert.equal(await page.inputValue('input[name=q]'), 'radio');
  assert.deepEqual(await page.locator('table.docs tr.doc-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.id)), ids);
  // Title A-Z, then Z-A on a second click.
  await page.click('th[data-sort=title] button');
  await page.waitForSelector('th[data-sort=title][aria-sort=ascending]');
  const titles = await cells(1);
  assert.deepEqual(titles, titles.slice().sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  await page.click('th[data-sort=title] button');
  await page.waitForSelector('th[data-sort=title][aria-sort=descending]');
  await page.screenshot({ path: `${SHOTS}/documents.png` });
  // No match: says so, with the way back to all documents.
  await page.fill('input[name=q]', 'no-such-words-anywhere');
  await page.press('input[name=q]', 'Enter');
  await page.waitForSelector('.empty >> text=No document matches');
  await page.click('.empty a >> text=Show all documents');
  await page.waitForSelector('table.docs tr.doc-row');
  assert.equal(await page.locator('table.docs tr.doc-row').count(), all);
  assert.deepEqual(errors, []);
});

test('an unknown route and a missing event show a not-found page with a way back', { skip }, async () => {
  const { page, base, errors } = hx;
  await page.goto(base + '/#/documents');
  await page.waitForSelector('table.docs tr.doc-row');
  await page.goto(base + '/#/no/such/page');
  await page.waitForSelector('.not-found h1 >> text=Not found');
  assert.match(await page.locator('.not-found').innerText(), /#\/no\/such\/page/);
  await page.click('.not-found a >> text=Dashboard');
  await page.waitForSelector('table.events tr.event-row');
  await page.goto(base + '/#/events/ev_nope');
  await page.waitForSelector('.not-found h1 >> text=Not found');
  assert.match(await page.locator('.not-found').innerText(), /No such event/i);
  await page.screenshot({ path: `${SHOTS}/not-found.png` });
  await page.click('.not-found button >> text=Back');
  await page.waitForFunction(() => !location.hash.includes('ev_nope'));
  assert.deepEqual(errors, []);
});

test('the entities list opens with the most mentioned first, and searches by name', { skip }, async () => {
  const { page, base, errors } = hx;
  await page.goto(base + '/#/entities');
  await page.waitForSelector('table.entities tbody tr');
  const mentions = (await page.locator('table.entities tbody tr td:nth-child(5)').allInnerTexts()).map(Number);
  assert.deepEqual(mentions, mentions.slice().sort((a, b) => b - a));
  await page.fill('input[name=q]', 'islamic');
  await page.press('input[name=q]', 'Enter');
  await page.waitForURL(/q=islamic/);
  await page.waitForFunction(() => document.querySelectorAll('table.entities tbody tr').length === 1);
  assert.match(await page.locator('table.entities tbody tr').innerText(), /Islamic State/);
  assert.deepEqual(errors, []);
});
