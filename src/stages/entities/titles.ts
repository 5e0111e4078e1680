import type { PackTitles } from '../../packs/entities.ts';
import { nerTokenize, type NerToken } from './tokens.ts';
import { isPlaceHead } from './heads.ts';
import { startsLower, startsUpper } from '../../text/case.ts';

/**
 * Titles and roles of people, from the packs' `titles` sections:
 *  - the title phrase before a name ("U.S. Army Lt. Gen.", "Iraqi Prime Minister") joins the
 *    PERSON mention (the convention of re3d and OntoNotes-style news annotation) and is its role;
 *  - a title the tagger put inside a name ("President Hollande") is split off the name;
 *  - an apposition after the name ("..., spokesman for the coalition,") becomes its role.
 */

const FUNCTION_WORDS = new Set(['of', 'for', 'the', 'to']);
/** Where an apposition ends. */
const APPOSITION_END = new Set([',', '.', ';', ':', '"', '“', '”', ')', '(', '—', '–', 'said', 'says', 'told', 'stated', 'added', 'who', 'which', 'that']);

export class Titles {
  /** Words of ranks and titles, as written ("Gen.", "Minister"). */
  private readonly words = new Set<string>();
  private readonly modifiers = new Set<string>();
  /** Non-head words of multi-word titles ("Prime", "Foreign", "State"): modifiers inside a title. */
  private readonly qualifierWords = new Set<string>();
  private readonly roles = new Set<string>();
  /** Multi-word titles by their last word, as token lists ("Minister for the Middle East"). */
  private readonly phrases = new Map<string, string[][]>();

  constructor(lists: PackTitles[]) {
    for (const l of lists) {
      for (const t of [...l.ranks, ...l.titles]) {
        const toks = nerTokenize(t, { start: 0, end: t.length }).map((x) => x.text);
        if (toks.length < 2) continue;
        const last = toks[toks.length - 1];
        const list = this.phrases.get(last) ?? [];
        list.push(toks);
        this.phrases.set(last, list);
      }
      // The head of a title is a title word ("Minister" in "Minister for the Middle East",
      // "Secretary" in "Secretary of State"); its other words only qualify it.
      for (const t of [...l.ranks, ...l.titles]) {
        const toks = nerTokenize(t, { start: 0, end: t.length }).map((x) => x.text);
        const fw = toks.findIndex((w) => FUNCTION_WORDS.has(w));
        const head = fw > 0 ? fw - 1 : toks.length - 1;
        toks.forEach((w, k) => {
          if (FUNCTION_WORDS.has(w) || !/\p{L}/u.test(w)) return;
          if (k === head || /\.$/.test(w)) this.words.add(w);
          else this.qualifierWords.add(w);
        });
      }
      for (const m of l.modifiers) this.modifiers.add(m);
      for (const w of this.qualifierWords) if (!this.words.has(w)) this.modifiers.add(w);
      for (const r of l.roles) this.roles.add(r.split(/\s+/)[0].toLowerCase());
    }
  }

  isTitleWord(w: string): boolean {
    return this.words.has(w);
  }

  /** Does a title end at token i? A title word, or the last word of "Secretary of State". */
  endsTitle(toks: NerToken[], i: number): boolean {
    const w = toks[i]?.text ?? '';
    return this.words.has(w) || (this.modifiers.has(w) && startsUpper(w) && i >= 2 && toks[i - 1].text === 'of' && this.words.has(toks[i - 2].text)) || this.phraseStart(toks, i) >= 0;
  }

  /** Where the longest multi-word title of the packs ending at token i starts ("Minister for the Middle East"), or -1. */
  phraseStart(toks: NerToken[], i: number): number {
    const list = this.phrases.get(toks[i]?.text ?? '');
    if (!list) return -1;
    let best = -1;
    for (const p of list) {
      const a = i - p.length + 1;
      if (a < 0 || (best >= 0 && a >= best)) continue;
      let ok = true;
      for (let k = 0; k < p.length && ok; k++) ok = toks[a + k].text === p[k];
      if (ok) best = a;
    }
    return best;
  }

