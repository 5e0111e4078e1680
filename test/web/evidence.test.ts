import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, skipBrowser as skip, type Harness } from './browser.ts';

/**
 * Values linked to their words, in headless Chromium: on the event page a click on the date, the
 * place, each actor, the type or the toll shows the sentence with the words that set it; the
 * document's highlights are reached with Tab, say what they are, open on Enter, and on a touch
 * screen show on a first tap and open on a second.
 */
let hx: Harness;
before(async () => {
  if (!skip) hx = await startHarness();
});
after(async () => hx?.close());

const api = async (path: string) => (await fetch(hx.base + '/api' + path)).json() as Promise<any>;

test('a click on each value of an event shows the sentence and the words that set it', { skip }, async () => {
  const { page, base, errors } = hx;
  const event = (await api('/events?type=Battles&limit=1')).items[0];
  const detail = await api('/events/' + encodeURIComponent(event.id));
  const report = detail.reports[0];
  const doc = await api('/documents/' + encodeURIComponent(report.documentId));
  const inDoc = (kind: 'times' | 'places' | 'mentions' | 'claims', pred: (x: any) => boolean) =>
    doc.result[kind].filter((x: any) => report.evidence.some((r: any) => r.start <= x.start && x.end <= r.end)).find(pred)?.text;
  await page.goto(base + '/#/events/' + encodeURIComponent(event.id));
  await page.waitForSelector('table.values button.why-btn');

  const expect: Array<[string, string]> = [
    ['type', doc.text.slice(report.event.trigger.start, report.event.trigger.end)],
    ['date', inDoc('times', (t) => t.value === event.date.value)],
    ['location', inDoc('places', (p) => p.name === event.location.name)],
    ['fatalities', inDoc('claims', (c) => c.unit === 'killed' && c.value === event.fatalities.best)],
    ...event.actors.map((a: any) => [`actors:${a.entity}`, inDoc('mentions', (m) => m.entity === a.entity)] as [string, string]),
  ];
  for (const [key, words] of expect) {
    assert.ok(words, `the fixture has words for ${key}`);
    await page.click(`button.why-btn[data-why="${key}"]`);
    const panel = page.locator('#why-panel');
    await panel.waitFor({ state: 'visible' });
    await page.waitForFunction(([w]) => [...document.querySelectorAll('#why-panel mark')].some((m) => m.textContent === w), [words]);
    const sentence = await panel.locator('blockquote.why-sentence').first().innerText();
    assert.ok(report.evidence.some((r: any) => r.text.includes(sentence.trim())), `${key}: the sentence is the report's evidence`);
  }
  await hx.page.screenshot({ path: (await import('./browser.ts')).SHOTS + '/event-why.png' }).catch(() => {});
  // The keyboard reaches the values too; Escape is not needed to leave, the close button hides the panel.
  await page.focus('button.why-btn[data-why="date"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#why-panel h2 >> text=Date');
  await page.click('#why-panel button.close');
  await page.locator('#why-panel').waitFor({ state: 'hidden' });
  // The link goes to that place in the document, its highlight focused.
  await page.click('button.why-btn[data-why="location"]');
  await page.locator('#why-panel .why-source a').first().click();
  await page.waitForURL(/#\/documents\/.+\?at=\d+/);
  await page.waitForFunction(() => document.activeElement?.classList.contains('hl-target'));
  assert.deepEqual(errors, []);
});

test('document highlights are reached by keyboard, say what they are and open on Enter', { skip }, async () => {
  const { page, base, errors } = hx;
  const docs = (await api('/documents?limit=1')).items;
  await page.goto(base + '/#/documents/' + docs[0].id);
  await page.waitForSelector('.doc-text .hl');
  const n = await page.locator('.doc-text .hl').count();
  assert.equal(await page.locator('.doc-text .hl[tabindex="0"][role="button"][aria-label]').count(), n, 'every highlight is a focusable button with a label');
  // Tab from the last layer toggle lands on the first highlight; its tip shows.
  await page.focus('.layer-toggles input >> nth=-1');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('hl')), true);
  await page.waitForSelector('.span-tip:not([hidden])');
  // Tab on to the first name, then Enter opens its entity.
  for (let i = 0; i < n && !(await page.evaluate(() => document.activeElement?.classList.contains('hl-mention'))); i++) await page.keyboard.press('Tab');
  const label = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
  assert.match(label ?? '', /ORG: /);
  await page.keyboard.press('Enter');
  await page.waitForURL(/#\/entities\//);
  assert.deepEqual(errors, []);
});

test('on a touch screen a first tap on a highlight shows it, a second opens it', { skip }, async () => {
  const { base, browser, errors } = hx;
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  const docs = (await api('/documents?limit=1')).items;
  await page.goto(base + '/#/documents/' + docs[0].id);
  const mention = page.locator('.doc-text .hl-mention').first();
  await mention.tap();
  await page.waitForSelector('.span-tip:not([hidden]) >> text=ORG:');
  assert.match(page.url(), /#\/documents\//, 'the first tap does not leave the page');
  await mention.tap();
  await page.waitForURL(/#\/entities\//);
  await ctx.close();
  assert.deepEqual(errors, []);
});
