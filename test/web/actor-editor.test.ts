import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { openStore, type SqliteStore } from '../../src/store/index.ts';
import { Accounts } from '../../src/server/accounts.ts';
import { buildServer } from '../../src/server/app.ts';
import { ROOT, tempDir } from '../helpers.ts';
import { corpus, seed } from '../server/fixtures.ts';

/**
 * The review form's actor editor in headless Chromium: actors shown by name, a known entity picked
 * by name search, a new one added and marked new, role and ACLED class set, refusals shown at the
 * field (a row without an entity, markup in a name), and the save state still shown after the page
 * redraws with the saved values.
 */
const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `needs ${CHROMIUM}; browser test skipped`;
const USER = { username: 'analyst', password: 'correct horse battery' };
/** As dashboard.test.ts: into docs/screenshots/ with SITREP_SCREENSHOTS=1, else a temp folder. */
const SHOTS = process.env.SITREP_SCREENSHOTS === '1' ? join(ROOT, 'docs/screenshots') : join(tmpdir(), 'sitrep-screenshots');

let dir: string;
let store: SqliteStore;
let app: FastifyInstance;
let base: string;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

before(async () => {
  if (skip) return;
  dir = tempDir('sitrep-actors-');
  store = openStore(join(dir, 'a.db')) as SqliteStore;
  const accounts = new Accounts(store);
  await accounts.create(USER.username, USER.password);
  await seed(store, corpus(20, { perDoc: 3, days: 30 }));
  app = await buildServer({ store, accounts });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', (d) => {
    pageErrors.push('dialog: ' + d.message());
    d.dismiss();
  });
  await page.goto(base + '/#/login');
  await page.fill('input[name=username]', USER.username);
  await page.fill('input[name=password]', USER.password);
  await page.click('form.login button[type=submit]');
  await page.waitForSelector('#who >> text=' + USER.username);
});

after(async () => {
  await browser?.close();
  await app?.close();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const api = async (path: string) => (await fetch(base + '/api' + path)).json() as Promise<any>;
const rows = () => page.locator('.actor-editor .actor-row');

test('the actor editor: known and new entities, roles, classes, errors at the field, a save state that survives the redraw', { skip }, async () => {
  const battles = (await api('/events?type=Battles&limit=50')).items;
  const event = battles.find((e: any) => e.actors.length >= 2 && !e.actors.some((a: any) => a.entity === 'org:sdf'));
  assert.ok(event, 'a seeded battle with two actors, the SDF not among them');
  await page.goto(base + '/#/events/' + encodeURIComponent(event.id));
  await page.waitForSelector('.actor-editor');

  // Each actor is a row showing its name, entity and role: nothing is split on spaces.
  assert.equal(await rows().count(), event.actors.length);
  for (const [i, a] of event.actors.entries()) {
    assert.equal(await rows().nth(i).locator('.actor-search').inputValue(), a.name);
    assert.equal(await rows().nth(i).locator('.actor-entity').inputValue(), a.entity);
    assert.equal(await rows().nth(i).locator('.actor-role').inputValue(), a.role);
  }

  // A row left without an entity: the server's refusal appears at that row.
  await page.click('.actor-add');
  await page.click('.edit-form button[type=submit]');
  const empty = rows().nth(event.actors.length);
  await empty.locator('.field-error').waitFor();
  assert.match(await empty.locator('.field-error').innerText(), /known entity|new/);
  assert.equal(await empty.locator('.actor-entity').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('.review-status').getAttribute('data-state'), 'error');

  // Markup in a new name is refused at the name, and stays text on the page.
  await empty.locator('.actor-search').fill('<img src=x id=pwn>');
  await empty.locator('.actor-entity option[value="__new__"]').waitFor({ state: 'attached' });
  await page.click('.edit-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('.actor-row:last-child .actor-search')?.getAttribute('aria-invalid') === 'true');
  assert.match(await empty.locator('.field-error').innerText(), /< or >/);
  assert.equal(await page.locator('#pwn').count(), 0, 'no markup was made of the name');

  // A known entity found by name search; a new one marked new; a class and a role set.
  await empty.locator('.actor-search').fill('Syrian Democratic');
  await empty.locator('.actor-entity option[value="org:sdf"]').waitFor({ state: 'attached' });
  assert.equal(await empty.locator('.actor-entity').inputValue(), 'org:sdf');
  await empty.locator('.actor-role').selectOption('actor2');
  await page.click('.actor-add');
  const fresh = rows().nth(event.actors.length + 1);
  await fresh.locator('.actor-search').fill('Free Syrian Army');
  await fresh.locator('.actor-entity option[value="__new__"]').waitFor({ state: 'attached' });
  assert.equal(await fresh.locator('.actor-entity').inputValue(), '__new__');
  assert.ok(await fresh.locator('.actor-new').isVisible(), 'marked as a new entity');
  await fresh.locator('.actor-role').selectOption('associated');
  await rows().nth(0).locator('.actor-inter').selectOption('2');
  assert.equal(await page.locator('.review-status').getAttribute('data-state'), 'dirty');
  await page.click('.edit-form button[type=submit]');

  // The page redraws with the saved values, and still says it saved.
  await page.waitForSelector('tr.overridden[data-field=actors] td.value >> text=Free Syrian Army');
  await page.waitForSelector('.review-status[data-state=saved]');
  assert.match(await page.locator('.review-status').innerText(), /Saved: actors/);
  mkdirSync(SHOTS, { recursive: true });
  await page.locator('.review-tools').screenshot({ path: join(SHOTS, 'actor-editor.png') });
  const saved = (await api('/events/' + encodeURIComponent(event.id))).actors;
  assert.deepEqual(saved.at(-2), { entity: 'org:sdf', name: 'Syrian Democratic Forces', role: 'actor2' });
  assert.deepEqual(saved.at(-1), { entity: 'org:free-syrian-army', name: 'Free Syrian Army', role: 'associated', new: true });
  assert.equal(saved[0].inter, 2);
  assert.equal(saved[0].name, event.actors[0].name, 'names kept');

  // The redrawn editor shows the new actor still marked new, and removing a row saves.
  assert.equal(await rows().count(), event.actors.length + 2);
  assert.ok(await rows().last().locator('.actor-new').isVisible());
  await rows().last().locator('.actor-remove').click();
  await page.click('.edit-form button[type=submit]');
  await page.waitForFunction(() => !document.querySelector('tr[data-field=actors] td.value')?.textContent?.includes('Free Syrian Army'));
  await page.waitForSelector('.review-status[data-state=saved]');
  assert.equal((await api('/events/' + encodeURIComponent(event.id))).actors.length, event.actors.length + 1);
  assert.deepEqual(pageErrors, []);
});