  isModifier(w: string): boolean {
    return this.modifiers.has(w);
  }

  isRole(w: string): boolean {
    return this.roles.has(w.toLowerCase());
  }

  /** Tokens at the start of [a, b) that are a title, not the name: returns where the name starts. */
  nameStart(toks: NerToken[], a: number, b: number): number {
    let i = a;
    let title = -1;
    while (i < b - 1) {
      const w = toks[i].text;
      if (this.words.has(w) || this.phraseStart(toks, i) >= 0) title = i;
      else if (!this.modifiers.has(w) && !(FUNCTION_WORDS.has(w) && i > a && this.words.has(toks[i + 1].text))) break;
      i++;
    }
    return title >= 0 ? title + 1 : a;
  }

  /**
   * A name the tagger took for an organisation or place but that holds a rank or title followed
   * by capitalised words ("Commodore Andrew Burns", "U.S. Army General Joseph Votel"): the
   * index where the person's name starts, or -1.
   */
  personInside(toks: NerToken[], a: number, b: number): number {
    for (let k = b - 2; k >= a; k--) {
      if (!this.endsTitle(toks, k)) continue;
      for (let j = k + 1; j < b; j++) if (!startsUpper(toks[j].text) || this.words.has(toks[j].text)) return -1;
      // "the Justice Palace", "Governor Hotel": a facility's head ends it, not a name.
      if (isPlaceHead(toks[b - 1].text)) return -1;
      return k + 1;
    }
    return -1;
  }

  /**
   * Where the title phrase before a name at token `a` starts (a itself when there is none).
   * `qualifier(i)` gives the token range of a NORP/ORG mention (or a GPE acronym) covering token i,
   * which may qualify a title ("Turkish Foreign Minister", "UN Special Envoy").
   */
  titleStart(toks: NerToken[], a: number, qualifier: (i: number) => [number, number] | null): number {
    let i = a - 1;
    let start = a;
    let sawTitle = false;
    while (i >= 0) {
      const w = toks[i].text;
      const ps = this.phraseStart(toks, i);
      if (ps >= 0) {
        // A whole multi-word title, function words included ("Minister for the Middle East").
        sawTitle = true;
        start = ps;
        i = ps - 1;
      } else if (this.endsTitle(toks, i)) {
        sawTitle = true;
        start = i;
        i--;
      } else if (this.modifiers.has(w) && (sawTitle || this.modifiers.has(toks[i + 1]?.text))) {
        start = i;
        i--;
      } else if (FUNCTION_WORDS.has(w) && w !== 'the' && sawTitle && i > 0 && (this.words.has(toks[i - 1].text) || this.modifiers.has(toks[i - 1].text))) {
        // "Secretary of State": only between title words, never before a qualifier ("regime of Syrian President").
        i--;
      } else {
        const q = sawTitle ? qualifier(i) : null;
        if (!q) break;
        start = q[0];
        i = q[0] - 1;
      }
    }
    if (!sawTitle) return a;
    // The phrase starts with a title, modifier or qualifier, never a function word.
    while (start < a && FUNCTION_WORDS.has(toks[start].text)) start++;
    return start;
  }

  /**
   * A role in apposition after the name ending at token b: ", spokesman for CJTF-OIR," or
   * ", the commanding general of ...". Returns token range [from, to) of the role, or null.
   */
  apposition(toks: NerToken[], b: number): [number, number] | null {
    if (toks[b]?.text !== ',') return null;
    let i = b + 1;
    if (/^(?:a|an|the)$/i.test(toks[i]?.text ?? '')) i++;
    const from = i;
    let head = false;
    let j = i;
    for (; j < toks.length && j - from < 16; j++) {
      const w = toks[j].text;
      // A dash inside a name ("Task Force – Operation Inherent Resolve") does not end the role.
      if ((w === '–' || w === '—') && startsUpper(toks[j - 1]?.text ?? '') && startsUpper(toks[j + 1]?.text ?? '')) continue;
      if (APPOSITION_END.has(w)) break;
      if (j - from < 5 && (this.isRole(w) || this.words.has(w))) head = true;
    }
    if (!head || j === from) return null;
    return [b + 1, j];
  }
}

