import type { Stage } from '../../stage.ts';
import type { Mention } from '../../doc.ts';
import { KIND } from '../../packs/entities.ts';
import { entityResources } from './resources.ts';
import { sentenceTokens, type NerToken } from './tokens.ts';
import { taggedSpans, type TaggedSpan } from './model.ts';
import { mergeSentence } from './merge.ts';
import { type Candidate, overlaps } from './candidate.ts';
import { corefAcronyms, corefPeople, repeatNames, voteTypes } from './coref.ts';
import { slug } from './normalize.ts';
import { articles, groupPhrases, placePhrases } from './phrases.ts';
import { ruleSpans } from './rules.ts';
import { lexicon } from './lexicon.ts';
import { majorPlace, namedDivision } from './places.ts';
import { headlineSpans, lowerWords } from './headline.ts';
import { titleOnly, type Titles } from './titles.ts';
import { startsLower } from '../../text/case.ts';

/**
 * Named entities: PERSON, ORG, GPE, LOC, FAC, NORP mentions with canonical ids.
 *
 * Per sentence: pack aliases (canonical ids), the NER tagger (names the packs do not know), the
 * merge of both, titles before names and roles in apposition. Then, per document: surname,
 * acronym and repeated-name coreference, and ids for unknown names from their normalised form
 * (`person:ryan-smith`). See packs/iraq-syria/README.md for the mention conventions.
 */
export const entities: Stage = {
  name: 'entities',
  needs: ['sentences'],
  run(doc, ctx) {
    const res = entityResources(ctx);
    const isMajorPlace = majorPlace(ctx);
    const isDivision = namedDivision(ctx);
    const isCountry = (id: string | null) => !!id && res.entities.get(id)?.level === 'country';
    const text = doc.view.text;
    const st = sentenceTokens(doc);
    const sentences = st.sentences;
    const sents: Array<{ toks: NerToken[] }> = st.toks.map((toks) => ({ toks }));
    const lower = lowerWords(sents);
    const held: Array<{ si: number; span: TaggedSpan }> = [];
    let cands: Candidate[] = [];
    sentences.forEach((s, si) => {
      const toks = sents[si].toks;
      const hits = res.matcher.match(text, s.start, s.end);
      let spans = ruleSpans(toks, hits, res.model ? taggedSpans(res.model, toks, lexicon(toks, hits, res.titles)) : [], res.titles, isMajorPlace, isDivision, (w) => !!res.model?.common.has(w));
      const hl = headlineSpans(spans, toks, lower);
      spans = hl.kept;
      for (const h of hl.held) held.push({ si, span: h });
      let sc = mergeSentence(si, toks, hits, spans, res.titles, (w) => !!res.model?.common.has(w));
      for (const c of sc) if (c.type === 'PERSON') titlePerson(c, sc, toks, res.titles, text);
      sc = groupPhrases(sc, toks, text);
      articles(sc, toks, text);
      sc = placePhrases(sc, toks, isCountry);
      for (const c of sc) cands.push(c); // a spread of a huge sentence's candidates overflows the stack
    });
    // A headline span held back is a name after all when the body has it as a name too.
    for (const { si, span } of held) {
      const t = text.slice(span.start, span.end);
      const body = cands.find((c) => c.source === 'model' && text.slice(c.start, c.end).replace(/^(?:the|The)\s+/, '') === t);
      if (body && !cands.some((c) => overlaps(c, span))) cands.push({ ...span, type: body.type, entity: null, name: '', source: 'model', sent: si });
    }
    for (const c of cands) name(c, sents[c.sent].toks, text);
    voteTypes(cands, (t) => KIND[t]);
    cands = corefAcronyms(cands, sents);
    cands = repeatNames(cands, sents, (w) => !!res.model?.common.has(w));
    cands = corefPeople(cands, sents);
    for (const c of cands) {
      if (c.source !== 'coref') continue;
      titlePerson(c, cands.filter((o) => o.sent === c.sent), sents[c.sent].toks, res.titles, text);
    }
    cands = titleMentions(cands, sents, res.titles);
    cands.sort((x, y) => x.start - y.start || y.end - x.end);
    for (const c of cands) doc.mentions.push(toMention(c, text)); // no spread: 100k+ mentions overflow the stack
  },
};

