import { parseArgs } from 'node:util';
import type { Command } from './main.ts';
import { openExisting } from '../store/index.ts';
import type { Contradiction } from '../store/types.ts';

/** Who says what, one block per contradiction. */
export function formatContradiction(c: Contradiction): string {
  const what = c.kind === 'event' ? `event ${c.eventId}` : (c.subjectName ?? c.subject ?? '?');
  const where = [c.date, c.place].filter(Boolean).join(', ');
  const lines = [`${c.unit} of ${what}${where ? ` (${where})` : ''}: ${c.min} vs ${c.max}  [${c.id}]`];
  for (const v of c.values) {
    const who = [v.claimantName ?? v.claimant, v.outlet ?? v.source].filter(Boolean).join(', via ');
    const quote = v.evidence.text.replace(/\s+/g, ' ').trim();
    lines.push(`  ${String(v.value).padStart(8)}  ${who}${v.published ? ` (${v.published})` : ''}: “${quote.length > 160 ? quote.slice(0, 159) + '…' : quote}”`);
  }
  return lines.join('\n') + '\n';
}

export const command: Command = {
  summary: 'List contradictions: the same quantity for the same event or subject, differing between sources beyond a tolerance.',
  usage: 'sitrep contradictions [--db FILE] [--unit U] [--since DATE] [--until DATE] [--place NAME] [--kind event|subject] [--subject ID] [--event ID] [--format text|jsonl]',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        db: { type: 'string' },
        unit: { type: 'string' },
        since: { type: 'string' },
        until: { type: 'string' },
        place: { type: 'string' },
        kind: { type: 'string' },
        subject: { type: 'string' },
        event: { type: 'string' },
        format: { type: 'string', default: 'text' },
      },
    });
    if (values.kind && values.kind !== 'event' && values.kind !== 'subject') throw new Error(`unknown --kind ${values.kind} (event, subject)`);
    if (!['text', 'table', 'jsonl'].includes(values.format!)) throw new Error(`unknown --format ${values.format} (text, jsonl)`);
    const store = openExisting(values.db);
    try {
      const cs = await store.listContradictions({
        unit: values.unit,
        since: values.since,
        until: values.until,
        place: values.place,
        kind: values.kind as 'event' | 'subject' | undefined,
        subject: values.subject,
        eventId: values.event,
      });
      if (values.format === 'jsonl') for (const c of cs) process.stdout.write(JSON.stringify(c) + '\n');
      else process.stdout.write(cs.length ? cs.map(formatContradiction).join('\n') : 'no contradictions found\n');
      return 0;
    } finally {
      await store.close();
    }
  },
};
