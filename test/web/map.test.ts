import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, skipBrowser as skip, SHOTS, type Harness } from './browser.ts';
import { article, corpus, type Article } from '../server/fixtures.ts';

/**
 * The map in headless Chromium: Web Mercator (a marker sits where the formula puts its latitude),
 * a first view fitted to where the events are dense (three reports from Washington do not widen
 * it to the Atlantic), clusters that never overlap each other or a marker at any zoom, a dashed
 * ring for an event placed only to its province, and labels by zoom that never overlap.
 */
let hx: Harness;
const outliers: Article[] = [0, 1, 2].map((i) =>
  article({ id: `far${i}`, outlet: 'Far Wire', title: `Far ${i}`, events: [{ day: '2019-01-1' + i, place: 0, actor1: 0, actor2: 1, kind: 4, killed: 0, jitter: [2.55, -120.1 - i * 0.2] }] }),
);
const province = article({ id: 'prov1', outlet: 'Wire One', title: 'Province only', events: [{ day: '2019-04-20', place: 1, actor1: 0, actor2: 1, kind: 1, killed: 30, jitter: [0.9, 1.4] }] });
province.result.events[0].location!.precision = 3;

before(async () => {
  if (!skip) hx = await startHarness([...corpus(300, { perDoc: 5, days: 60 }), ...outliers, province]);
});
after(async () => hx?.close());

const projY = (lat: number) => -(180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
type Circle = { x: number; y: number; r: number; cluster: boolean };
/** Every drawn cluster and marker as a screen circle. */
const circles = () =>
  hx.page.evaluate(() =>
    [...document.querySelectorAll('.map .marks .cluster circle, .map .marks circle.marker')].map((c) => {
      const b = c.getBoundingClientRect();
      return { x: b.x + b.width / 2, y: b.y + b.height / 2, r: b.width / 2, cluster: !c.classList.contains('marker') };
    }),
  ) as Promise<Circle[]>;
function overlaps(list: Circle[]): string[] {
  const bad: string[] = [];
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i], b = list[j];
      if (!a.cluster && !b.cluster) continue;
      if (Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r - 0.5) bad.push(JSON.stringify([a, b]));
    }
  return bad;
}

test('Mercator markers, a first view on the dense area, clusters that never overlap, province rings, labels by zoom', { skip }, async () => {
  const { page, base, errors } = hx;
  await page.goto(base + '/#/');
  await page.waitForSelector('body[data-map-ready="1"]');
  await page.waitForSelector('.map .marks .cluster, .map .marks .marker');

  // The first view holds the Middle East, not Washington.
  const view = await page.evaluate(() => {
    const svg = document.querySelector('.map svg')!;
    return svg.getAttribute('viewBox')!.split(' ').map(Number);
  });
  const [vx, vy, vw, vh] = view;
  assert.ok(vx > -20 && vx + vw < 70, `west/east edges around the region, not the Atlantic (${view})`);
  assert.ok(vx < 37 && vx + vw > 47 && vy < projY(37.5) && vy + vh > projY(30.5), `Aleppo to Basra in view (${view})`);

  // Zoom through the levels: at none do clusters overlap each other or a marker.
  for (let z = 0; z < 5; z++) {
    const bad = overlaps(await circles());
    assert.deepEqual(bad.slice(0, 3), [], `zoom step ${z}: no cluster overlaps`);
    // Labels: at most one per place, none overlapping another, plain text.
    const boxes = await page.evaluate(() => [...document.querySelectorAll('.map .labels text')].map((t) => {
      const b = t.getBoundingClientRect();
      return [b.left, b.top, b.right, b.bottom, t.textContent];
    })) as Array<[number, number, number, number, string]>;
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      assert.ok(!(a[0] < b[2] - 1 && b[0] < a[2] - 1 && a[1] < b[3] - 1 && b[1] < a[3] - 1), `labels ${a[4]} and ${b[4]} overlap at zoom step ${z}`);
    }
    if (z === 1) {
      await page.waitForSelector('.map .labels .label-admin1');
      await page.waitForSelector('.map .labels .label-city');
    }
    await page.click('.map-controls button[title="zoom in"]');
    await page.waitForTimeout(150);
  }

  // Web Mercator: a lone marker's y is the Mercator y of its latitude.
  const far = await page.evaluate(async () => (await (await fetch('/api/events?since=2019-01-10&until=2019-01-12&limit=10')).json()).items.find((e: any) => e.location.lon < -60));
  assert.ok(far, 'an outlier event');
  await page.goto(base + '/#/events/' + encodeURIComponent(far.id));
  await page.waitForSelector('.event-map .marks circle.marker');
  const cy = Number(await page.locator('.event-map .marks circle.marker').getAttribute('cy'));
  assert.ok(Math.abs(cy - projY(far.location.lat)) < 1e-6, `cy ${cy} is Mercator y of ${far.location.lat}`);

  // The province-only event: a dashed ring of about 80 km around it.
  const prov = await page.evaluate(async () => (await (await fetch('/api/events?since=2019-04-20&until=2019-04-20&limit=50')).json()).items.find((e: any) => e.location.precision === 3));
  assert.ok(prov, 'the province-only event');
  await page.goto(base + '/#/?since=2019-04-20&until=2019-04-20');
  await page.waitForSelector('body[data-map-ready="1"]');
  await page.waitForSelector(`.map .marks circle.marker[data-id="${prov.id}"][data-prec="3"]`);
  const ring = page.locator('.map .marks circle.prec-ring.prec-3');
  assert.equal(await ring.count(), 1);
  const r = Number(await ring.getAttribute('r'));
  const expected = 80 / 111.32 / Math.cos((prov.location.lat * Math.PI) / 180);
  assert.ok(Math.abs(r - expected) < 1e-6, `ring radius ${r} ~ 80 km in map units (${expected})`);
  assert.match(await page.locator(`.map .marks circle.marker[data-id="${prov.id}"] title`).textContent() ?? '', /province/);
  await page.screenshot({ path: `${SHOTS}/map-precision.png` });
  assert.deepEqual(errors, []);
});
