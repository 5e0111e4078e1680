import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync, writeFileSync, mkdirSync, readFileSync, statSync, copyFileSync, renameSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openStore, type SqliteStore } from '../../src/store/index.ts';
import { Accounts } from '../../src/server/accounts.ts';
import { buildServer } from '../../src/server/app.ts';
import { ROOT, HAS_SHARED, SEEDS, tempDir } from '../helpers.ts';
import { corpus, seed, hostileArticle, article } from '../server/fixtures.ts';

/**
 * End to end in headless Chromium (the Debian package, driven by playwright-core): ingest the
 * sample articles from the UI, see markers on the map, brush the timeline, open an article and
 * see its highlighted spans, log in, edit an event and find the edit in the audit log and the
 * export. Screenshots of each page go to docs/screenshots/. Also measures the dashboard's first
 * meaningful paint with 10,000 events (printed, not asserted).
 */
const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `needs ${CHROMIUM} (apt-get install chromium); browser tests skipped`;
if (skip) console.log(`# ${skip}`);
/**
 * Screenshots: into docs/screenshots/ when SITREP_SCREENSHOTS=1 (to refresh the README's), else
 * into a temp folder, so a plain `npm test` leaves the work tree clean.
 */
const SHOTS = process.env.SITREP_SCREENSHOTS === '1' ? join(ROOT, 'docs/screenshots') : join(tmpdir(), 'sitrep-screenshots');
if (!skip) console.log(`# screenshots -> ${SHOTS}`);
const USER = { username: 'analyst', password: 'correct horse battery' };

let dir: string;
/** The 10k-event store is built in a child process while the other tests run (about 10-20 s of CPU). */
let bigSeed: Promise<{ path: string; dir: string; events: number; ms: number }> | null = null;
let store: SqliteStore;
let app: FastifyInstance;
let base: string;
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

before(async () => {
  if (skip) return;
  bigSeed = seedBigStore();
  const { chromium } = await import('playwright-core');
  dir = tempDir('sitrep-web-');
  mkdirSync(SHOTS, { recursive: true });
  store = openStore(join(dir, 'web.db')) as SqliteStore;
  const accounts = new Accounts(store);
  await accounts.create(USER.username, USER.password);
  await seed(store, corpus(240, { perDoc: 4, days: 120 }));
  await seed(store, [hostileArticle()]);
  // One event told by two outlets: the split/merge test takes it apart and puts it back.
  const twin = { day: '2019-07-15', place: 6, actor1: 0, actor2: 2, kind: 2, killed: 6 };
  await seed(store, [article({ id: 'twinA', outlet: 'Outlet A', events: [twin] }), article({ id: 'twinB', outlet: 'Outlet B', events: [{ ...twin, killed: 9 }] })]);
  app = await buildServer({ store, accounts });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  ctx = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', (d) => {
    pageErrors.push('dialog opened: ' + d.message());
    d.dismiss();
  });
  // Everything must be served by us: no request may leave for the internet.
  await ctx.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => {
    pageErrors.push('external request: ' + route.request().url());
    route.abort();
  });
});

