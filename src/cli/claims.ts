import { parseArgs } from 'node:util';
import type { Command } from './main.ts';
import { openExisting } from '../store/index.ts';
import { stdoutWriter, textTable } from '../export/index.ts';

export const command: Command = {
  summary: 'List stored numeric claims: the number, what it counts, about whom, who says so, where.',
  usage: 'sitrep claims [--db FILE] [--unit U] [--subject ID] [--claimant ID] [--document ID] [--event ID] [--limit N] [--format table|jsonl]',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        db: { type: 'string' },
        unit: { type: 'string' },
        subject: { type: 'string' },
        claimant: { type: 'string' },
        document: { type: 'string' },
        event: { type: 'string' },
        limit: { type: 'string' },
        format: { type: 'string', default: 'table' },
      },
    });
    if (!['table', 'jsonl'].includes(values.format!)) throw new Error(`unknown --format ${values.format} (table, jsonl)`);
    const max = values.limit ? Number(values.limit) : values.format === 'table' ? 100 : Infinity;
    const store = openExisting(values.db);
    try {
      const write = stdoutWriter();
      const rows: unknown[][] = [];
      let cursor: string | null = null;
      let n = 0;
      do {
        const page = await store.listClaims({ unit: values.unit, subject: values.subject, claimant: values.claimant, documentId: values.document, eventId: values.event, cursor, limit: 500 });
        for (const c of page.items) {
          if (n++ >= max) break;
          if (values.format === 'jsonl') await write(JSON.stringify(c) + '\n');
          else rows.push([`${c.approximate ? '~' : ''}${c.text}`, c.unit, c.subjectName ?? c.subject ?? '', c.claimantName ?? c.claimant ?? '', c.outlet ?? c.source, c.published ?? '', c.documentId]);
        }
        cursor = n < max ? page.next : null;
      } while (cursor);
      if (values.format === 'table') process.stdout.write(rows.length ? textTable(['number', 'unit', 'about', 'says who', 'outlet', 'published', 'document'], rows) : 'no claims match\n');
      return 0;
    } finally {
      await store.close();
    }
  },
};
