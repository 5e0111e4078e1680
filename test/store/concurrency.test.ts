import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { SqliteStore } from '../../src/store/sqlite/index.ts';
import { ROOT, tempDir } from '../helpers.ts';

const dir = tempDir('sitrep-conc-');
after(() => rmSync(dir, { recursive: true, force: true }));

describe('concurrent readers', () => {
  it('readers in this process query while another process ingests (WAL): no errors, counts only grow', async () => {
    const db = join(dir, 'conc.db');
    // Create and migrate first so both sides open a ready database.
    await new SqliteStore(db).close();
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/store/ingest-child.ts'), db, '0', '200', '50'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const done = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    let finished = false;
    done.then(() => (finished = true));
    const readers = [new SqliteStore(db), new SqliteStore(db)];
    let last = 0;
    let reads = 0;
    const seen = new Set<number>();
    while (!finished) {
      for (const r of readers) {
        const docs = (await r.listDocuments({ limit: 10_000 })).items.length;
        assert.ok(docs >= last, `documents went back from ${last} to ${docs}`);
        last = docs;
        seen.add(last);
        const page = await r.listEvents({ type: 'Battles', limit: 20 });
        assert.ok(page.items.every((e) => e.type === 'Battles'));
        reads++;
      }
      await new Promise((res) => setTimeout(res, 10));
    }
    assert.equal(await done, 0, err);
    assert.equal((await readers[0].listDocuments({ limit: 10_000 })).items.length, 200);
    assert.ok(reads > 5 && seen.size > 2, `reads ${reads}, distinct counts seen ${seen.size}: readers saw ingest in progress`);
    for (const r of readers) await r.close();
  });
});
