import type { Mention } from '../doc.ts';
import type { GoldDoc, Metric, Pair, Scorer } from './types.ts';
import { overlaps, prf } from './prf.ts';

/**
 * Named-entity scorer: precision, recall and F1, micro over all types and per type, with strict
 * matching (same start, same end, an accepted type) and overlap matching (spans share a character,
 * accepted type; one-to-one, CoNLL/MUC-style partial credit).
 *
 * Conventions, chosen to score re3d-style gold fairly (see ../shared/dev/README.md):
 * - A gold span's type is accepted as given, or any type of its `accept` list (re3d's single
 *   Location type accepts GPE, LOC and FAC).
 * - Gold types outside PERSON/ORG/GPE/LOC/FAC/NORP (re3d's OTHER: weapons, quantities, dates) are
 *   not scored. A prediction overlapping such a span and no scored gold span is ignored, neither
 *   right nor wrong: the annotators marked that stretch as something we do not label ("Israeli"
 *   inside the MilitaryPlatform "Israeli jets").
 * - Gold is flat (a span nested in a longer scored span was removed), so predictions are
 *   flattened the same way before scoring: a mention inside a longer predicted mention (the NORP
 *   "Iraqi" inside "Iraqi Prime Minister Haider al-Abadi") is not counted.
 * - Per-type rows count a gold span's recall under its gold type and a false positive under the
 *   predicted type.
 * - An extra row scores names only: gold spans without a capital letter, and pronouns, are set
 *   aside like OTHER spans (re3d also marks "he", "we", "civilians"; an NER system finds names).
 */

export const NER_TYPES = ['PERSON', 'ORG', 'GPE', 'LOC', 'FAC', 'NORP'];

type GoldEnt = NonNullable<GoldDoc['entities']>[number];

function accepts(g: GoldEnt, type: string): boolean {
  return g.accept?.length ? g.accept.includes(type) : g.type === type;
}

/** Drop predictions nested inside a longer prediction (gold is flat the same way). */
export function flatten(ms: Mention[]): Mention[] {
  return ms.filter((m) => !ms.some((o) => o !== m && o.start <= m.start && m.end <= o.end && o.end - o.start > m.end - m.start));
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

/**
 * Is a gold span a name? Some gold sets (re3d) also mark pronouns and common noun phrases
 * ("he", "we", "civilians", "the camp"); a name has a capital letter and is not a pronoun.
 * Used only for the extra "names only" rows, which show how well names are found.
 */
const PRONOUN = /^(?:i|me|my|we|us|our|ours|he|him|his|she|her|hers|it|its|they|them|their|theirs|you|your)$/i;
export function isName(g: { text: string }): boolean {
  return /\p{Lu}/u.test(g.text) && !PRONOUN.test(g.text.trim());
}

export function scoreNer(pairs: Pair[], mode: 'strict' | 'overlap', namesOnly = false): { micro: Counts; byType: Map<string, Counts> } {
  const micro: Counts = { tp: 0, fp: 0, fn: 0 };
  const byType = new Map<string, Counts>(NER_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  const bump = (t: string, k: keyof Counts) => {
    micro[k]++;
    const c = byType.get(t);
    if (c) c[k]++;
  };
  for (const { gold, pred } of pairs) {
    if (!Array.isArray(gold.entities)) continue;
    const scored = gold.entities.filter((g) => (NER_TYPES.includes(g.type) || g.accept?.some((t) => NER_TYPES.includes(t))) && (!namesOnly || isName(g)));
    const other = gold.entities.filter((g) => !scored.includes(g));
    const preds = flatten((pred.mentions ?? []).filter((m) => NER_TYPES.includes(m.type)));
    const used = new Set<GoldEnt>();
    for (const p of preds) {
      const match = (g: GoldEnt) => !used.has(g) && accepts(g, p.type) && (mode === 'strict' ? g.start === p.start && g.end === p.end : overlaps(g, p));
      // Prefer the exact span, then the largest overlap.
      let best: GoldEnt | undefined = scored.find((g) => match(g) && g.start === p.start && g.end === p.end);
      if (!best && mode === 'overlap') {
        let bestOv = 0;
        for (const g of scored) {
          if (!match(g)) continue;
          const ov = Math.min(g.end, p.end) - Math.max(g.start, p.start);
          if (ov > bestOv) {
            bestOv = ov;
            best = g;
          }
        }
      }
      if (best) {
        used.add(best);
        bump(best.type, 'tp');
      } else if (!scored.some((g) => overlaps(g, p)) && other.some((g) => overlaps(g, p))) {
        // Inside a span of a kind we do not label: not scored.
      } else {
        bump(p.type, 'fp');
      }
    }
    for (const g of scored) if (!used.has(g)) bump(g.type, 'fn');
  }
  return { micro, byType };
}

export const scorer: Scorer = {
  name: 'ner',
  applies: (gold) => gold.some((g) => Array.isArray(g.entities)),
  score(pairs) {
    const out: Metric[] = [];
    for (const mode of ['strict', 'overlap'] as const) {
      const { micro, byType } = scoreNer(pairs, mode);
      const m = prf(micro.tp, micro.fp, micro.fn);
      const n = micro.tp + micro.fn;
      out.push({ metric: `${mode} micro P`, value: m.p, n: micro.tp + micro.fp });
      out.push({ metric: `${mode} micro R`, value: m.r, n });
      out.push({ metric: `${mode} micro F1`, value: m.f1, n });
      // Per gold type (a type the gold never uses, e.g. LOC under re3d's accept lists, has no row;
      // its false positives still count in the micro figures).
      for (const [t, c] of byType) {
        if (!c.tp && !c.fn) continue;
        const r = prf(c.tp, c.fp, c.fn);
        out.push({ metric: `${mode} ${t} F1 (P ${r.p.toFixed(2)} R ${r.r.toFixed(2)})`, value: r.f1, n: c.tp + c.fn });
      }
    }
    // Names only: gold pronouns and lower-case noun phrases set aside (predictions on them ignored).
    const named = scoreNer(pairs, 'strict', true).micro;
    const r = prf(named.tp, named.fp, named.fn);
    out.push({ metric: `strict micro F1, names only (P ${r.p.toFixed(2)} R ${r.r.toFixed(2)})`, value: r.f1, n: named.tp + named.fn });
    return out;
  },
};
