import type { EntityType, Mention, Range } from '../../doc.ts';
import type { NerToken } from '../entities/tokens.ts';
import { startsUpper } from '../../text/case.ts';

/**
 * Personal pronouns that stand for a person or a group: "he said", "told him", "I welcome",
 * "we will continue". Each becomes a mention of the entity it most likely refers to, found by
 * the nearest-antecedent rule below; a pronoun with no antecedent in the document is left out.
 *
 * Only the pronouns that almost always refer to a participant are taken. "it", "they", "its",
 * "their" and "our" refer as often to things, places or whole countries as to actors (about one
 * in three of them is an entity mention in re3d), so they stay out. Possessive "his"/"her"
 * ("his family") belongs to the phrase it starts, which is not a mention of the person.
 */
type PronounClass = 'third' | 'first' | 'group';

const PRONOUNS: Record<string, PronounClass> = {
  he: 'third', him: 'third', she: 'third', her: 'third',
  i: 'first', me: 'first',
  we: 'group', us: 'group',
};

/** Words after which "her" is an object ("told her that"), not a possessive ("her family"). */
const AFTER_OBJECT = /^(?:to|and|or|in|on|at|for|with|that|as|from|by|of|about|into|after|before|again|back|out|up|off|down|there|here|now|today|yesterday|if|when|while|because|but)$/i;

export interface PronounHit extends Range {
  text: string;
  cls: PronounClass;
  sent: number;
}

/** Pronoun tokens of one sentence's tokens. */
export function findPronouns(toks: NerToken[], sent: number): PronounHit[] {
  const out: PronounHit[] = [];
  toks.forEach((t, i) => {
    const w = t.text;
    if (w.length > 3) return;
    const cls = PRONOUNS[w.toLowerCase()];
    if (!cls) return;
    // Written in lower case or capitalised only: "US" and "ME" in capitals are the country and
    // the state of Maine.
    if (w !== 'I' && w !== w.toLowerCase() && w !== w[0] + w.slice(1).toLowerCase()) return;
    const next = toks[i + 1]?.text ?? '';
    // "I": the pronoun before a verb ("I am", "I welcome"), not a numeral ("World War I", "Phase I").
    if (w === 'I' && !/^(?:\p{Ll}|['’](?:m|ve|ll|d)$)/u.test(next)) return;
    // "Phase I of": a numeral follows a capitalised word; the pronoun follows a lowercase word,
    // punctuation, or the first word of the sentence ("As I conveyed").
    if (w === 'I' && i > 1 && startsUpper(toks[i - 1].text)) return;
    if (w.toLowerCase() === 'her' && /^\p{L}/u.test(next) && !AFTER_OBJECT.test(next)) return;
    out.push({ start: t.start, end: t.end, text: w, cls, sent });
  });
  return out;
}

/** A named mention that a pronoun can refer to, with the index of its sentence. */
export interface Antecedent {
  m: Mention;
  sent: number;
}

/** A document's names in text order, split by type once for all its pronouns. */
export class Antecedents {
  readonly people: Antecedent[];
  readonly groups: Antecedent[];
  private readonly countries: Antecedent[];
  private mostGroup?: Antecedent | null;
  private mostCountry?: Antecedent | null;

  constructor(readonly all: Antecedent[]) {
    this.people = all.filter((a) => a.m.type === 'PERSON');
    this.groups = all.filter((a) => a.m.type === 'ORG');
    this.countries = all.filter((a) => a.m.type === 'GPE');
  }

  /** The organisation named most often, else the country named most often. */
  mostNamed(): Antecedent | undefined {
    if (this.mostGroup === undefined) this.mostGroup = mostNamed(this.groups) ?? null;
    if (this.mostGroup) return this.mostGroup;
    if (this.mostCountry === undefined) this.mostCountry = mostNamed(this.countries) ?? null;
    return this.mostCountry ?? undefined;
  }
}

/** The last of xs (in text order) that ends before the pronoun, at most `span` sentences back. */
function before(xs: Antecedent[], p: PronounHit, span: number): Antecedent | undefined {
  for (let k = xs.length - 1; k >= 0; k--) {
    const a = xs[k];
    if (p.sent - a.sent > span) return undefined;
    if (a.m.end <= p.start) return a;
  }
  return undefined;
}

/**
 * The mention a pronoun refers to:
 *  - he/him/she/her: the last person named before it (within four sentences), else the first
 *    person named after it in the same sentence ("After he arrived, Smith said ...");
 *  - I/me: the speaker, who is named in the same sentence or the one before or after a quote
 *    ("“I welcome this,” said X"; "X said: “I ...”"), nearest first; else the last person named;
 *  - we/us: the organisation of the speaker (or of the last person named), named beside that
 *    person's first full mention ("Lt. Gen. X, commander of CJTF-OIR", "coalition spokesman
 *    Col. X"); else the last organisation named before it (within four sentences), else the one
 *    named most often in the document (a ministry's own statement), else its most named country.
 *    "We must defeat Daesh" in a coalition officer's quote is the coalition, not Daesh, the last
 *    group named.
 */
export function resolvePronoun(p: PronounHit, names: Antecedents): { m: Mention; type: EntityType } | null {
  const people = names.people;
  if (p.cls === 'third') {
    const a = before(people, p, 4) ?? people.find((x) => x.sent === p.sent && x.m.start >= p.end);
    return a ? { m: a.m, type: 'PERSON' } : null;
  }
  let speaker: Antecedent | undefined;
  for (const a of people) if (Math.abs(a.sent - p.sent) <= 1 && (!speaker || rank(a, p) < rank(speaker, p))) speaker = a;
  if (p.cls === 'first') {
    const a = speaker ?? before(people, p, Infinity);
    return a ? { m: a.m, type: 'PERSON' } : null;
  }
  // The speaker may be named sentences earlier and be "he" here ("He concluded: ... we must").
  const voice = speaker ?? before(people, p, 4);
  const a = (voice && affiliation(voice, names)) ?? before(names.groups, p, 4) ?? names.mostNamed();
  return a ? { m: a.m, type: 'ORG' } : null;
}

/** The organisation named beside a person's first mention, nearest first, in the same sentence. */
function affiliation(person: Antecedent, names: Antecedents): Antecedent | undefined {
  const first = names.all.find((a) => a.m.entity === person.m.entity);
  if (!first) return undefined;
  const gap = (g: Antecedent) => (g.m.start >= first.m.end ? g.m.start - first.m.end : first.m.start - g.m.end);
  let best: Antecedent | undefined;
  for (const g of names.groups) {
    if (g.sent !== first.sent || g.m.entity === first.m.entity || gap(g) < 0 || gap(g) > 80) continue;
    if (!best || gap(g) < gap(best)) best = g;
  }
  return best;
}

/** Distance rank for a speaker: the same sentence first, then the nearest by characters. */
function rank(a: Antecedent, p: PronounHit): number {
  const d = a.m.end <= p.start ? p.start - a.m.end : a.m.start - p.end;
  return (a.sent === p.sent ? 0 : 1e7) + d;
}

function mostNamed(xs: Antecedent[]): Antecedent | undefined {
  const n = new Map<string, number>();
  for (const a of xs) n.set(a.m.entity, (n.get(a.m.entity) ?? 0) + 1);
  let best: Antecedent | undefined;
  for (const a of xs) if (!best || n.get(a.m.entity)! > n.get(best.m.entity)!) best = a;
  return best;
}
