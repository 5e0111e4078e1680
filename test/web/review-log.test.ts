import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, skipBrowser as skip, SHOTS, type Harness } from './browser.ts';

/**
 * The review log in headless Chromium: the audit log is a table of readable values (a toll as
 * "9 (8–10)", not JSON), the filter narrows it, and Undo on an event's newest change takes it back
 * (from the event page and from the review page), with the save state saying so after the redraw.
 */
let hx: Harness;
before(async () => {
  if (!skip) {
    hx = await startHarness();
    await hx.login();
  }
});
after(async () => hx?.close());

const api = async (path: string) => (await fetch(hx.base + '/api' + path)).json() as Promise<any>;

test('the audit log reads as a table, filters, and undoes the last change', { skip }, async () => {
  const { page, base, errors } = hx;
  const [a, b] = (await api('/events?type=Battles&limit=2')).items;
  const machineBest = a.fatalities?.best ?? null;
  await page.goto(base + '/#/events/' + encodeURIComponent(a.id));
  await page.waitForSelector('.edit-form');
  await page.fill('.edit-form input[name=low]', '8');
  await page.fill('.edit-form input[name=best]', '9');
  await page.fill('.edit-form input[name=high]', '10');
  await page.fill('.edit-form input[name=note]', 'ministry toll');
  await page.click('.edit-form button[type=submit]');
  await page.waitForSelector('tr.overridden[data-field=fatalities] td.value >> text=9 (8–10)');
  // The log row shows the values as the page does, not JSON.
  const row = page.locator('table.audit tr.audit-row', { hasText: 'ministry toll' });
  assert.match(await row.locator('td.after').innerText(), /^9 \(8–10\)$/);
  assert.doesNotMatch(await row.innerText(), /[{}"]/);
  // Another event, rejected, for the filter.
  await page.goto(base + '/#/events/' + encodeURIComponent(b.id));
  await page.click('button.reject');
  await page.waitForSelector('.rev-rejected');

  await page.goto(base + '/#/review');
  await page.waitForSelector('table.audit tr.audit-row');
  assert.equal(await page.locator('table.audit tr.audit-row').count(), 2);
  await page.fill('input[name=audit-filter]', 'ministry');
  await page.waitForFunction(() => document.querySelectorAll('table.audit tr.audit-row').length === 1);
  await page.fill('input[name=audit-filter]', '');
  await page.selectOption('select[name=audit-action]', 'reject');
  await page.waitForFunction(() => document.querySelectorAll('table.audit tr.audit-row').length === 1);
  assert.match(await page.locator('table.audit tr.audit-row').innerText(), /reject/);
  await shot('review-log.png');
  // Undo the reject from the review page: the event is listed again.
  await page.click(`table.audit tr.audit-row[data-event="${b.id}"] button.undo`);
  await page.waitForSelector(`table.audit tr.audit-undone[data-event="${b.id}"]`);
  assert.equal((await api('/events/' + encodeURIComponent(b.id))).review.status, 'unreviewed');

  // Undo the edit from the event page: the machine value is back, and the page says so after its redraw.
  await page.goto(base + '/#/events/' + encodeURIComponent(a.id));
  await page.click('table.audit button.undo');
  await page.waitForSelector('.review-status[data-state=saved] >> text=Undone');
  await page.waitForSelector('table.audit tr.audit-undone');
  assert.equal(await page.locator('tr.overridden[data-field=fatalities]').count(), 0);
  const now = await api('/events/' + encodeURIComponent(a.id));
  assert.equal(now.fatalities?.best ?? null, machineBest);
  assert.equal(now.review.status, 'unreviewed');
  // Nothing left to undo on it: no button.
  assert.equal(await page.locator('table.audit button.undo').count(), 0);
  assert.deepEqual(errors, []);
});

async function shot(name: string) {
  await hx.page.screenshot({ path: `${SHOTS}/${name}`, fullPage: false });
}
