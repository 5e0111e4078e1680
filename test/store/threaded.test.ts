import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { Doc } from '../../src/doc.ts';
import { SqliteStore } from '../../src/store/sqlite/index.ts';
import { ingestDocs } from '../../src/store/ingest.ts';
import { tempDir } from '../helpers.ts';

const dir = tempDir('sitrep-thread-');
after(() => rmSync(dir, { recursive: true, force: true }));

const docs = () =>
  Array.from({ length: 12 }, (_, i) =>
    new Doc({ id: `d${i}`, source: `t/${i % 10}.txt`, text: `Report ${i % 10}. Fighting near the river was reported on Monday.${i >= 10 ? ' Updated.' : ''}\n`, kind: 'text' }),
  );

describe('threaded writer', () => {
  it('stores the same documents as inline ingest, outcomes in input order', async () => {
    const results: Record<string, string[]> = {};
    for (const threaded of [false, true]) {
      const store = new SqliteStore(join(dir, `t-${threaded}.db`));
      const seen: string[] = [];
      const run = await ingestDocs(store, [...docs(), ...docs()], { threaded, onDocument: (o) => seen.push('status' in o ? o.status : 'skip') });
      assert.equal(run.seen, 24);
      assert.equal(run.added + run.versions, 12);
      assert.equal(run.unchanged, 12);
      results[String(threaded)] = seen;
      assert.equal((await store.listDocuments({ allVersions: true })).items.length, 12);
      await store.close();
    }
    assert.deepEqual(results.true, results.false);
    assert.deepEqual(results.true.slice(0, 12), [...Array(10).fill('added'), 'new_version', 'new_version']);
  });
});
