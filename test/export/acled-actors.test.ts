import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { SqliteStore } from '../../src/store/sqlite/index.ts';
import { eventsWithReports, acledRow } from '../../src/export/index.ts';
import { interaction } from '../../src/export/acled.ts';
import { tempDir } from '../helpers.ts';
import { strikeReport } from '../store/contract.ts';

/** The ACLED CSV's actor columns: ACLED-style names, actor classes and the interaction code. */
const dir = tempDir('sitrep-acled-actors-');
after(() => rmSync(dir, { recursive: true, force: true }));

describe('ACLED CSV actor columns', () => {
  it('interaction: the two classes, the lower first; one actor alone is its class times ten', () => {
    assert.equal(interaction(1, 7), 17);
    assert.equal(interaction(7, 1), 17);
    assert.equal(interaction(8, 2), 28);
    assert.equal(interaction(6, null), 60);
    assert.equal(interaction(null, null), '');
  });

  it('actor1, inter1, actor2, inter2 and interaction come from the stored actors', async () => {
    const store = new SqliteStore(join(dir, 'a.db'));
    const actors = [
      { entity: 'org:cjtf-oir', name: 'Coalition', role: 'actor1', inter: 8, acledName: 'Coalition Forces: US-led coalition' },
      { entity: 'org:isis', name: 'Islamic State', role: 'target', inter: 2, acledName: 'Islamic State (Syria)' },
    ];
    await store.ingest(strikeReport('https://a.example/1', 'Outlet A', { actors }));
    const rows = [];
    for await (const e of eventsWithReports(store, {})) rows.push(acledRow(e));
    assert.equal(rows.length, 1);
    const r = rows[0];
    assert.equal(r.actor1, 'Coalition Forces: US-led coalition');
    assert.equal(r.inter1, 8);
    assert.equal(r.actor2, 'Islamic State (Syria)');
    assert.equal(r.inter2, 2);
    assert.equal(r.interaction, 28);
    store.close?.();
  });
});
