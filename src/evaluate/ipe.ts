import type { ConflictEvent, EventActor } from '../doc.ts';
import type { GoldDoc, Metric, Pair, Scorer } from './types.ts';
import { overlaps, prf } from './prf.ts';

/**
 * IndiaPoliceEvents (Halterman et al. 2021): every sentence of a document is labelled for whether
 * police KILLed, ARRESTed or used FORCE. A sentence is predicted for a label when the evidence of a
 * sitrep event overlaps it (../shared/dev/README.md, "ipe"):
 *   ARREST  an event of subtype Arrests, or a detained count > 0;
 *   KILL    a police actor and a killed count (or best fatalities) > 0;
 *   FORCE   a police actor and any type but Strategic developments.
 * "A police actor" is the police as a side that acts: actor1, or actor2 (a battle's other side,
 * the force that intervenes in a riot or a protest). Police who are the target ("gunmen shot
 * dead five policemen") or only associated with the event did not kill or use force. An event
 * that did not happen (future, hypothetical, denied, negated: "the leaders should be arrested",
 * "no arrests were made") predicts nothing, as it reaches neither the ACLED export nor the
 * dashboard's counts.
 * Documents: predicted = some sentence predicted; gold = the document's `doc_labels`.
 *
 * Beside sitrep the scorer computes the data set's keyword anchor on the same sentences, so the
 * table shows how far the pipeline is from (or past) a naive baseline. Its word lists live here,
 * not in a pack: they define the baseline, they are not knowledge the product uses.
 */
export type IpeLabel = 'ARREST' | 'KILL' | 'FORCE';
export const IPE_LABELS: IpeLabel[] = ['ARREST', 'KILL', 'FORCE'];

interface GoldSentence {
  start: number;
  end: number;
  labels: string[];
}

/** Actor fields an events stage may add (ACLED name and actor class) beside the contract's own. */
type ActorLike = EventActor & { acledName?: string | null; inter?: number | null };

const POLICE = /\bpolice|\bpolicem[ae]n\b|\bcops?\b|\bconstab/i;

/**
 * Whether an event actor is the police: its entity id, name or ACLED name says so. The actor class
 * (`inter` 1, state forces) alone is not enough, since the army is state forces too; it only
 * rules out actors classed as something else (a "police station" mob is not the police).
 */
export function isPolice(a: ActorLike): boolean {
  if (typeof a.inter === 'number' && a.inter !== 1) return false;
  return [a.entity, a.name, a.acledName].some((s) => typeof s === 'string' && POLICE.test(s.replace(/[-_:]/g, ' ')));
}

function killed(e: ConflictEvent): boolean {
  return (e.counts?.killed ?? 0) > 0 || (e.fatalities?.best ?? 0) > 0;
}

/** Modalities of an event that did not (yet) happen. */
const UNREAL = new Set(['future', 'hypothetical', 'denied']);

/** Which labels one event predicts for the sentences its evidence overlaps. */
export function eventLabels(e: ConflictEvent): Set<IpeLabel> {
  const out = new Set<IpeLabel>();
  if (UNREAL.has(e.modality) || e.negated) return out;
  if (e.subtype === 'Arrests' || (e.counts?.detained ?? 0) > 0) out.add('ARREST');
  const police = e.actors.some((a) => (a.role === 'actor1' || a.role === 'actor2') && isPolice(a as ActorLike));
  if (police && killed(e)) out.add('KILL');
  if (police && e.type !== 'Strategic developments') out.add('FORCE');
  return out;
}

// The keyword anchor: arrest words; "police" plus kill words; "police" plus force words.
const ANCHOR_ARREST = /\b(?:arrest(?:s|ed|ing)?|detain(?:s|ed|ing)?|detention|nabbed|rounded up)\b/;
const ANCHOR_POLICE = /\bpolice(?:m[ae]n)?\b|\bcops?\b/;
const ANCHOR_KILL = /\b(?:kill(?:s|ed|ing)?|shot dead|gunned down|died|dead|death)\b/;
const ANCHOR_FORCE = /\b(?:fir(?:e|ed|ing)|shot|shoot(?:ing)?|lathi|lathi-?charged?|tear ?gas|baton|beat(?:en)?|kill(?:ed|ing)?|injur(?:ed|ing)|open(?:ed)? fire)\b/;