/** Words after which a lower-case title is the person holding it ("the prime minister said"). */
const AFTER_HOLDER = /^(?:said|says|told|added|has|had|is|was|will|would|who|and|also|met|visited|spoke|warned|announced|[,.;:])$/;

/**
 * "the Foreign Secretary", "The Prime Minister": a capitalised title after an article, with no
 * name after it, names a person; so does one opening a sentence or headline with no article
 * ("Foreign Secretary welcomes new sanctions"), and a lower-case one after "the" when a verb or
 * a comma follows ("the prime minister said"; not "the general public"). It is the person named
 * with that title elsewhere in the document when there is one; otherwise the office holder gets
 * an id from the title itself (`person:foreign-secretary`). Returns token ranges [start, end)
 * (from the article, when there is one) with the title's text.
 */
export function titleOnly(toks: NerToken[], titles: Titles): Array<{ a: number; b: number; title: string }> {
  const out: Array<{ a: number; b: number; title: string }> = [];
  const upper = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  for (let i = 0; i + 1 < toks.length; i++) {
    const article = /^(?:the|The)$/.test(toks[i].text);
    if (!article && i !== 0) continue;
    if (!article) {
      // A title opening the sentence: capitalised, and no name after it.
      let j = 0;
      let title = false;
      while (j < toks.length && startsUpper(toks[j].text) && (titles.isTitleWord(toks[j].text) || titles.isModifier(toks[j].text))) {
        if (titles.isTitleWord(toks[j].text)) title = true;
        j++;
      }
      const next = toks[j]?.text ?? '';
      // Not when the title goes on ("Minister for the Middle East, X said", "Envoy to Syria X").
      const goesOn = /^(?:for|of|to|in|at|on|with|from)$/.test(next) || /^[,:]$/.test(next);
      if (title && j < toks.length && !startsUpper(next) && !goesOn && !/^(?:Mr|Mrs|Ms|Dr|Sir)\.?$/.test(toks[0].text) && titles.isTitleWord(toks[j - 1].text)) {
        out.push({ a: 0, b: j, title: toks.slice(0, j).map((t) => t.text).join(' ') });
        i = j - 1;
      }
      continue;
    }
    // "the prime minister said": lower-case title words, the last a title, then a verb or a comma.
    if (startsLower(toks[i + 1].text)) {
      let j = i + 1;
      while (j < toks.length && startsLower(toks[j].text) && (titles.isModifier(upper(toks[j].text)) || titles.isTitleWord(upper(toks[j].text)))) j++;
      if (j > i + 1 && titles.isTitleWord(upper(toks[j - 1].text)) && AFTER_HOLDER.test(toks[j]?.text ?? '.')) {
        out.push({ a: i, b: j, title: toks.slice(i + 1, j).map((t) => upper(t.text)).join(' ') });
        i = j - 1;
      }
      continue;
    }
    let j = i + 1;
    let title = false;
    while (j < toks.length) {
      const w = toks[j].text;
      if (titles.isTitleWord(w) && startsUpper(w)) title = true;
      else if (!(titles.isModifier(w) && startsUpper(w)) && !(w === 'of' && titles.isTitleWord(toks[j + 1]?.text ?? ''))) break;
      j++;
    }
    // A longer multi-word title of the packs from the same word ("the Minister for the Middle East").
    for (let k = Math.min(toks.length - 1, j + 5); k >= j; k--) {
      if (titles.phraseStart(toks, k) === i + 1) {
        j = k + 1;
        title = true;
        break;
      }
    }
    // Honorifics alone ("the Mr") and titles followed by a name are not this rule's.
    if (!title || startsUpper(toks[j]?.text ?? '') || (j - i === 2 && /^(?:Mr|Mrs|Ms|Dr|Sir)\.?$/.test(toks[i + 1].text))) continue;
    out.push({ a: i, b: j, title: toks.slice(i + 1, j).map((t) => t.text).join(' ') });
    i = j - 1;
  }
  return out;
}
