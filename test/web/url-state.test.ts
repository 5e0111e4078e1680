import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, skipBrowser as skip, type Harness } from './browser.ts';
import { haversineKm } from '../../src/server/query.ts';

/**
 * The dashboard's state in the URL: a filtered, sorted view reloaded from its URL shows the same
 * rows; brushing the timeline puts the dates in the URL and in the export links (the export then
 * holds only the brushed rows); Back undoes a brush; sorting pages in order; the place filters.
 */
let hx: Harness;
before(async () => {
  if (!skip) hx = await startHarness();
});
after(async () => hx?.close());

const rowIds = () => hx.page.locator('table.events tr.event-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.id));
const column = (n: number) => hx.page.locator(`table.events tr.event-row td:nth-child(${n})`).allInnerTexts();
async function ready() {
  await hx.page.waitForSelector('body[data-map-ready="1"]');
  await hx.page.waitForSelector('table.events tr.event-row, .table-box .empty');
  await hx.page.waitForFunction(() => !document.querySelector('.table-box .more .loading'));
}

test('a filtered, sorted view reloaded from its URL shows the same rows; sorting pages in order', { skip }, async () => {
  const { page, base } = hx;
  await page.goto(base + '/#/');
  await ready();
  // Sort by fatalities from the header: descending first, in the URL, and Load more continues the order.
  await page.click('th[data-sort=fatalities] button');
  await page.waitForFunction(() => location.hash.includes('sort=-fatalities'));
  await page.waitForSelector('th[data-sort=fatalities][aria-sort=descending]');
  await page.waitForFunction(() => !document.querySelector('.table-box .more .loading'));
  await page.click('button.load-more');
  await page.waitForFunction(() => Number((document.querySelector('.table-box') as HTMLElement).dataset.shown) > 50);
  const killed = (await column(5)).map((s) => (s === '—' ? -1 : Number(s.split(' ')[0])));
  assert.ok(killed.length > 50);
  for (let i = 1; i < killed.length; i++) assert.ok(killed[i - 1] >= killed[i] || killed[i] === -1, `row ${i}: ${killed[i - 1]} then ${killed[i]}`);
  await page.click('th[data-sort=fatalities] button');
  await page.waitForSelector('th[data-sort=fatalities][aria-sort=ascending]');

  // Filters through the form: a type, a division; then reload the URL.
  await page.selectOption('select[name=type]', 'Battles');
  await page.fill('input[name=admin1]', 'Nineveh');
  await page.click('form.filters button[type=submit]');
  await page.waitForFunction(() => location.hash.includes('admin1=Nineveh') && location.hash.includes('type=Battles') && location.hash.includes('sort=fatalities'));
  await ready();
  const ids = await rowIds();
  assert.ok(ids.length > 0);
  for (const loc of await column(3)) assert.match(loc, /Nineveh/);
  for (const t of await column(2)) assert.match(t, /^Battles/);
  const summary = await page.locator('.summary .count').innerText();
  await page.reload();
  await ready();
  assert.deepEqual(await rowIds(), ids);
  assert.equal(await page.locator('.summary .count').innerText(), summary);
  assert.equal(await page.inputValue('input[name=admin1]'), 'Nineveh');
  assert.deepEqual(hx.errors, []);
});

test('brushing puts the dates in the URL and the export links; the export holds only the brushed rows; Back undoes it', { skip }, async () => {
  const { page, base } = hx;
  await page.goto(base + '/#/?type=Explosions%2FRemote%20violence');
  await ready();
  const box = (await page.locator('.timeline-svg').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await page.waitForFunction(() => /since=\d{4}-\d{2}-\d{2}/.test(location.hash) && /until=/.test(location.hash));
  const hash = new URLSearchParams((await page.evaluate(() => location.hash)).split('?')[1]);
  const since = hash.get('since')!, until = hash.get('until')!;
  await page.waitForSelector(`.table-box h2 >> text=from ${since} to ${until}`);
  assert.equal(await page.inputValue('input[name=since]'), since);
  const href = (await page.locator('a.export[data-format=jsonl]').getAttribute('href'))!;
  assert.match(href, new RegExp(`since=${since}`));
  assert.match(href, /type=Explosions/);
  const rows = (await page.evaluate(async (u) => (await fetch(u)).text(), href)).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const all = await page.evaluate(async () => (await (await fetch('/api/events?type=Explosions%2FRemote%20violence&limit=500')).json()).items);
  const want = all.filter((e: any) => e.date && e.date.value >= since && e.date.value <= until).map((e: any) => e.id).sort();
  assert.ok(want.length > 0 && want.length < all.length, `${want.length} of ${all.length} brushed`);
  assert.deepEqual(rows.map((e) => e.id).sort(), want);
  // The CSV link follows too.
  assert.match((await page.locator('a.export[data-format=csv]').getAttribute('href'))!, new RegExp(`until=${until}`));

  // Reloaded from its URL: the same brush and the same note.
  const note = await page.locator('.summary .brushed').innerText();
  await page.reload();
  await ready();
  assert.equal(await page.locator('.summary .brushed').innerText(), note);
  await page.waitForSelector('.timeline-svg rect.brush');

  // Back: the view before the brush.
  await page.goBack();
  await page.waitForFunction(() => !location.hash.includes('since='));
  await ready();
  assert.equal(await page.locator('.timeline-svg rect.brush').count(), 0);
  assert.doesNotMatch((await page.locator('a.export[data-format=jsonl]').getAttribute('href'))!, /since=/);
  assert.deepEqual(hx.errors, []);
});

test('the place filter: a named place within N km; the actor box takes a name of one actor and keeps its id', { skip }, async () => {
  const { page, base } = hx;
  await page.goto(base + '/#/');
  await ready();
  await page.fill('input[name=nearName]', 'Mosul');
  await page.selectOption('select[name=km]', '50');
  await page.fill('input[name=actor]', 'Islamic State');
  await page.click('form.filters button[type=submit]');
  await page.waitForFunction(() => location.hash.includes('near=') && location.hash.includes('actor=org%3Aisis'));
  await ready();
  const hash = new URLSearchParams((await page.evaluate(() => location.hash)).split('?')[1]);
  const [lat, lon, km] = hash.get('near')!.split(',').map(Number);
  assert.equal(km, 50);
  assert.equal(hash.get('nearName'), 'Mosul');
  const ids = await rowIds();
  assert.ok(ids.length > 0);
  const events = await page.evaluate(async (list) => Promise.all(list.map(async (id) => (await fetch('/api/events/' + encodeURIComponent(id!))).json())), ids);
  for (const e of events) {
    assert.ok(haversineKm(lat, lon, e.location.lat, e.location.lon) <= 50, `${e.location.name} within 50 km`);
    assert.ok(e.actors.some((a: any) => a.entity === 'org:isis'));
  }
  // A name that is no actor is refused at the field, not searched as a fragment.
  await page.fill('input[name=actor]', 'isis');
  await page.click('form.filters button[type=submit]');
  await page.waitForSelector('input[name=actor][aria-invalid=true]');
  await page.waitForSelector('.filter-error >> text=No actor is named');
  assert.deepEqual(hx.errors, []);
});
