import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { openStore } from '../../src/store/index.ts';
import { ROOT, tempDir } from '../helpers.ts';
import { FeedSite, newsItem } from './feed-server.ts';

/**
 * The command: `sitrep watch LIST` follows the feed URLs of a list file; one feed answers 500 and
 * keeps failing while the other's items are stored; `sitrep watch --status` then lists both, the
 * good one with its last success, the bad one with its error (and exits 1, for scripts).
 */
const BIN = join(ROOT, 'bin/sitrep.js');
const env = { ...process.env, SITREP_FROM_SOURCE: '1' };
let dir: string;
let good: FeedSite;
let bad: FeedSite;

before(async () => {
  dir = tempDir('sitrep-watch-cli-');
  good = new FeedSite();
  bad = new FeedSite();
  await good.start();
  await bad.start();
});

after(async () => {
  await good?.stop();
  await bad?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a list of feeds: the failing one is retried and reported, the other goes on; --status lists both', async () => {
  const db = join(dir, 'cli.db');
  const list = join(dir, 'feeds.txt');
  good.add(newsItem(60), newsItem(61));
  bad.mode = 'error500';
  writeFileSync(list, `# two feeds\n${good.feedUrl}\n\n${bad.feedUrl}  # this one fails\nnot a url\n`);
  const child = spawn(process.execPath, [BIN, 'watch', list, '--db', db, '--interval', '100ms', '--politeness', '0ms'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | string>((r) => child.on('exit', (code, sig) => r(sig ?? code ?? -1)));
  // Until the good feed's items are in and the bad one has failed more than once (bounded).
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error('watcher made no progress:\n' + err);
    if (bad.hits.filter((h) => h.path === '/feed.xml').length >= 2 && /2 new item\(s\), 2 stored/.test(err)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  assert.equal(await exited, 0, err);
  assert.match(err, /http_500: .*HTTP 500; retrying in/);

  const store = openStore(db);
  assert.equal((await store.listDocuments({ limit: 10 })).items.length, 2);
  await store.close();

  const st = spawnSync(process.execPath, [BIN, 'watch', '--status', '--db', db], { cwd: ROOT, env, encoding: 'utf8' });
  assert.equal(st.status, 1, 'a failing source: exit 1');
  const blocks = st.stdout.split(/\n(?=\S)/);
  const goodBlock = blocks.find((b) => b.startsWith(good.feedUrl))!;
  const badBlock = blocks.find((b) => b.startsWith(bad.feedUrl))!;
  assert.match(goodBlock, /\[feed\] ok/);
  assert.match(goodBlock, /last success: \d{4}-\d\d-\d\dT/);
  assert.match(goodBlock, /items: 2/);
  assert.match(goodBlock, /last error: +none/);
  assert.match(badBlock, /FAILING \(\d+ in a row\)/);
  assert.match(badBlock, /last success: never/);
  assert.match(badBlock, /last error: +\d{4}-.* http_500: /);
});
