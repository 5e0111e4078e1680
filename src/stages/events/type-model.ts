import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventType, Range } from '../../doc.ts';
import type { EventRule } from './lexicon.ts';

/**
 * A learned second opinion on the rules' type and subtype. The rules (detect.ts) pick the
 * highest-priority trigger of a clause; they cannot weigh the rest of the report ("clashes ...
 * using mortars", "protested against the arrest of ..."). This model is a multinomial logistic
 * regression over the event's words (unigrams and bigrams, lower-cased, numbers and month names
 * left out) and the rules' own answer as features, so it learns both when to trust the rules and
 * which words outweigh them. It is trained by scripts/train-event-type.ts on ACLED event
 * descriptions (../shared/dev/acled-notes.jsonl) and shipped in data/events/type-model.json; the
 * script reports its k-fold (held-out) accuracy next to the rules'.
 *
 * It only replaces the rules' answer when it is confident (probability >= the model's `minProb`)
 * and the rules' answer is not close behind (`margin`): on text unlike the training notes the
 * rule feature dominates and the rules stand. Without the file the rules decide alone.
 */
export interface TypeModel {
  about?: string;
  /** "Type/Subtype" labels, index = class. */
  labels: string[];
  bias: number[];
  /** feature -> [classIndex, weight, classIndex, weight, ...] (sparse; small weights pruned). */
  weights: Record<string, number[]>;
  minProb: number;
  margin: number;
  /** Training notes per label: a label seen fewer than `minSupport` times is never judged by the model. */
  support?: number[];
  minSupport?: number;
}

const MONTHS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

const FUNCTION_WORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'with', 'by', 'as', 'is', 'was', 'were', 'are', 'be',
  'been', 'it', 'its', 'this', 'that', 'which', 'who', 'their', 'his', 'her', 'they', 'he', 'she', 'when', 'while', 'after', 'also',
]);

/** The features of an event's text and the rules' answer (shared by the stage and the trainer). */
export function typeFeatures(text: string, rule: { type: string; subtype: string } | null): string[] {
  // Months and function words say how a text is written, not what happened: left out, so that the
  // model leans on the words of the act and its participants.
  const words = (text.toLowerCase().match(/[a-z]+(?:['’-][a-z]+)*/g) ?? []).filter((w) => !MONTHS.has(w) && !FUNCTION_WORDS.has(w));
  const out = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    out.add(words[i]);
    if (i + 1 < words.length) out.add(`${words[i]} ${words[i + 1]}`);
  }
  out.add(rule ? `rule:${rule.type}` : 'rule:none');
  out.add(rule ? `rule:${rule.type}/${rule.subtype}` : 'rule:none/none');
  return [...out];
}

/** Class probabilities (softmax of bias + summed feature weights). */
export function typeProbs(model: TypeModel, feats: string[]): number[] {
  const z = model.bias.slice();
  for (const f of feats) {
    const w = model.weights[f];
    if (!w) continue;
    for (let k = 0; k < w.length; k += 2) z[w[k]] += w[k + 1];
  }
  const max = Math.max(...z);
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    z[i] = Math.exp(z[i] - max);
    sum += z[i];
  }
  return z.map((v) => v / sum);
}

/**
 * The model's answer for an event, or null to keep the rules': the top class when it is at least
 * `minProb` likely and beats the rules' class by at least `margin`.
 */
export function modelType(model: TypeModel, text: string, rule: { type: string; subtype: string } | null): { type: EventType; subtype: string; p: number } | null {
  const p = typeProbs(model, typeFeatures(text, rule));
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
  const ruleIdx = rule ? model.labels.indexOf(`${rule.type}/${rule.subtype}`) : -1;
  // (a damaged weights file gives NaN: the rules decide)
  if (best === ruleIdx || !Number.isFinite(p[best])) return null;
  if (p[best] < model.minProb || p[best] - (ruleIdx >= 0 ? p[ruleIdx] : 0) < model.margin) return null;
  // A label the notes rarely show (a handful of "Government regains territory") is one the model
  // cannot weigh: the rules' reading of it stands, and the model never proposes it.
  const min = model.minSupport ?? 0;
  if (model.support && (model.support[best] < min || (rule && (ruleIdx < 0 || model.support[ruleIdx] < min)))) return null;
  const label = model.labels[best];
  const cut = label.lastIndexOf('/');
  // "Explosions/Remote violence/Air/drone strike": the type is the known prefix, the rest the subtype.
  const type = TYPES.find((t) => label.startsWith(`${t}/`)) ?? (label.slice(0, cut) as EventType);
  // The subtype of an explosion is the weapon the trigger names (ACLED: air strike, shelling, IED,
  // grenade...): the model may say whether it was an explosion at all, not swap the weapon.
  if (rule && type === rule.type && type === 'Explosions/Remote violence') return null;
  return { type, subtype: label.slice(type.length + 1), p: p[best] };
}

const TYPES: EventType[] = ['Explosions/Remote violence', 'Battles', 'Violence against civilians', 'Protests', 'Riots', 'Strategic developments'];

function loadModel(): TypeModel | null {
  try {
    const file = resolvePath(dirname(fileURLToPath(import.meta.url)), '../../../data/events/type-model.json');
    if (!existsSync(file)) return null;
    const m = JSON.parse(readFileSync(file, 'utf8')) as TypeModel;
    return Array.isArray(m.labels) && Array.isArray(m.bias) && m.bias.length === m.labels.length && m.weights ? m : null;
  } catch {
    return null;
  }
}

let MODEL: TypeModel | null | undefined;
/** For the training script: classify with another model, or with none (the rules alone). */
export const typeModelSwitch: { model: TypeModel | null | undefined } = { model: undefined };

function current(): TypeModel | null {
  if (typeModelSwitch.model !== undefined) return typeModelSwitch.model;
  if (MODEL === undefined) MODEL = loadModel();
  return MODEL;
}

/**
 * The rule an event is coded with: the rules' own, or the model's reading of the event's
 * sentences when it is confident (see above). The priority stays the rules' (it measures the
 * trigger's strength, which the model does not change).
 */
export function retype(text: string, evidence: Range[], rule: EventRule): EventRule {
  const model = current();
  if (!model) return rule;
  const words = evidence.map((r) => text.slice(r.start, r.end)).join(' ');
  const m = modelType(model, words, rule);
  return m ? { type: m.type, subtype: m.subtype, priority: rule.priority } : rule;
}
