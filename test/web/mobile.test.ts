import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, skipBrowser as skip, SHOTS, type Harness } from './browser.ts';

/**
 * The dashboard on a phone (390x844, touch): every nav item and the login link are on screen and
 * open their page by a tap, and no page is wider than the screen (wide tables scroll in their box).
 */
let hx: Harness;
before(async () => {
  if (!skip) hx = await startHarness(undefined, { width: 390, height: 844 });
});
after(async () => hx?.close());

test('at 390 px every nav item is on screen and opens its page; no page scrolls sideways', { skip }, async () => {
  const { browser, base, errors } = hx;
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(base + '/#/');
  await page.waitForSelector('body[data-map-ready="1"]');
  await page.screenshot({ path: `${SHOTS}/mobile.png` });
  const links = page.locator('header.top nav a, #who a');
  const n = await links.count();
  assert.ok(n >= 7, 'six nav items and the login link');
  const targets: string[] = [];
  for (let i = 0; i < n; i++) {
    const box = (await links.nth(i).boundingBox())!;
    const label = await links.nth(i).innerText();
    assert.ok(box.x >= 0 && box.x + box.width <= 390 && box.y >= 0 && box.y + box.height <= 844, `${label} is on screen (${JSON.stringify(box)})`);
    assert.ok(box.height >= 24, `${label} is big enough to tap`);
    targets.push((await links.nth(i).getAttribute('href'))!);
  }
  for (let i = 0; i < n; i++) {
    await page.locator(`header.top a[href="${targets[i]}"]`).first().tap();
    await page.waitForFunction((h) => location.hash === h || (h === '#/' && location.hash === ''), targets[i]);
    await page.waitForSelector('main h1, main .empty, main table, main form');
    await page.waitForFunction(() => !document.querySelector('main > p.loading'));
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `${targets[i]} fits the screen (${wide} px wide)`);
  }
  await ctx.close();
  assert.deepEqual(errors, []);
});
