import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { openStore, type SqliteStore } from '../../src/store/index.ts';
import { Watcher, backoffMs } from '../../src/watch/watcher.ts';
import { StoreSink } from '../../src/watch/sink.ts';
import { statusLine } from '../../src/cli/watch.ts';
import { tempDir } from '../helpers.ts';
import { FeedSite, newsItem } from './feed-server.ts';

/**
 * The watcher against local feed servers (loopback), one poll at a time (`pollOnce`, no timers):
 * each new item is stored once, with its article page fetched when the feed has only a summary;
 * a 304 and an unchanged body cost nothing; the state survives a restart; robots.txt is obeyed;
 * a malformed feed, a 500, a 404 and a timeout are recorded and retried later while the other
 * feeds go on.
 */
let dir: string;
let site: FeedSite;
let other: FeedSite;
const logs: string[] = [];

before(async () => {
  dir = tempDir('sitrep-watch-');
  site = new FeedSite();
  other = new FeedSite();
  await site.start();
  await other.start();
});

after(async () => {
  await site?.stop();
  await other?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function watcherOn(store: SqliteStore, opts: Partial<ConstructorParameters<typeof Watcher>[2]> = {}) {
  return new Watcher(store, new StoreSink(store), { intervalMs: 60_000, politenessMs: 0, timeoutMs: 5_000, log: (l) => logs.push(l), ...opts });
}

async function docs(store: SqliteStore) {
  return (await store.listDocuments({ limit: 500, allVersions: true })).items;
}

test('new items are stored once each, their article pages fetched; a 304 costs nothing; a restart resumes', async () => {
  const path = join(dir, 'feeds.db');
  let store = openStore(path) as SqliteStore;
  let w = watcherOn(store);
  site.add(newsItem(1), newsItem(2));
  await w.pollOnce(site.feedUrl);
  let d = await docs(store);
  assert.equal(d.length, 2);
  assert.deepEqual(d.map((x) => x.source).sort(), [`${site.base}/a/story-1`, `${site.base}/a/story-2`]);
  // The feed has only the first sentence: the stored text is the article page.
  const full = await store.getDocument(d[0].id);
  assert.match(full!.text, /lasted several hours/);
  assert.match(full!.text, /<article>/);
  assert.ok(d.every((x) => x.title?.startsWith('Attack in')), 'the feed title is kept');
  const feedHits = site.hits.filter((h) => h.path === '/feed.xml');
  assert.match(String(feedHits[0].headers['user-agent']), /sitrep/);
  assert.match(String(feedHits[0].headers['accept-encoding']), /gzip/);
  assert.ok(site.hits.some((h) => h.path === '/robots.txt'), 'robots.txt read before the first article');

  // Nothing new: the server answers 304 to the validators of the last answer.
  await w.pollOnce(site.feedUrl);
  const last = site.hits.filter((h) => h.path === '/feed.xml').at(-1)!;
  assert.equal(last.status, 304);
  assert.ok(last.headers['if-none-match'], 'sent the ETag back');
  assert.equal((await docs(store)).length, 2);
  const runs = (await store.listRuns(100)).length;

  // A new item, then a restart (new process state, same store): only the new one is fetched.
  site.add(newsItem(3));
  await w.pollOnce(site.feedUrl);
  await w.stop();
  await store.close();
  store = openStore(path) as SqliteStore;
  w = watcherOn(store);
  const pagesBefore = site.hits.filter((h) => h.path.startsWith('/a/')).length;
  site.add(newsItem(4));
  await w.pollOnce(site.feedUrl);
  d = await docs(store);
  assert.equal(d.length, 4, 'each item once');
  assert.equal(new Set(d.map((x) => x.source)).size, 4);
  assert.equal(site.hits.filter((h) => h.path.startsWith('/a/')).length, pagesBefore + 1, 'only the new article fetched after the restart');
  assert.equal((await store.listRuns(100)).length, runs + 2, 'one ingest run per poll that found something');
  const st = await store.watch.getSource(site.feedUrl);
  assert.equal(st!.items, 4);
  assert.equal(st!.errors, 0);
  await w.stop();
  await store.close();
});

test('a full-content item is not fetched again; robots.txt keeps the watcher off disallowed pages', async () => {
  const store = openStore(join(dir, 'robots.db')) as SqliteStore;
  const w = watcherOn(store);
  const s = new FeedSite();
  await s.start();
  try {
    s.add(newsItem(5, { full: true }), newsItem(6, { id: 'kept-out' }));
    s.robots = 'User-agent: *\nDisallow: /a/kept-out\n';
    await w.pollOnce(s.feedUrl);
    const d = await docs(store);
    assert.equal(d.length, 2);
    assert.deepEqual(s.hits.filter((h) => h.path.startsWith('/a/')), [], 'no article page requested');
    const kept = d.find((x) => x.source.endsWith('/a/kept-out'))!;
    assert.doesNotMatch((await store.getDocument(kept.id))!.text, /lasted several hours/, 'the summary is stored instead');
  } finally {
    await w.stop();
    await s.stop();
    await store.close();
  }
});

test('If-Modified-Since alone is honoured (a server that sends Last-Modified but no ETag)', async () => {
  const store = openStore(join(dir, 'ims.db')) as SqliteStore;
  const w = watcherOn(store, { followLinks: false });
  const s = new FeedSite();
  await s.start();
  try {
    s.add(newsItem(11));
    await w.pollOnce(s.feedUrl);
    const st = (await store.watch.getSource(s.feedUrl))!;
    st.etag = null; // as if the server had sent only Last-Modified
    await store.watch.saveSource(st);
    await w.pollOnce(s.feedUrl);
    const last = s.hits.at(-1)!;
    assert.equal(last.headers['if-none-match'], undefined);
    assert.ok(last.headers['if-modified-since']);
    assert.equal(last.status, 304);
    assert.equal((await docs(store)).length, 1);
  } finally {
    await w.stop();
    await s.stop();
    await store.close();
  }
});

test('a server without validators: the same body is recognised and nothing is stored again', async () => {
  const store = openStore(join(dir, 'noval.db')) as SqliteStore;
  const w = watcherOn(store, { followLinks: false });
  const s = new FeedSite();
  await s.start();
  try {
    s.noValidators = true;
    s.add(newsItem(7));
    await w.pollOnce(s.feedUrl);
    await w.pollOnce(s.feedUrl);
    assert.equal(s.hits.filter((h) => h.path === '/feed.xml' && h.status === 200).length, 2);
    assert.equal((await docs(store)).length, 1);
    assert.equal((await store.listRuns(10)).length, 1, 'the second poll stored nothing');
    assert.ok(!s.hits.some((h) => h.path.startsWith('/a/')), '--no-follow-links keeps the summary');
  } finally {
    await w.stop();
    await s.stop();
    await store.close();
  }
});

test('malformed XML, 500, 404 and a timeout are recorded and retried later; the other feed goes on', async () => {
  const store = openStore(join(dir, 'errors.db')) as SqliteStore;
  const w = watcherOn(store, { timeoutMs: 300 });
  const bad = new FeedSite();
  await bad.start();
  try {
    bad.add(newsItem(8));
    other.add(newsItem(9));
    const round = async () => Promise.all([w.pollOnce(bad.feedUrl), w.pollOnce(other.feedUrl)]);
    const expect: Array<[typeof bad.mode, RegExp]> = [['malformed', /^bad_feed:/], ['error500', /^http_500:/], ['error404', /^http_404:/], ['hang', /^timeout:/]];
    let waits: number[] = [];
    for (const [i, [mode, code]] of expect.entries()) {
      bad.mode = mode;
      const [wait] = await round();
      waits.push(wait);
      const st = (await store.watch.getSource(bad.feedUrl))!;
      assert.match(st.lastError!, code, mode);
      assert.equal(st.errors, i + 1);
      assert.equal(st.lastSuccess, null);
      assert.match(statusLine(st), /FAILING/);
      if (mode === 'error500') other.add(newsItem(10)); // the other feed keeps being followed meanwhile
    }
    assert.deepEqual(waits, [1, 2, 3, 4].map((n) => backoffMs(60_000, n)), 'each failure in a row waits longer');
    assert.ok(waits[3] > waits[0]);
    const good = (await store.watch.getSource(other.feedUrl))!;
    assert.equal(good.errors, 0);
    assert.equal(good.items, 2);
    // The feed mends: its item is stored and the error count resets (the last error stays listed).
    bad.mode = 'ok';
    const wait = await w.pollOnce(bad.feedUrl);
    assert.equal(wait, 60_000);
    const st = (await store.watch.getSource(bad.feedUrl))!;
    assert.equal(st.errors, 0);
    assert.ok(st.lastSuccess);
    assert.match(st.lastError!, /^timeout:/);
    assert.equal((await docs(store)).length, 3);
    assert.ok(logs.some((l) => l.includes('bad_feed') && l.includes('retrying in')), 'errors are logged');
  } finally {
    await w.stop();
    await bad.stop();
    await store.close();
  }
});

test('back-off: doubling from the interval, capped at an hour (or the interval), Retry-After honoured', () => {
  assert.equal(backoffMs(60_000, 1), 60_000);
  assert.equal(backoffMs(60_000, 3), 240_000);
  assert.equal(backoffMs(60_000, 30), 3_600_000);
  assert.equal(backoffMs(7_200_000, 5), 7_200_000);
  assert.equal(backoffMs(60_000, 1, 600), 600_000);
});
