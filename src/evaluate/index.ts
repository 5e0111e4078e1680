import { readFileSync } from 'node:fs';
import type { DocResult } from '../doc.ts';
import { Context } from '../context.ts';
import { recordDoc } from '../read/records.ts';
import { runPipeline } from '../pipeline.ts';
import { toResult } from '../result.ts';
import type { GoldDoc, Metric, Pair, Scorer } from './types.ts';
import { scorer as ner } from './ner.ts';
import { scorer as toponyms } from './toponyms.ts';
import { scorer as timex } from './timex.ts';
import { scorer as docdate } from './docdate.ts';
import { scorer as events } from './events.ts';

/** The scorers `sitrep evaluate` runs; each runs only where the gold file annotates its layer. */
export const SCORERS: Scorer[] = [ner, toponyms, timex, docdate, events];

export function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** Predictions for gold documents: read from a file (matched by id) or extracted now. */
export function predict(gold: GoldDoc[], predPath?: string, ctx = new Context()): Pair[] {
  if (predPath) {
    const byId = new Map(readJsonl<DocResult>(predPath).map((d) => [d.id, d]));
    return gold.map((g) => ({ gold: g, pred: byId.get(g.id) ?? emptyResult(g) }));
  }
  return gold.map((g) => ({ gold: g, pred: toResult(runPipeline(recordDoc(g, g.id), ctx)) }));
}

function emptyResult(g: GoldDoc): DocResult {
  return { id: g.id, source: g.id, meta: { outlet: null, title: null, published: null, body: { start: 0, end: g.text.length } }, mentions: [], places: [], times: [], events: [], claims: [] };
}

export interface Report {
  gold: string;
  docs: number;
  sections: Array<{ scorer: string; metrics: Metric[] }>;
}

export function evaluate(goldPath: string, predPath?: string, ctx?: Context): Report {
  const gold = readJsonl<GoldDoc>(goldPath);
  const pairs = predict(gold, predPath, ctx);
  const sections = SCORERS.filter((s) => s.applies(gold)).map((s) => ({ scorer: s.name, metrics: s.score(pairs) }));
  return { gold: goldPath, docs: gold.length, sections };
}

export function formatReport(r: Report): string {
  const lines = [`${r.gold}: ${r.docs} documents`];
  for (const s of r.sections) {
    lines.push(`  ${s.scorer}`);
    for (const m of s.metrics) lines.push(`    ${m.metric.padEnd(40)} ${m.value.toFixed(3).padStart(7)}   (n=${m.n})`);
  }
  return lines.join('\n');
}
