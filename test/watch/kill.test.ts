import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { ROOT, tempDir } from '../helpers.ts';
import { FeedSite, newsItem } from './feed-server.ts';

/**
 * `sitrep watch` as a process, killed with SIGKILL in the middle of a batch (while it waits for the
 * fourth article page of six, three items stored) and started again, then stopped with
 * SIGTERM and started again while the feed keeps gaining items: in the end every item is stored
 * exactly once (one document, one version, per item) and marked handled once.
 */
const BIN = join(ROOT, 'bin/sitrep.js');
let dir: string;
let site: FeedSite;
const children: ChildProcess[] = [];

before(async () => {
  dir = tempDir('sitrep-watch-kill-');
  site = new FeedSite();
  await site.start();
});

after(async () => {
  for (const c of children) if (c.exitCode == null && c.signalCode == null) c.kill('SIGKILL');
  await site?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function watch(db: string): { child: ChildProcess; exited: Promise<number | string>; err: () => string } {
  const child = spawn(process.execPath, [BIN, 'watch', site.feedUrl, '--db', db, '--interval', '150ms', '--politeness', '0ms', '--timeout', '10s'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, SITREP_FROM_SOURCE: '1' },
  });
  children.push(child);
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | string>((r) => child.on('exit', (code, sig) => r(sig ?? code ?? -1)));
  return { child, exited, err: () => err };
}

/** What the store holds (read-only, beside the running watcher: WAL readers do not block it). */
function holds(db: string): { docs: number; sources: number; versions: number; items: number } {
  try {
    const d = new Database(db, { readonly: true, fileMustExist: true });
    try {
      const one = (sql: string) => (d.prepare(sql).get() as { n: number }).n;
      return {
        docs: one('SELECT count(*) AS n FROM documents'),
        sources: one('SELECT count(DISTINCT source) AS n FROM documents'),
        versions: one('SELECT coalesce(max(version), 0) AS n FROM documents'),
        items: one('SELECT count(*) AS n FROM watch_items'),
      };
    } finally {
      d.close();
    }
  } catch {
    return { docs: 0, sources: 0, versions: 0, items: 0 }; // not created yet
  }
}

/** Wait until the store holds `n` documents (a bound only against a hung watcher, not a timing check). */
async function until(db: string, n: number, w: { err: () => string }): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (holds(db).docs < n) {
    if (Date.now() > deadline) throw new Error(`only ${holds(db).docs} of ${n} documents; watcher said:\n${w.err()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('SIGKILL mid-batch and SIGTERM restarts: every item stored exactly once', async () => {
  const db = join(dir, 'kill.db');
  for (let i = 0; i < 6; i++) site.add(newsItem(20 + i));
  // Kill the watcher the moment it asks for the fourth article page of a batch of six.
  let w = watch(db);
  let asked = 0;
  const killed = new Promise<void>((resolve, reject) => {
    w.exited.then((how) => reject(new Error(`the watcher ended (${how}) before the kill:\n${w.err()}`)));
    site.onRequest = (path) => {
      if (path.startsWith('/a/') && ++asked === 4) {
        w.child.kill('SIGKILL');
        site.onRequest = null;
        resolve();
      }
    };
  });
  await killed;
  assert.equal(await w.exited, 'SIGKILL');
  // Items are fetched and stored one at a time: the three before the fourth page are stored and marked.
  const mid = holds(db);
  assert.deepEqual([mid.docs, mid.items], [3, 3], 'killed mid-batch, after the third item');

  w = watch(db);
  await until(db, 6, w);
  site.add(newsItem(26), newsItem(27));
  await until(db, 8, w);
  w.child.kill('SIGTERM');
  assert.equal(await w.exited, 0, w.err());

  // Items added while no watcher runs are stored by the next one.
  site.add(newsItem(28));
  w = watch(db);
  await until(db, 9, w);
  // A few more polls (304s) change nothing.
  const polls = site.hits.length;
  while (site.hits.length < polls + 3) await new Promise((r) => setTimeout(r, 50));
  w.child.kill('SIGTERM');
  assert.equal(await w.exited, 0, w.err());

  assert.deepEqual(holds(db), { docs: 9, sources: 9, versions: 1, items: 9 });
  assert.ok(site.hits.some((h) => h.path === '/feed.xml' && h.status === 304), 'the restarted watcher polled with validators');
});
