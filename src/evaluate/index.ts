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
import { scorer as ipe } from './ipe.ts';
import { scorer as codedEvents, joinCoded, type JoinProblem } from './fakes-events.ts';
import { heldOut, joinIncidents, runIncidents, scoreIncidents } from './incidents.ts';
import { recase, type CaseMode } from './case.ts';

/** The scorers `sitrep evaluate` runs; each runs only where the gold file annotates its layer. */
export const SCORERS: Scorer[] = [ner, toponyms, timex, docdate, events, ipe, codedEvents];

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
  sections: Array<{ scorer: string; metrics: Metric[]; details?: string[] }>;
  /** Gold lines left out, and why (annotations whose text is missing or changed). */
  skipped?: JoinProblem[];
}

export interface EvaluateOptions {
  /** Also list, per scorer that can, the items it scored wrong. */
  details?: boolean;
  /** Score the gold re-cased (case.ts): how extraction holds on caseless text. */
  case?: CaseMode;
}

function scoreGold(label: string, gold: GoldDoc[], predPath: string | undefined, ctx: Context | undefined, opts: EvaluateOptions): Report {
  const pairs = predict(gold, predPath, ctx);
  const sections = SCORERS.filter((s) => s.applies(gold)).map((s) => ({
    scorer: s.name,
    metrics: s.score(pairs),
    ...(opts.details && s.details ? { details: s.details(pairs) } : {}),
  }));
  return { gold: label, docs: gold.length, sections };
}

export function evaluate(goldPath: string, predPath?: string, ctx?: Context, opts: EvaluateOptions = {}): Report {
  const gold = readJsonl<GoldDoc>(goldPath);
  if (!opts.case) return scoreGold(goldPath, gold, predPath, ctx, opts);
  const { docs, dropped } = recase(gold, opts.case);
  return scoreGold(`${goldPath} (${opts.case}-cased${dropped ? `, ${dropped} left out whose length would change` : ''})`, docs, predPath, ctx, opts);
}

/** Hand-coded event annotations (keyed by id and offsets, no text) joined with a texts file. */
export function evaluateCoded(annotationPaths: string[], textsPath: string, predPath?: string, ctx?: Context, opts: EvaluateOptions = {}): Report {
  const { docs, problems } = joinCoded(annotationPaths, textsPath);
  return { ...scoreGold(`${annotationPaths.join(' + ')} on ${textsPath}`, docs, predPath, ctx, opts), skipped: problems };
}

/**
 * Hand-labelled incident groups (which articles report which incident, keyed by id, no text) joined
 * with a texts file: the articles go through a fresh store and its clusters and contradictions are
 * scored (incidents.ts), on all articles and on the held-out half the clustering weights never saw.
 */
export async function evaluateIncidents(labelsPath: string, textsPath: string, predPath?: string, ctx?: Context, opts: EvaluateOptions = {}): Promise<Report> {
  const { articles, problems } = joinIncidents(labelsPath, textsPath);
  const pred = predPath ? new Map(readJsonl<DocResult>(predPath).map((d) => [d.id, d])) : undefined;
  const run = await runIncidents(articles, pred, ctx);
  const all = scoreIncidents(articles, run);
  const held = scoreIncidents(articles, run, ' (held-out)', (l) => heldOut(l.incident));
  return {
    gold: `${labelsPath} on ${textsPath}`,
    docs: articles.length,
    sections: [{ scorer: 'incidents', metrics: [...all.metrics, ...held.metrics], ...(opts.details ? { details: all.details } : {}) }],
    skipped: problems,
  };
}

export function formatReport(r: Report): string {
  const lines = [`${r.gold}: ${r.docs} documents`];
  if (r.skipped?.length) {
    lines.push(`  SKIPPED ${r.skipped.length} annotated document(s):`);
    for (const p of r.skipped) lines.push(`    ${p.id} (${p.file}): ${p.problem}`);
  }
  for (const s of r.sections) {
    lines.push(`  ${s.scorer}`);
    for (const m of s.metrics) lines.push(`    ${m.metric.padEnd(40)} ${m.value.toFixed(3).padStart(7)}   (n=${m.n})`);
    if (s.details?.length) {
      lines.push(`  ${s.scorer}: what is wrong`);
      for (const d of s.details) lines.push(`    ${d}`);
    }
  }
  return lines.join('\n');
}
