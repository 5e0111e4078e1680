import type { DocResult } from '../doc.ts';

/** One line of a gold file (CONTRACT.md, "Gold files"). Absent key = not annotated. */
export interface GoldDoc {
  id: string;
  text: string;
  doc_date?: string | null;
  entities?: Array<{ start: number; end: number; text: string; type: string; accept?: string[]; orig_type?: string }>;
  toponyms?: Array<{ start: number; end: number; text: string; lat?: number; lon?: number; geonameid?: number; kind?: string }>;
  timexes?: Array<{ start: number; end: number; text: string; type: string; value: string; mod?: string }>;
  events?: Array<Record<string, any>>;
  [k: string]: unknown;
}

export interface Pair {
  gold: GoldDoc;
  pred: DocResult;
}

/** A row of the score table: metric name, value, and how many items it was computed over. */
export interface Metric {
  metric: string;
  value: number;
  n: number;
}

/** A scorer for one layer; it says whether the gold file annotates its layer at all. */
export interface Scorer {
  name: string;
  applies(gold: GoldDoc[]): boolean;
  score(pairs: Pair[]): Metric[];
  /** Optional per-item listing of what is wrong, for `--verbose`. */
  details?(pairs: Pair[]): string[];
}
