import type { NerToken } from './tokens.ts';
import { type Candidate, overlaps } from './candidate.ts';

/**
 * Coreference-lite inside one document, after every sentence has its candidates:
 *  - a surname alone ("Smith") is the person named in full elsewhere ("Col. John Smith");
 *  - an acronym defined in brackets after an unknown organisation ("Foo Relief Agency (FRA)")
 *    names it wherever it recurs;
 *  - a name the tagger found once is the same name where it recurs untagged.
 */

export interface SentenceTokens {
  toks: NerToken[];
}

/** Surname keys of a full name: the last word, and without an Arabic article ("al-Abadi" -> "Abadi"). */
export function surnameKeys(name: string): string[] {
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length < 2) return [];
  const last = words[words.length - 1];
  const keys = [last];
  const bare = last.replace(/^(?:al|el|Al|El|ad|as|ash|at|az|ar)[-‑]/, '');
  if (bare !== last && bare.length > 2) keys.push(bare);
  return keys;
}

function covered(cands: Candidate[], start: number, end: number): boolean {
  return cands.some((c) => overlaps(c, { start, end }));
}

const CAP = /^\p{Lu}/u;

export function corefPeople(cands: Candidate[], sents: SentenceTokens[]): Candidate[] {
  // Surname -> the one full-name person entity it can mean (ambiguous surnames are left alone).
  const bySurname = new Map<string, Candidate | null>();
  for (const c of cands) {
    if (c.type !== 'PERSON' || !c.entity) continue;
    for (const k of surnameKeys(c.name)) {
      const prev = bySurname.get(k);
      bySurname.set(k, prev === undefined || prev?.entity === c.entity ? c : null);
    }
  }
  if (!bySurname.size) return cands;
  for (const c of cands) {
    if (c.source === 'pack' && c.type !== 'PERSON') continue;
    if (c.b - (c.nameA ?? c.a) !== 1) continue;
    const key = c.name || '';
    const p = bySurname.get(key);
    if (p && p.entity !== c.entity) {
      c.type = 'PERSON';
      c.entity = p.entity;
      c.name = p.name;
    }
  }
  // Untagged surnames.
  const added: Candidate[] = [];
  sents.forEach((s, si) => {
    s.toks.forEach((t, i) => {
      const p = bySurname.get(t.text);
      if (!p || !CAP.test(t.text) || covered(cands, t.start, t.end) || covered(added, t.start, t.end)) return;
      added.push({ start: t.start, end: t.end, type: 'PERSON', entity: p.entity, name: p.name, source: 'coref', sent: si, a: i, b: i + 1 });
    });
  });
  return added.length ? [...cands, ...added] : cands;
}

/** "Full Name Of Group (FNOG)": the acronym is an alias of that group for the whole document. */
export function corefAcronyms(cands: Candidate[], sents: SentenceTokens[]): Candidate[] {
  const acr = new Map<string, Candidate>();
  for (const c of cands) {
    if (c.source === 'pack' || (c.type !== 'ORG' && c.type !== 'FAC' && c.type !== 'GPE')) continue;
    const toks = sents[c.sent].toks;
    if (toks[c.b]?.text !== '(' || toks[c.b + 2]?.text !== ')') continue;
    const a = toks[c.b + 1].text;
    if (!/^\p{Lu}[\p{Lu}\p{N}-]{1,9}$/u.test(a)) continue;
    const initials = toks
      .slice(c.a, c.b)
      .map((t) => t.text)
      .filter((w) => CAP.test(w) && !/^(?:The|A|An)$/.test(w))
      .map((w) => w[0])
      .join('');
    if (!initials.startsWith(a.replace(/-/g, '')[0]) || Math.abs(initials.length - a.replace(/-/g, '').length) > 1) continue;
    acr.set(a, c);
  }
  if (!acr.size) return cands;
  for (const c of cands) {
    const def = c.source === 'pack' ? undefined : acr.get(c.name);
    if (def && def !== c) {
      c.entity = def.entity;
      c.name = def.name;
    }
  }
  const added: Candidate[] = [];
  sents.forEach((s, si) => {
    s.toks.forEach((t, i) => {
      const c = acr.get(t.text);
      if (!c || covered(cands, t.start, t.end) || covered(added, t.start, t.end)) return;
      added.push({ start: t.start, end: t.end, type: c.type, entity: c.entity, name: c.name, source: 'acronym', sent: si, a: i, b: i + 1 });
    });
  });
  return [...cands, ...added];
}

