import { parseArgs } from 'node:util';
import type { Command } from './main.ts';
import { openExisting } from '../store/index.ts';
import { stdoutWriter } from '../export/index.ts';

export const command: Command = {
  summary: 'Event additions, updates and deletions since a cursor, as JSONL, for downstream sync.',
  usage: 'sitrep changes [--db FILE] [--since CURSOR] [--limit N]   (prints the cursor to resume from on stderr and as the last line)',
  async run(args) {
    const { values } = parseArgs({ args, options: { db: { type: 'string' }, since: { type: 'string' }, limit: { type: 'string' } } });
    if (values.since && !/^\d+$/.test(values.since)) throw new Error(`--since takes a cursor printed by an earlier run (a number), not ${values.since}`);
    const max = values.limit ? Number(values.limit) : Infinity;
    const store = openExisting(values.db);
    try {
      const write = stdoutWriter();
      let cursor = values.since ?? '0';
      let n = 0;
      for (;;) {
        const feed = await store.changes(cursor, Math.min(1000, max - n));
        for (const c of feed.changes) await write(JSON.stringify(c) + '\n');
        n += feed.changes.length;
        cursor = feed.cursor;
        if (!feed.changes.length || n >= max) break;
      }
      await write(JSON.stringify({ cursor }) + '\n');
      process.stderr.write(`sitrep changes: ${n} change(s); resume with --since ${cursor}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
