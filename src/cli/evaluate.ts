import { parseArgs } from 'node:util';
import type { Command } from './main.ts';
import { evaluate, evaluateCoded, evaluateIncidents, formatReport, type Report } from '../evaluate/index.ts';

export const command: Command = {
  summary: 'Score extraction against gold JSONL files (entities, toponyms, times, dates, events, IndiaPoliceEvents, hand-coded events, incident groups).',
  usage:
    'sitrep evaluate --gold FILE.jsonl [--gold FILE2.jsonl ...] [--pred FILE.jsonl] [--case lower|upper] [--json] [--verbose]\n' +
    '       sitrep evaluate --gold-events CODED.jsonl [CODED2.jsonl ...] --texts TEXTS.jsonl [--pred FILE.jsonl] [--json] [--verbose]\n' +
    '       sitrep evaluate --gold-incidents INCIDENTS.jsonl --texts TEXTS.jsonl [--pred FILE.jsonl] [--json] [--verbose]',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        gold: { type: 'string', multiple: true },
        'gold-events': { type: 'string', multiple: true },
        'gold-incidents': { type: 'string', multiple: true },
        texts: { type: 'string' },
        pred: { type: 'string' },
        json: { type: 'boolean', default: false },
        verbose: { type: 'boolean', short: 'v', default: false },
        // Score the --gold files lower- or upper-cased: how extraction holds on caseless text.
        case: { type: 'string' },
      },
    });
    // A shell glob after --gold-events (test/gold/fakes-events*.jsonl) arrives as one value plus positionals.
    const coded = [...(values['gold-events'] ?? []), ...(values['gold-events']?.length ? positionals : [])];
    if (positionals.length && !values['gold-events']?.length) throw new Error(`unexpected argument ${positionals[0]}\nusage: ${this.usage}`);
    const incidents = values['gold-incidents'] ?? [];
    if (!values.gold?.length && !coded.length && !incidents.length) throw new Error(`--gold, --gold-events or --gold-incidents is required\nusage: ${this.usage}`);
    if (coded.length && !values.texts) throw new Error(`--gold-events needs --texts (the articles the annotations point into)\nusage: ${this.usage}`);
    if (incidents.length && !values.texts) throw new Error(`--gold-incidents needs --texts (the labelled articles)\nusage: ${this.usage}`);
    if (values.case !== undefined && values.case !== 'lower' && values.case !== 'upper') throw new Error(`--case is lower or upper\nusage: ${this.usage}`);
    const opts = { details: values.verbose, case: values.case as 'lower' | 'upper' | undefined };
    const show = (report: Report) => {
      for (const p of report.skipped ?? []) process.stderr.write(`sitrep evaluate: skipped ${p.id} (${p.file}): ${p.problem}\n`);
      process.stdout.write((values.json ? JSON.stringify(report) : formatReport(report)) + '\n');
    };
    for (const g of values.gold ?? []) show(evaluate(g, values.pred, undefined, opts));
    if (coded.length) show(evaluateCoded(coded, values.texts!, values.pred, undefined, opts));
    for (const g of incidents) show(await evaluateIncidents(g, values.texts!, values.pred, undefined, opts));
    return 0;
  },
};
