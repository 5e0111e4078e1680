import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openStore, type SqliteStore } from '../../src/store/index.ts';
import { Accounts } from '../../src/server/accounts.ts';
import { buildServer } from '../../src/server/app.ts';
import { ROOT, tempDir } from '../helpers.ts';
import { corpus, seed, type Article } from '../server/fixtures.ts';

/**
 * One server over a seeded SQLite store and one headless Chromium for a browser test file (the
 * Debian package, driven by playwright-core). Page errors, dialogs and requests leaving the
 * machine are collected in `errors`, for the file to assert none happened.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const skipBrowser: string | false = existsSync(CHROMIUM) ? false : `needs ${CHROMIUM}; browser test skipped`;
export const SHOTS = process.env.SITREP_SCREENSHOTS === '1' ? join(ROOT, 'docs/screenshots') : join(tmpdir(), 'sitrep-screenshots');
export const USER = { username: 'analyst', password: 'correct horse battery' };

export interface Harness {
  base: string;
  store: SqliteStore;
  browser: Browser;
  ctx: BrowserContext;
  page: Page;
  errors: string[];
  login(p?: Page): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(articles: Iterable<Article> = corpus(80, { perDoc: 4, days: 60 }), viewport = { width: 1280, height: 900 }): Promise<Harness> {
  const dir = tempDir('sitrep-browser-');
  const store = openStore(join(dir, 'b.db')) as SqliteStore;
  const accounts = new Accounts(store);
  await accounts.create(USER.username, USER.password);
  await seed(store, articles);
  const app: FastifyInstance = await buildServer({ store, accounts });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  const ctx = await browser.newContext({ viewport });
  const errors: string[] = [];
  await ctx.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => {
    errors.push('external request: ' + route.request().url());
    route.abort();
  });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push('dialog: ' + d.message());
    d.dismiss();
  });
  return {
    base, store, browser, ctx, page, errors,
    async login(p = page) {
      await p.goto(base + '/#/login');
      await p.fill('input[name=username]', USER.username);
      await p.fill('input[name=password]', USER.password);
      await p.click('form.login button[type=submit]');
      await p.waitForSelector('#who >> text=' + USER.username);
    },
    async close() {
      await browser.close();
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