after(async () => {
  await browser?.close();
  await app?.close();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function shot(name: string, p: Page = page) {
  await p.screenshot({ path: join(SHOTS, name), fullPage: true });
}

async function login(p: Page) {
  await p.goto(base + '/#/login');
  await p.fill('input[name=username]', USER.username);
  await p.fill('input[name=password]', USER.password);
  await p.click('form.login button[type=submit]');
  await p.waitForSelector('#who >> text=' + USER.username);
}

/** The sample articles: the project's samples/, else ../shared seeds, else two written here. */
function sampleFiles(): string[] {
  for (const d of [join(ROOT, 'samples'), HAS_SHARED ? SEEDS : '']) {
    if (d && existsSync(d)) {
      const files = readdirSync(d).filter((f) => /\.(txt|html?)$/.test(f)).map((f) => join(d, f));
      if (files.length) return files.slice(0, 8);
    }
  }
  const a = join(dir, 'a.txt');
  writeFileSync(a, 'BAGHDAD, 4 March 2019 - Militants attacked a checkpoint near Mosul on Tuesday, killing three soldiers.\n');
  const b = join(dir, 'b.txt');
  writeFileSync(b, 'RAQQA, 6 March 2019 - Two air strikes hit a village east of Raqqa, a monitoring group said.\n');
  return [a, b];
}

test('log in and ingest the sample articles from the UI, with progress', { skip }, async () => {
  await page.goto(base + '/#/ingest');
  await page.waitForSelector('text=Log in to add articles');
  await shot('login-needed.png');
  await login(page);
  await shot('login.png');
  await page.goto(base + '/#/ingest');
  const files = sampleFiles();
  await page.setInputFiles('input[type=file]', files);
  await page.click('form.ingest button[type=submit]');
  await page.waitForSelector('.ingest-status >> text=Done:', { timeout: 60_000 });
  const lines = await page.locator('.ingest-results li').count();
  assert.equal(lines, files.length);
  // Each file ends done or with its error shown (the pipeline is others' work in progress: its
  // failures are reported here, not hidden, and do not fail this test of the UI).
  const failed = await page.locator('.ingest-results li.failed').allInnerTexts();
  if (failed.length) console.log(`note: ${failed.length} sample(s) failed extraction, shown in the UI:\n${failed.join('\n')}`);
  for (const f of failed) assert.match(f, /failed|error/i);
  assert.ok((await page.locator('.ingest-results li.done').count()) >= 1, 'at least one sample ingested');
  assert.equal(await page.locator('progress').getAttribute('value'), String(files.length));
  await shot('ingest.png');

  // Pasted HTML: extracted through the HTML reader, shown as text (tags dropped, script inert).
  await page.goto(base + '/#/documents');
  await page.goto(base + '/#/ingest');
  await page.waitForSelector('form.ingest textarea');
  const html = '<html><head><title>Strike near Raqqa</title></head><body><article><h1>Strike near Raqqa</h1><p>An air strike hit a village east of Raqqa on 3 May 2019, killing four civilians, a monitoring group said.</p><script>window.__pwned = 7</script><img src=x onerror="window.__pwned = 8"></article></body></html>';
  await page.fill('form.ingest textarea', html);
  await page.fill('form.ingest input[name=source]', 'https://example.org/strike');
  await page.click('form.ingest button[type=submit]');
  await page.waitForSelector('.ingest-status >> text=Done:');
  assert.equal(await page.locator('.ingest-results li.done').count(), 1, await page.locator('.ingest-results').innerText());
  await page.locator('.ingest-results li.done a').first().click();
  await page.waitForSelector('.doc-text');
  const shown = await page.locator('.doc-text').innerText();
  assert.match(shown, /air strike hit a village east of Raqqa/);
  assert.ok(!shown.includes('<p>') && !shown.includes('<script'), shown);
  assert.equal(await page.evaluate(() => (window as any).__pwned), undefined);
  await shot('document-html.png');
  // The ingested articles are listed among the documents.
  await page.goto(base + '/#/documents');
  await page.waitForSelector('tr.doc-row');
  await shot('documents.png');
});

test('the dashboard shows markers and brushing the timeline filters map and table', { skip }, async () => {
  await page.goto(base + '/#/');
  await page.waitForSelector('body[data-map-ready="1"]');
  const drawn = async () =>
    page.evaluate(() => {
      let n = document.querySelectorAll('.marks .marker').length;
      for (const c of document.querySelectorAll<SVGElement>('.marks .cluster')) n += Number(c.dataset.count);
      return n;
    });
  const before = await drawn();
  assert.ok(before > 100, `markers drawn: ${before}`);
  assert.ok((await page.locator('.map .country').count()) > 100, 'country outlines');
  await page.waitForSelector('table.events tr.event-row');
  // The first view is the region the events are in, with its place labels (loaded after the first draw).
  await page.waitForSelector('.map .labels .label-admin1');
  await shot('dashboard.png');
  await page.locator('.map').screenshot({ path: join(SHOTS, 'map.png') });

  // A click on a cluster zooms in and shows single markers.
  await page.locator('.marks .cluster').first().dispatchEvent('click');
  await page.waitForTimeout(100);
  // Drag across the timeline around its busiest bar.
  const box = (await page.locator('.timeline-svg').boundingBox())!;
  const peak = await page.evaluate(() => {
    let best = { x: 0, h: -1 };
    for (const r of document.querySelectorAll<SVGRectElement>('.timeline-svg rect.bar')) {
      const h = Number(r.getAttribute('height'));
      if (h > best.h) best = { x: Number(r.getAttribute('x')), h };
    }
    return best.x;
  });
  await page.mouse.move(box.x + Math.max(2, peak - 40), box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + peak, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + Math.min(box.width - 2, peak + 40), box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.waitForSelector('.timeline-label >> text=Showing');
  await page.click('.map-controls button[title="fit to events"]');
  await page.waitForTimeout(100);
  const after = await drawn();
  assert.ok(after > 0 && after < before, `brushed map shows fewer events: ${after} < ${before}`);
  await page.waitForSelector('.table-box h2 >> text=from');
  const heading = await page.locator('.table-box h2').innerText();
  const [, since, until] = /from (\S+) to (\S+)/.exec(heading)!;
  const dates = await page.locator('table.events tr.event-row td:first-child').allInnerTexts();
  assert.ok(dates.length > 0);
  for (const d of dates) assert.ok(d >= since && d <= until, `${d} within ${since}..${until}`);
  await shot('dashboard-brushed.png');
  // Stray dates far from the rest are charted on demand only.
  const all = page.locator('.timeline-label button', { hasText: 'show all dates' });
  if (await all.count()) {
    await all.click();
    await page.waitForSelector('.timeline-label button >> text=focus on the busiest period');
  }

  // The table follows the map view on request.
  await page.click('button.in-view');
  await page.waitForSelector('.table-box h2 >> text=in the map view');
  await page.waitForSelector('table.events tr.event-row');

  // A click on a marker shows the event beside the map.
  await page.locator('.marks .marker').first().click();
  await page.waitForSelector('.side a.button >> text=Open event');

  // Filters narrow everything to one type.
  await page.goto(base + '/#/?type=Battles');
  await page.waitForSelector('body[data-map-ready="1"]');
  await page.waitForSelector('table.events tr.event-row');
  const types = await page.locator('table.events tr.event-row td:nth-child(2)').allInnerTexts();
  assert.ok(types.every((t) => t.startsWith('Battles')), types.join('|'));
});

test('a document page highlights every span; hover shows the value; click jumps; hostile text stays text', { skip }, async () => {
  const docs = (await (await fetch(base + '/api/documents?limit=1')).json()) as { items: Array<{ id: string }> };
  await page.goto(base + '/#/documents/' + docs.items[0].id);
  await page.waitForSelector('.doc-text .hl');
  for (const k of ['mention', 'place', 'time', 'event', 'claim']) assert.ok((await page.locator('.doc-text .hl-' + k).count()) > 0, `${k} highlighted`);
  const place = page.locator('.doc-text .hl-place').first();
  await place.hover();
  await page.waitForSelector('.span-tip:not([hidden]) >> text=Place:');
  await shot('document-fixture.png');
  // The screenshot of a real article: an ingested sample with the most events, when there is one.
  const all = (await (await fetch(base + '/api/documents?limit=500')).json()) as { items: Array<{ id: string; source: string; counts: { events: number } }> };
  const real = all.items.filter((x) => !x.source.startsWith('fixture://')).sort((a, b) => b.counts.events - a.counts.events)[0];
  if (real) {
    await page.goto(base + '/#/documents/' + real.id);
    await page.waitForSelector('.doc-text');
    const p1 = page.locator('.doc-text .hl-place').first();
    if (await p1.count()) {
      await p1.hover();
      await page.waitForSelector('.span-tip:not([hidden])');
    }
  }
  await shot('document.png');
  await page.goto(base + '/#/documents/' + docs.items[0].id);
  await page.waitForSelector('.doc-text .hl-mention');
  await page.locator('.doc-text .hl-mention').first().click();
  await page.waitForURL(/#\/entities\//);
  await page.waitForSelector('h1');
  await page.waitForSelector('table.events tr.event-row');
  await shot('entity.png');

  // Hostile article: markup in the text, the title, the outlet, a span and the source.
  await page.goto(base + '/#/documents/hostile01');
  await page.waitForSelector('.doc-text .hl-mention');
  const text = await page.locator('.doc-text').innerText();
  assert.ok(text.includes('<script>window.__pwned = 1</script>'), 'markup shown as text');
  assert.ok((await page.locator('h1').innerText()).includes('<script>'));
  assert.equal(await page.locator('main script, main img, main b').count(), 0, 'no element made from the article');
  await page.locator('.doc-text .hl-mention', { hasText: '<img' }).hover();
  await page.waitForSelector('.span-tip:not([hidden])');
  assert.equal(await page.locator('.span-tip img').count(), 0);
  assert.equal(await page.evaluate(() => (window as any).__pwned), undefined, 'no script ran');
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
  await shot('document-hostile.png');
  // Its event page too (outlet and evidence are hostile).
  const ev = (await (await fetch(base + '/api/events?since=2019-06-01&until=2019-06-01')).json()) as { items: Array<{ id: string; sources: Array<{ documentId: string }> }> };
  const hostileEvent = ev.items.find((e) => e.sources.some((s) => s.documentId === 'hostile01'))!;
  await page.goto(base + '/#/events/' + hostileEvent.id);
  await page.waitForSelector('.report');
  assert.equal(await page.evaluate(() => (window as any).__pwned), undefined, 'no script ran');
  assert.equal(await page.locator('main img').count(), 0);
});

test('an analyst edits an event; the edit is in the audit log and the export, machine value kept', { skip }, async () => {
  const list = (await (await fetch(base + '/api/events?type=Battles&limit=500')).json()) as { items: Array<{ id: string; sources: Array<{ source: string }> }> };
  const id = list.items.find((e) => e.sources.every((s) => s.source.startsWith('fixture://')))!.id;
  await page.goto(base + '/#/events/' + id);
  await page.waitForSelector('.edit-form');
  await page.fill('.edit-form input[name=low]', '70');
  await page.fill('.edit-form input[name=best]', '77');
  await page.fill('.edit-form input[name=high]', '80');
  await page.fill('.edit-form input[name=note]', 'hospital figures');
  await page.click('.edit-form button[type=submit]');
  await page.waitForSelector('tr.overridden[data-field=fatalities] td.value >> text=77');
  const machine = await page.locator('tr.overridden[data-field=fatalities] td.machine').innerText();
  assert.match(machine, /machine:/);
  await page.waitForSelector('table.audit tr.audit-row >> text=hospital figures');
  await page.waitForSelector('.rev-edited');
  await shot('event.png');

  await page.goto(base + '/#/review');
  await page.waitForSelector('table.audit tr.audit-row');
  const row = page.locator('table.audit tr.audit-row', { hasText: 'fatalities' }).first();
  assert.match(await row.innerText(), new RegExp(USER.username));
  assert.match(await row.innerText(), /77 \(70–80\)/);
  await shot('review.png');
  // The 'edited' queue lists it.
  await page.click('a >> text=edited');
  await page.waitForSelector(`table.events tr.event-row[data-id="${id}"]`);

  // The export (as the page's own link downloads it) carries the reviewed value and the machine one.
  const csv = await page.evaluate(async () => (await fetch('/api/export/events.csv')).text());
  const line = csv.split('\r\n').find((l) => l.startsWith(id + ','))!;
  assert.ok(line, 'event in export');
  assert.match(line, /,70,77,80,/);
  assert.match(line, /edited/);
  assert.match(line, /machine|fatalities/);

  await page.goto(base + '/#/contradictions');
  await page.waitForSelector('h1');
  await shot('contradictions.png');
  assert.deepEqual(pageErrors, []);
});

test('an analyst splits a report off an event and merges it back from the possible duplicates', { skip }, async () => {
  const list = (await (await fetch(base + '/api/events?since=2019-07-15&until=2019-07-15')).json()) as { items: Array<{ id: string }> };
  assert.equal(list.items.length, 1);
  const id = list.items[0].id;
  await page.goto(base + '/#/events/' + id);
  await page.waitForSelector('.report');
  assert.equal(await page.locator('.report').count(), 2);
  await page.locator('.split-check').first().check();
  await page.click('button >> text=Split ticked reports into a new event');
  await page.waitForURL((u) => u.hash.startsWith('#/events/') && !u.hash.endsWith(id));
  await page.waitForSelector('.report');
  assert.equal(await page.locator('.report').count(), 1);
  await page.waitForSelector('.dupe-row');
  await page.locator('.dupe-row', { hasText: 'Outlet' }).locator('button.merge-one').click();
  await page.waitForFunction(() => document.querySelectorAll('.report').length === 2);
  await page.waitForSelector('table.audit tr.audit-row >> text=merge');
  await shot('event-merged.png');
  assert.deepEqual(pageErrors, []);
});

test('empty states explain what to do; errors are shown', { skip }, async () => {
  const emptyDir = tempDir('sitrep-web-empty-');
  const s = openStore(join(emptyDir, 'e.db')) as SqliteStore;
  const a = await buildServer({ store: s, accounts: new Accounts(s) });
  const url = await a.listen({ host: '127.0.0.1', port: 0 });
  const p = await ctx.newPage();
  try {
    await p.goto(url + '/#/');
    await p.waitForSelector('text=No events yet');
    await shot('empty.png', p);
    await p.goto(url + '/#/events/does-not-exist');
    // A missing event is a not-found page with ways back, not a bare error.
    await p.waitForSelector('.not-found >> text=no such event');
    await p.waitForSelector('.not-found a[href="#/"]');
  } finally {
    await p.close();
    await a.close();
    await s.close();
    rmSync(emptyDir, { recursive: true, force: true });
  }
});

test('first meaningful paint of the dashboard with 10,000 events (printed, not asserted)', { skip }, async () => {
  const big = await bigSeed!;
  const s = openStore(big.path) as SqliteStore;
  const a = await buildServer({ store: s, accounts: new Accounts(s) });
  const url = await a.listen({ host: '127.0.0.1', port: 0 });
  const p = await ctx.newPage();
  try {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      // A full page load each time (not a hash change), timed from navigation start.
      await p.goto(`${url}/?run=${i}#/`);
      await p.waitForSelector('body[data-map-ready="1"]', { timeout: 30_000 });
      runs.push(await p.evaluate(() => performance.getEntriesByName('sitrep:map-drawn')[0].startTime));
      if (i === 0) {
        assert.ok((await p.locator('.marks .cluster, .marks .marker').count()) > 0);
        await p.waitForTimeout(500);
        await shot('dashboard-10k.png', p);
      }
    }
    console.log(`first meaningful paint, ${big.events} events: ${runs.map((r) => r.toFixed(0) + ' ms').join(', ')} (navigation start -> map outlines and markers drawn; first load, then two reloads). Target <= 1500 ms. ${big.ms ? `Seeding took ${(big.ms / 1000).toFixed(1)} s in a child process.` : 'Store copied from the temp-dir cache.'}`);
    assert.ok(big.events >= 10_000, `${big.events} events`);
  } finally {
    await p.close();
    await a.close();
    await s.close();
    rmSync(big.dir, { recursive: true, force: true });
  }
});

/**
 * The 10k-event store: built by a child process (so it runs beside the other tests), then kept in
 * the OS temp dir keyed by the code that shapes it (fixtures, store, crossdoc), so that later runs
 * copy it instead of spending 10-40 s of CPU again.
 */
function seedBigStore(): Promise<{ path: string; dir: string; events: number; ms: number }> {
  const bigDir = tempDir('sitrep-web-10k-');
  const path = join(bigDir, 'big.db');
  const hash = createHash('sha256');
  const files = [join(ROOT, 'test/server/fixtures.ts'), join(ROOT, 'test/web/seed-big.ts'), join(ROOT, 'src/doc.ts')];
  for (const d of ['src/store', 'src/crossdoc']) if (existsSync(join(ROOT, d))) files.push(...(readdirSync(join(ROOT, d), { recursive: true }) as string[]).map((f) => join(ROOT, d, f)));
  for (const f of files.sort()) if (statSync(f).isFile()) hash.update(f).update(readFileSync(f));
  const cached = join(tmpdir(), `sitrep-10k-${hash.digest('hex').slice(0, 16)}.db`);
  if (existsSync(cached) && existsSync(cached + '.json')) {
    copyFileSync(cached, path);
    const meta = JSON.parse(readFileSync(cached + '.json', 'utf8'));
    return Promise.resolve({ path, dir: bigDir, events: meta.events, ms: 0 });
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/web/seed-big.ts'), path, '10500'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`seed-big.ts exited ${code}`));
      const r = JSON.parse(out.trim().split('\n').pop()!);
      try {
        // Older caches (built by code that has changed since) are of no more use.
        for (const f of readdirSync(tmpdir())) if (/^sitrep-10k-[0-9a-f]{16}\.db(\.json)?$/.test(f) && !join(tmpdir(), f).startsWith(cached)) rmSync(join(tmpdir(), f), { force: true });
        copyFileSync(path, cached + '.tmp');
        renameSync(cached + '.tmp', cached);
        writeFileSync(cached + '.json', JSON.stringify(r));
      } catch {
        // A cache we cannot write only costs time next run.
      }
      resolve({ path, dir: bigDir, events: r.events, ms: r.ms });
    });
  });
}