/** A name the tagger found recurs untagged elsewhere in the document: tag it there too. */
export function repeatNames(cands: Candidate[], sents: SentenceTokens[], isCommon: (w: string) => boolean = () => false): Candidate[] {
  const byFirst = new Map<string, Candidate[]>();
  for (const c of cands) {
    if (c.source !== 'model') continue;
    const toks = sents[c.sent].toks.slice(c.nameA ?? c.a, c.b);
    // Only names that look like names: capitalised, not a lone short word.
    if (!toks.length || !toks.every((t) => CAP.test(t.text) || /^(?:al|el|bin|ibn|de|of|the|and|for)$|^(?:al|el)-/.test(t.text))) continue;
    // A lone common word the tagger took once ("Operation", "United") is not repeated.
    if (toks.length === 1 && (toks[0].text.length < 3 || isCommon(toks[0].text.toLowerCase()))) continue;
    const k = toks[0].text;
    const list = byFirst.get(k) ?? [];
    if (!list.some((x) => x.end - (x.nameA !== undefined ? sents[x.sent].toks[x.nameA].start : x.start) === toks[toks.length - 1].end - toks[0].start)) list.push(c);
    byFirst.set(k, list);
  }
  if (!byFirst.size) return cands;
  const added: Candidate[] = [];
  sents.forEach((s, si) => {
    const toks = s.toks;
    for (let i = 0; i < toks.length; i++) {
      const list = byFirst.get(toks[i].text);
      if (!list) continue;
      for (const c of list) {
        const src = sents[c.sent].toks.slice(c.nameA ?? c.a, c.b);
        let ok = i + src.length <= toks.length;
        for (let k = 0; ok && k < src.length; k++) ok = toks[i + k].text === src[k].text;
        if (!ok) continue;
        const start = toks[i].start;
        const end = toks[i + src.length - 1].end;
        // Not part of a longer capitalised name ("Smith" inside "Smith Barney").
        if (CAP.test(toks[i + src.length]?.text ?? '') || (i > 1 && CAP.test(toks[i - 1].text))) continue;
        if (covered(cands, start, end) || covered(added, start, end)) continue;
        added.push({ start, end, type: c.type, entity: c.entity, name: c.name, source: 'repeat', sent: si, a: i, b: i + src.length });
        break;
      }
    }
  });
  return added.length ? [...cands, ...added] : cands;
}

const TYPE_ORDER = ['PERSON', 'ORG', 'GPE', 'LOC', 'FAC', 'NORP'];

/**
 * One name, one type per document: the tagger may call "Karim" a person in one sentence and a
 * place in the next. Names the tagger found take the type most of their mentions got (ties go
 * to the earlier type in PERSON, ORG, GPE, LOC, FAC, NORP), and the id follows the type.
 */
export function voteTypes(cands: Candidate[], kindOf: (type: Candidate['type']) => string) {
  const groups = new Map<string, Candidate[]>();
  for (const c of cands) {
    if (c.source === 'pack' || c.source === 'phrase' || c.grouped || !c.name) continue;
    const list = groups.get(c.name) ?? [];
    list.push(c);
    groups.set(c.name, list);
  }
  for (const list of groups.values()) {
    if (list.length < 2 || list.every((c) => c.type === list[0].type)) continue;
    const votes = new Map<string, number>();
    for (const c of list) votes.set(c.type, (votes.get(c.type) ?? 0) + 1);
    const best = [...votes].sort((x, y) => y[1] - x[1] || TYPE_ORDER.indexOf(x[0]) - TYPE_ORDER.indexOf(y[0]))[0][0] as Candidate['type'];
    for (const c of list) {
      if (c.type === best) continue;
      c.type = best;
      if (c.entity) c.entity = kindOf(best) + c.entity.slice(c.entity.indexOf(':'));
    }
  }
}
