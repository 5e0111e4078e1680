import { parseArgs } from 'node:util';
import type { Command } from './main.ts';
import { evaluate, formatReport } from '../evaluate/index.ts';

export const command: Command = {
  summary: 'Score extraction against gold JSONL files (entities, toponyms, times, dates, events).',
  usage: 'sitrep evaluate --gold FILE.jsonl [--gold FILE2.jsonl ...] [--pred FILE.jsonl] [--json]',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { gold: { type: 'string', multiple: true }, pred: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    if (!values.gold?.length) throw new Error(`--gold is required\nusage: ${this.usage}`);
    for (const g of values.gold) {
      const report = evaluate(g, values.pred);
      process.stdout.write((values.json ? JSON.stringify(report) : formatReport(report)) + '\n');
    }
    return 0;
  },
};
