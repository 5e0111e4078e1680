import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, skipBrowser, type Harness } from './browser.ts';
import { corpus, article, seed } from '../server/fixtures.ts';
import { FeedSite, newsItem } from '../watch/feed-server.ts';
import { Watcher } from '../../src/watch/watcher.ts';
import { StoreSink } from '../../src/watch/sink.ts';

/**
 * Live pages in headless Chromium, fed by the change stream (/api/changes/stream): a dashboard
 * left open sees "N new events" when `sitrep watch` stores a new feed item, and "Show them" merges
 * the new event into the table in place (no reload: a marker set on the window survives); an open
 * event page redraws when the event is reviewed elsewhere; the contradictions page redraws when a
 * second source disagrees. The watcher polls once per step (no timers), over loopback.
 */
if (skipBrowser) console.log(`# ${skipBrowser}`);
let hx: Harness;
let site: FeedSite;
let watcher: Watcher;

before(async () => {
  if (skipBrowser) return;
  hx = await startHarness(corpus(30, { perDoc: 3, days: 30 }));
  site = new FeedSite();
  await site.start();
  site.add(newsItem(0));
  watcher = new Watcher(hx.store, new StoreSink(hx.store), { intervalMs: 60_000, politenessMs: 0, timeoutMs: 10_000 });
});

after(async () => {
  await watcher?.stop();
  await site?.stop();
  await hx?.close();
});

test('an open dashboard shows a watched feed\'s new event and merges it in without a reload', { skip: skipBrowser }, async () => {
  const { page } = hx;
  await page.goto(hx.base + '/');
  await page.waitForSelector('body[data-map-ready="1"]');
  await page.waitForSelector('body[data-live="open"]');
  await page.evaluate(() => ((window as any).__sameDocument = true));
  const before = new Set((await hx.store.listEvents({ limit: 500 })).items.map((e) => e.id));

  await watcher.pollOnce(site.feedUrl);
  const fresh = (await hx.store.listEvents({ limit: 500 })).items.filter((e) => !before.has(e.id));
  assert.ok(fresh.length >= 1, 'the watcher stored an event');

  const banner = await page.waitForSelector('.live:not([hidden]) .live-count');
  assert.match((await banner.textContent())!, /^\d+ new events?/);
  const n = Number(await page.getAttribute('.live', 'data-count'));
  assert.equal(n, fresh.length);
  await page.click('.live .live-merge');
  const row = await page.waitForSelector(`tr.event-row[data-id="${fresh[0].id}"]`);
  assert.ok(await row.evaluate((tr) => tr.classList.contains('live-fresh')), 'the merged row is marked new');
  assert.equal(await page.evaluate(() => (window as any).__sameDocument), true, 'no page reload');
  assert.equal(await page.isHidden('.live'), true, 'the banner goes once merged');
  assert.deepEqual(hx.errors, []);
});

test('an open event page redraws when the event is reviewed elsewhere', { skip: skipBrowser }, async () => {
  const { page } = hx;
  const ev = (await hx.store.listEvents({ limit: 1 })).items[0];
  await page.goto(hx.base + '/#/events/' + encodeURIComponent(ev.id));
  await page.waitForSelector('h1');
  assert.equal(await page.locator('h1 >> text=accepted').count(), 0);
  await hx.store.review({ action: 'accept', eventId: ev.id, reviewer: 'someone-else' });
  await page.waitForSelector('h1 >> text=accepted');
  assert.deepEqual(hx.errors, []);
});

test('the contradictions page redraws when a second source disagrees', { skip: skipBrowser }, async () => {
  const { page } = hx;
  await page.goto(hx.base + '/#/contradictions');
  await page.waitForSelector('main h1 >> text=Contradictions');
  // Mark what is on screen: a redraw replaces it.
  await page.evaluate(() => (document.querySelector('main h1') as HTMLElement).setAttribute('data-drawn-before', ''));
  const twin = { day: '2019-03-15', place: 5, actor1: 0, actor2: 2, kind: 2, killed: 6 };
  await seed(hx.store, [article({ id: 'liveA', outlet: 'Outlet A', events: [twin] }), article({ id: 'liveB', outlet: 'Outlet B', events: [{ ...twin, killed: 19 }] })]);
  await page.waitForSelector('main h1:not([data-drawn-before])');
  // What the page shows is what the store holds now (the clustering rule decides how many).
  const want = (await hx.store.listContradictions()).filter((c) => c.eventId).length;
  await page.waitForFunction((n) => document.querySelectorAll('main a[href^="#/events/"]').length === n, want);
  assert.deepEqual(hx.errors, []);
});