/** Take a title before the name into the mention and roles around it into `role`. */
function titlePerson(c: Candidate, sc: Candidate[], toks: NerToken[], titles: Titles, text: string) {
  // A nationality or organisation the tagger took into the name ("Iraqi Prime Minister X") is
  // a qualifier of the title after it, not part of the name.
  let from = c.a;
  if (c.source !== 'pack') {
    for (;;) {
      const q = sc.find((o) => o !== c && o.type !== 'PERSON' && o.a === from && o.b < c.b);
      if (!q || !(titles.endsTitle(toks, q.b) || titles.isModifier(toks[q.b].text))) break;
      from = q.b;
    }
  }
  const nameA = c.source === 'pack' ? c.a : titles.nameStart(toks, from, c.b);
  const qualifier = (i: number): [number, number] | null => {
    const q = sc.find((o) => o !== c && o.a <= i && i < o.b && o.b <= nameA && (o.type === 'NORP' || o.type === 'ORG' || (o.type === 'GPE' && /^(?:\p{Lu}\.?){2,}$/u.test(text.slice(o.start, o.end)))));
    return q ? [q.a, q.b] : null;
  };
  const start = titles.titleStart(toks, nameA, qualifier);
  const roles: string[] = [];
  // "SDF spokesman Delil Hasso", "coalition spokesman Col. X": a role noun before the title or
  // name, with the group it belongs to, is a role but not part of the mention.
  if (start > 0 && titles.isRole(toks[start - 1].text) && startsLower(toks[start - 1].text)) {
    let r = start - 1;
    const q = sc.find((o) => o !== c && o.b === r && o.type !== 'PERSON');
    if (q) r = q.a;
    else if (r > 0 && /^\p{L}/u.test(toks[r - 1].text) && !/^(?:the|a|an|The|A|An)$/.test(toks[r - 1].text) && startsLower(toks[r - 1].text)) r--;
    roles.push(text.slice(toks[r].start, toks[start - 1].end));
  }
  if (start < nameA) {
    roles.push(text.slice(toks[start].start, toks[nameA - 1].end));
    c.a = start;
    c.start = toks[start].start;
    // "the UN Special Envoy X": the article belongs to the title phrase.
    if (start > 0 && /^the$/i.test(toks[start - 1].text)) {
      c.a = start - 1;
      c.start = toks[start - 1].start;
    }
  } else if (nameA > c.a) {
    roles.push(text.slice(toks[c.a].start, toks[nameA - 1].end));
  }
  c.nameA = nameA;
  const app = titles.apposition(toks, c.b);
  if (app) roles.push(text.slice(toks[app[0]].start, toks[app[1] - 1].end));
  if (roles.length) c.role = roles.join(', ');
}

/** Title-only person mentions ("the Foreign Secretary"), resolved to a named holder when there is one. */
function titleMentions(cands: Candidate[], sents: Array<{ toks: NerToken[] }>, titles: Titles): Candidate[] {
  const added: Candidate[] = [];
  sents.forEach((s, si) => {
    for (const t of titleOnly(s.toks, titles)) {
      const start = s.toks[t.a].start;
      const end = s.toks[t.b - 1].end;
      // Places inside the title ("the Middle East") stay nested; any other overlap wins.
      if (cands.some((c) => overlaps(c, { start, end }) && !(c.type !== 'PERSON' && c.start > start && c.end <= end))) continue;
      const key = t.title.toLowerCase();
      const holder = cands.find((c) => c.type === 'PERSON' && c.role && c.role.toLowerCase().split(', ')[0].endsWith(key));
      added.push({
        start, end, type: 'PERSON', sent: si, a: t.a, b: t.b, source: 'coref', role: t.title,
        entity: holder?.entity ?? `${KIND.PERSON}:${slug(t.title)}`, name: holder?.name ?? t.title,
      });
    }
  });
  return added.length ? [...cands, ...added] : cands;
}

/** Canonical name and id of a candidate without a pack entity. */
function name(c: Candidate, toks: NerToken[], text: string) {
  if (c.entity) return;
  const from = c.nameA ?? c.a;
  const to = c.nameB ?? c.b;
  let nm = text.slice(toks[from]?.start ?? c.start, toks[to - 1]?.end ?? c.end).replace(/\s+/g, ' ');
  if (c.type !== 'PERSON') nm = nm.replace(/^(?:the|The)\s+/, '');
  // A nickname in quotes is not part of the canonical name: John “Rex” Smith -> John Smith.
  else nm = nm.replace(/\s+["“‘][^"”’]+["”’](?=\s)/gu, '');
  c.name = nm;
  const s = slug(nm);
  c.entity = s ? `${KIND[c.type]}:${s}` : `${KIND[c.type]}:unnamed`;
}

function toMention(c: Candidate, text: string): Mention {
  const m: Mention = { start: c.start, end: c.end, text: text.slice(c.start, c.end), type: c.type, entity: c.entity!, name: c.name };
  if (c.role) m.role = c.role;
  m.source = c.source;
  return m;
}

