import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdirSync, rmSync, writeFileSync, utimesSync } from 'node:fs';
import { openStore, type SqliteStore } from '../../src/store/index.ts';
import { Watcher } from '../../src/watch/watcher.ts';
import { StoreSink } from '../../src/watch/sink.ts';
import { storedSource } from '../../src/read/source-label.ts';
import { tempDir } from '../helpers.ts';

/**
 * A watched folder: the files already there are stored at start (rescan), a new file and a
 * changed file are stored as they appear (fs.watch), a touch that changes no byte stores
 * nothing, and a restarted watcher skips every file it already handled.
 */
let dir: string;
let inbox: string;

before(() => {
  dir = tempDir('sitrep-watch-folder-');
  inbox = join(dir, 'inbox');
  mkdirSync(join(inbox, 'sub'), { recursive: true });
});

after(() => rmSync(dir, { recursive: true, force: true }));

const story = (place: string, n: number) => `Clashes in ${place}\n\nMarch ${n}, 2019\n\nSecurity forces said ${n + 2} militants were killed in clashes near ${place} on Saturday, an official said.\n`;

async function docs(store: SqliteStore) {
  return (await store.listDocuments({ limit: 500, allVersions: true })).items;
}

/** Wait for the store to hold `n` document versions (bounded; file events arrive when they do). */
async function until(store: SqliteStore, w: Watcher, n: number): Promise<void> {
  for (let i = 0; i < 600 && (await docs(store)).length < n; i++) {
    await w.folderIdle();
    await new Promise((r) => setTimeout(r, 50));
  }
  await w.folderIdle();
}

test('rescan at start, new and changed files as they come, nothing twice across a restart', async () => {
  writeFileSync(join(inbox, 'a.txt'), story('Mosul', 1));
  writeFileSync(join(inbox, 'sub', 'b.txt'), story('Raqqa', 2));
  writeFileSync(join(inbox, '.hidden.txt'), story('Homs', 3));
  writeFileSync(join(inbox, 'notes.bin'), 'not an input kind');
  const path = join(dir, 'f.db');
  let store = openStore(path) as SqliteStore;
  let w = new Watcher(store, new StoreSink(store), { intervalMs: 60_000, debounceMs: 50 });
  await w.start([{ kind: 'folder', path: inbox }]);
  assert.deepEqual((await docs(store)).map((d) => d.source).sort(), [join(inbox, 'a.txt'), join(inbox, 'sub', 'b.txt')].map((p) => storedSource(p)).sort(), 'stored as `sitrep ingest` names them');

  writeFileSync(join(inbox, 'sub', 'c.txt'), story('Aleppo', 4));
  await until(store, w, 3);
  assert.equal((await docs(store)).length, 3, 'a new file is stored');

  writeFileSync(join(inbox, 'a.txt'), story('Mosul', 1) + 'Officials later raised the toll.\n');
  await until(store, w, 4);
  const d = await docs(store);
  assert.equal(d.length, 4);
  assert.equal(Math.max(...d.map((x) => x.version)), 2, 'a changed file is a new version');

  // A touch: new mtime, same bytes: read again, stored as unchanged (no new version).
  const t = new Date(Date.now() + 5000);
  utimesSync(join(inbox, 'sub', 'b.txt'), t, t);
  writeFileSync(join(inbox, 'd.txt'), story('Kirkuk', 5)); // a marker event after the touch
  await until(store, w, 5);
  assert.equal((await docs(store)).length, 5);
  await w.stop();
  await store.close();

  // Restart: the rescan finds nothing new and stores nothing (no ingest run).
  store = openStore(path) as SqliteStore;
  const runs = (await store.listRuns(100)).length;
  w = new Watcher(store, new StoreSink(store), { intervalMs: 60_000, debounceMs: 50 });
  await w.start([{ kind: 'folder', path: inbox }]);
  await w.folderIdle();
  assert.equal((await docs(store)).length, 5);
  assert.equal((await store.listRuns(100)).length, runs);
  const st = (await store.watch.listSources()).find((s) => s.kind === 'folder')!;
  assert.equal(st.items, 5);
  assert.ok(st.lastSuccess);
  await w.stop();
  await store.close();
});