export function anchorLabels(sentence: string): Set<IpeLabel> {
  const s = sentence.toLowerCase();
  const out = new Set<IpeLabel>();
  if (ANCHOR_ARREST.test(s)) out.add('ARREST');
  if (ANCHOR_POLICE.test(s)) {
    if (ANCHOR_KILL.test(s)) out.add('KILL');
    if (ANCHOR_FORCE.test(s)) out.add('FORCE');
  }
  return out;
}

function sentencesOf(g: GoldDoc): GoldSentence[] | null {
  return Array.isArray(g.sentences) ? (g.sentences as GoldSentence[]) : null;
}

class Counts {
  tp = 0;
  fp = 0;
  fn = 0;
  add(pred: boolean, gold: boolean): void {
    if (pred && gold) this.tp++;
    else if (pred) this.fp++;
    else if (gold) this.fn++;
  }
}

type System = 'sitrep' | 'anchor';
type Level = 'sentence' | 'document';

export const scorer: Scorer = {
  name: 'ipe',
  applies: (gold) => gold.some((g) => sentencesOf(g) !== null),
  score(pairs: Pair[]): Metric[] {
    const key = (sys: System, level: Level, l: IpeLabel) => `${level} ${l} ${sys}`;
    const counts = new Map<string, Counts>();
    const c = (k: string) => counts.get(k) ?? counts.set(k, new Counts()).get(k)!;
    let nSent = 0;
    let nDoc = 0;
    for (const { gold, pred } of pairs) {
      const sents = sentencesOf(gold);
      if (!sents) continue;
      nDoc++;
      const docPred: Record<System, Set<IpeLabel>> = { sitrep: new Set(), anchor: new Set() };
      const labelled = pred.events.map((e) => ({ e, labels: eventLabels(e) })).filter((x) => x.labels.size);
      for (const s of sents) {
        nSent++;
        const got: Record<System, Set<IpeLabel>> = { sitrep: new Set(), anchor: anchorLabels(gold.text.slice(s.start, s.end)) };
        for (const { e, labels } of labelled) if (e.evidence.some((r) => overlaps(r, s))) for (const l of labels) got.sitrep.add(l);
        for (const sys of ['sitrep', 'anchor'] as System[]) {
          for (const l of IPE_LABELS) c(key(sys, 'sentence', l)).add(got[sys].has(l), s.labels.includes(l));
          for (const l of got[sys]) docPred[sys].add(l);
        }
      }
      const docGold = new Set(Array.isArray(gold.doc_labels) ? (gold.doc_labels as string[]) : []);
      for (const sys of ['sitrep', 'anchor'] as System[]) for (const l of IPE_LABELS) c(key(sys, 'document', l)).add(docPred[sys].has(l), docGold.has(l as IpeLabel));
    }
    const out: Metric[] = [];
    for (const level of ['sentence', 'document'] as Level[]) {
      const n = level === 'sentence' ? nSent : nDoc;
      for (const l of IPE_LABELS) {
        for (const sys of ['sitrep', 'anchor'] as System[]) {
          const k = c(key(sys, level, l));
          const { p, r, f1 } = prf(k.tp, k.fp, k.fn);
          out.push({ metric: `${level} ${l} F1 (${sys})`, value: f1, n });
          out.push({ metric: `${level} ${l} P (${sys})`, value: p, n: k.tp + k.fp });
          out.push({ metric: `${level} ${l} R (${sys})`, value: r, n: k.tp + k.fn });
        }
      }
    }
    return out;
  },
};
