import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/index.ts';
import { tempDir } from '../helpers.ts';
import { fixture, BAGHOUZ } from './fixtures.ts';

/**
 * Future and hypothetical acts stay flagged in the extraction (`sitrep extract`) but make no stored
 * event, so they never reach the ACLED export or the dashboard's counts (issue 12).
 */
test('a future or hypothetical event is never stored as an event', async () => {
  const store = new SqliteStore(join(tempDir(), 'unreal.db'));
  try {
    const input = fixture({
      source: 'unreal.txt',
      published: '2019-03-20',
      events: [
        { sentence: 'Coalition jets struck Baghouz on Monday.', location: BAGHOUZ, date: { value: '2019-03-18', precision: 'day' } },
        { sentence: 'The SDF will launch a final assault on Baghouz.', type: 'Battles', subtype: 'Armed clash', modality: 'future', location: BAGHOUZ, date: null },
        { sentence: 'Officials said jets could strike again.', modality: 'hypothetical', location: BAGHOUZ, date: null },
      ],
    });
    await store.ingest(input);
    const page = await store.listEvents({});
    assert.equal(page.items.length, 1, 'only what happened is an event');
    assert.equal(page.items[0].type, 'Explosions/Remote violence');
    const doc = (await store.listDocuments({})).items[0];
    const stored = await store.getDocument(doc.id);
    assert.ok(stored!.result.events.every((e) => e.modality !== 'future' && e.modality !== 'hypothetical'));
  } finally {
    await store.close();
  }
});
