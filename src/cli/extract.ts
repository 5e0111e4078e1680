import { parseArgs } from 'node:util';
import type { Command } from './main.ts';
import { extract } from '../extract.ts';
import { isErrorRecord } from '../read/errors.ts';

export const command: Command = {
  summary: 'Extract mentions, places, times, events and claims from documents as contract JSON.',
  usage: 'sitrep extract [--format jsonl|pretty] [--reference-date YYYY-MM-DD] [--pack NAME]... PATH... (- for stdin)',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'jsonl' },
        'reference-date': { type: 'string' },
        pack: { type: 'string', multiple: true },
        'no-debug': { type: 'boolean', default: false },
      },
    });
    if (!positionals.length) throw new Error(`no input given\nusage: ${this.usage}`);
    if (!['jsonl', 'pretty'].includes(values.format!)) throw new Error(`unknown --format ${values.format}`);
    const ref = values['reference-date'];
    if (ref && !/^\d{4}-\d{2}-\d{2}$/.test(ref)) throw new Error(`--reference-date must be YYYY-MM-DD, not ${ref}`);
    let failed = 0;
    let ok = 0;
    for await (const r of extract(positionals, { referenceDate: ref, packs: values.pack, debug: !values['no-debug'] })) {
      if (isErrorRecord(r)) failed++;
      else ok++;
      const line = values.format === 'pretty' ? JSON.stringify(r, null, 2) : JSON.stringify(r);
      if (!process.stdout.write(line + '\n')) await new Promise((res) => process.stdout.once('drain', res));
    }
    process.stderr.write(`sitrep extract: ${ok} document(s) extracted, ${failed} failed\n`);
    return failed ? 1 : 0;
  },
};
