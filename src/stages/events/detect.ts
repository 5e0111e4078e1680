import type { Range } from '../../doc.ts';
import type { EventRule, Lexicon } from './lexicon.ts';

/**
 * Which event a clause reports: each rule's trigger words are looked for in the clause, rules
 * whose `requires`/`unless` condition fails are dropped, and the rule with the highest priority
 * wins (the rule listed first on a tie); rules come sorted by priority, so the first that fires wins.
 */
export interface Detection {
  rule: EventRule;
  trigger: Range;
  /** A negation right before the trigger ("did not attack"). */
  negated: boolean;
}

export function detect(text: string, clause: Range, lex: Lexicon): Detection | null {
  const slice = text.slice(clause.start, clause.end);
  if (!lex.anyTrigger.test(slice)) return null;
  const condCache = new Map<string, boolean>();
  const holds1 = (name: string) => {
    let v = condCache.get(name);
    if (v === undefined) {
      v = lex.conditions.get(name)?.test(slice) ?? false;
      condCache.set(name, v);
    }
    return v;
  };
  const holds = (names: string) => names.split('|').some(holds1);
  // A negated trigger ("No arrests or clashes were reported") decides only when nothing else does.
  let negatedBest: Detection | null = null;
  for (let i = 0; i < lex.rules.length; i++) {
    const rule = lex.rules[i];
    const re = lex.ruleRes[i];
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let negated = false;
    // The first trigger of this rule that is neither background in a relative clause nor negated.
    while ((m = re.exec(slice))) {
      if (BACKGROUND.test(slice.slice(Math.max(0, m.index - 40), m.index))) continue;
      negated = lex.modality.negation.test(slice.slice(Math.max(0, m.index - 30), m.index));
      if (!negated) break;
      if (rule.requires && !holds(rule.requires)) continue;
      if (rule.unless && holds(rule.unless)) continue;
      const start = clause.start + m.index;
      negatedBest ??= { rule, trigger: { start, end: start + m[0].length }, negated: true };
    }
    if (!m) continue;
    if (rule.requires && !holds(rule.requires)) continue;
    if (rule.unless && holds(rule.unless)) continue;
    const start = clause.start + m.index;
    return { rule, trigger: { start, end: start + m[0].length }, negated };
  }
  return negatedBest;
}

/**
 * A trigger in a relative clause tells the background, not the clause's event: "activists who
 * had been detained", "forces that recently clashed", "those killed in the protest movement".
 */
const BACKGROUND = /\b(?:who|whom|which|that|those|whose)(?:\s+(?:had|has|have|were|was|been|being|are|is|recently|previously|reportedly|allegedly|also|earlier|they|he|she|it|once))*\s+$/i;

/** Clauses of a sentence: semicolons separate reports of different events in ACLED-style notes. */
export function clauses(text: string, s: Range): Range[] {
  const out: Range[] = [];
  let start = s.start;
  for (let i = s.start; i < s.end; i++) {
    if (text[i] === ';') {
      if (i > start) out.push({ start, end: i });
      start = i + 1;
      while (start < s.end && text[start] === ' ') start++;
    }
  }
  if (s.end > start) out.push({ start, end: s.end });
  return out;
}
