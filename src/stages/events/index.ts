import { createHash } from 'node:crypto';
import type { Stage } from '../../stage.ts';
import type { ConflictEvent, Doc, EventActor, EventCounts, EventType, Fatalities, Mention, Place, Range, TimeExpr } from '../../doc.ts';
import type { Context } from '../../context.ts';
import { lexicon, type Lexicon } from './lexicon.ts';
import { detect, clauses, type Detection } from './detect.ts';
import { figures, type Figure } from './figures.ts';
import { attributions, type Attribution } from './attribution.ts';
import { actorsOf, dateOf, locationOf, focusOf, locatingPlaces, type Focus } from './tie.ts';
import { bySentence } from './buckets.ts';
import { refine, type Mention as EventMention } from './refiners/index.ts';
import { roleLexicon, type RoleLexicon } from './roles/lexicon.ts';
import { INFERRED } from './roles/index.ts';
import { retype } from './type-model.ts';

/** The other layers, grouped by sentence once per document. */
interface Layers {
  places: Place[][];
  /** Towns named only inside an actor's name: a last resort (tie.ts). */
  weak: Set<Place>;
  times: TimeExpr[][];
  mentions: Mention[][];
  /** Every place of the sentence, nationalities included: whose an actor is ("Syrian troops"). */
  allPlaces: Place[][];
  roles: RoleLexicon;
  /** Who says so, per sentence (a source is never an actor). */
  attrs: Array<Attribution | null>;
}

/**
 * The events stage: what happened, per clause, as ACLED types and subtypes.
 *
 * For each clause of the article's sentences, the pack's rules decide the type (detect.ts); then
 * the event takes its actors from the entity mentions around the trigger, its place and date from
 * the places and times in its sentence (else the document's focus place, coarser, and the
 * publication date, flagged), its counts from the figures of its sentences (figures.ts), and its
 * modality and claimant from the sentence's attribution (attribution.ts). A clause that only adds
 * to the event before it ("Clashes resulted in the killing of 1 member", "No fatalities were
 * reported") extends that event instead of making a new one.
 */
export const events: Stage = {
  name: 'events',
  needs: ['sentences', 'entities', 'places', 'times'],
  run(doc, ctx) {
    const lex = lexicon(ctx);
    if (!lex.rules.length) return;
    const text = doc.view.text;
    const figs = figures(doc, ctx);
    const attrs = attributions(doc, ctx);
    // Places that name actors ("US-led", "Iraqi forces") never locate an event, nor make the focus.
    const locating = locatingPlaces(doc, lex.placeModifier, lex.demonymPlace, lex.placeModifierBefore);
    const focus = focusOf(doc, locating.places);
    const layers: Layers = {
      places: bySentence(locating.places, doc.sentences),
      weak: locating.weak,
      // The publication line's own date ("Date of publication 14 August 2016 Scores were killed on
      // Saturday") says when the report was filed, not when the event happened.
      times: bySentence(doc.times.filter((t) => !overlapsPublication(doc, t)), doc.sentences),
      mentions: bySentence(doc.mentions, doc.sentences),
      allPlaces: bySentence(doc.places, doc.sentences),
      roles: roleLexicon(ctx),
      attrs,
    };
    const rules: string[] = [];
    const drafts: Draft[] = [];
    let last: Draft | null = null;
    const paras = paragraphs(text, doc.sentences);
    let fi = 0;
    doc.sentences.forEach((sent, si) => {
      const sentFigs: Figure[] = [];
      while (fi < figs.length && figs[fi].sentence < si) fi++;
      for (let k = fi; k < figs.length && figs[k].sentence === si; k++) sentFigs.push(figs[k]);
      const para = paras[si];
      for (const clause of clauses(text, sent)) {
        let det = detect(text, clause, lex);
        const clauseFigs = sentFigs.filter((f) => f.start >= clause.start && f.end <= clause.end);
        const clauseText = text.slice(clause.start, clause.end);
        const zero = lex.zeroCasualties?.test(clauseText) ?? false;
        const victims = singularVictims(clauseText, lex);
        // A clause with its own town or its own date reports another event ("On the same day, clashes in X").
        const ownWhereWhen =
          layers.places[si].some((p) => p.start >= clause.start && p.end <= clause.end && (p.kind === 'city' || p.kind === 'feature' || p.kind === 'admin2')) ||
          layers.times[si].some((t) => t.start >= clause.start && t.end <= clause.end && t.type === 'DATE' && /^\d{4}-\d\d-\d\d/.test(t.value));
        // A total over a war or a period ("Since 2014, 9,000 fighters have died in the war") is its own report, never a toll of the event before.
        const total =
          (lex.cumulative.test(clauseText) && !ownDay(layers.times[si], clause)) ||
          (lex.aggregate.test(clauseText) && layers.times[si].some((t) => t.start >= clause.start && t.end <= clause.end && /^(?:quarter|year|decade)$/.test(t.precision)));
        if (!total && last && last.para === para && si - last.lastSentence <= 2 && continues(det, last, clauseFigs, zero, victims, ownWhereWhen, !det && (lex.anaphora.test(clauseText) || lex.responsibility.test(clauseText)))) {
          extend(last, clause, clauseFigs, zero, si, victims);
          continue;
        }
        const lethal = victims > 0 || clauseFigs.some((f) => f.unit === 'killed' && f.value > 0);
        // A death toll makes a raid or an arrest sweep violence, not a strategic development, and
        // no protest where people are killed is a peaceful one.
        if (lethal && (!det || det.rule.type === 'Strategic developments' || det.rule.subtype === 'Peaceful protest')) det = untriggered(clause, clauseText, lex) ?? det;
        if (!det) continue;
        const counted = clauseFigs.some((f) => lex.eventCounts.includes(f.unit));
        // A weak trigger ("operations", "support") reports an event only with a figure that counts
        // acts ("94 operations", "killing 18"), not one that counts people ("3,000 fighters remain").
        if (det.rule.priority < WEAK && !clauseFigs.some((f) => ACTS.has(f.unit))) continue;
        // Habitual or generic activity ("the group remains a threat, carrying out ambushes and
        // abductions", "continues to conduct strikes") is no event unless a figure or a day says one happened.
        if (!counted && lex.generic.test(clauseText) && !ownDay(layers.times[si], clause)) continue;
        const d: Draft = { det, clause, sentence: si, lastSentence: si, para, evidence: [clause], figs: [...clauseFigs], zero, victims, attr: attrs[si] };
        drafts.push(d);
        last = d;
        rules.push(`${d.det.rule.type}/${d.det.rule.subtype} <- "${text.slice(det.trigger.start, det.trigger.end)}"`);
      }
    });
    mergeHeadline(doc, drafts);
    // A date carries to the next events of the same paragraph ("On the same date, ..."), not from a period total.
    let prev: { date: ConflictEvent['date']; para: number } | null = null;
    const mentions: EventMention[] = [];
    for (const d of drafts) {
      const ev = finish(doc, layers, d, lex, focus, prev && prev.para === d.para ? prev.date : null);
      if (ev.date && !ev.date.fromPublication && !ev.aggregate) prev = { date: ev.date, para: d.para };
      const sentences = [...new Set(d.evidence.map((r) => sentenceIndex(doc, r)).filter((i) => i >= 0))];
      mentions.push({ event: ev, strength: d.det.rule.priority, sentences, ...stated(doc, layers, d, lex), inferred: ev.actors.filter((a) => INFERRED.has(a)).map((a) => a.role) });
    }
    // The refiners (refiners/): background and period totals make no event; mentions of one incident become one event.
    const log: string[] = [];
    for (const m of refine(mentions, { doc, lex, published: publicationDate(doc)?.value ?? null, places: locating.places, log, figures: figs })) doc.events.push(m.event);
    if (rules.length) doc.debug.events = rules;
    if (log.length) doc.debug.refiners = log;
  },
};

/**
 * What the mention itself states, for the refiners: a place and a date written in its own
 * sentences (the focus, the publication day and a date carried from the event before are not),
 * whether its trigger only restates an outcome, and whether it opens as another incident.
 */
function stated(doc: Doc, layers: Layers, d: Draft, lex: Lexicon): Pick<EventMention, 'ownPlace' | 'ownDate' | 'restates' | 'distinct'> {
  const ownPlace = d.evidence.some((r) => {
    const si = sentenceIndex(doc, r);
    return si >= 0 && namesPlace(doc, layers, si, r);
  });
  const ownDate = d.evidence.some((r) => {
    const si = sentenceIndex(doc, r);
    return si >= 0 && dateOf(layers.times[si], r, doc.sentences[si]) !== null;
  });
  // The opening words of the report, up to its trigger: "Another air strike ...", not "... injured another ten".
  const c = d.clause;
  const t = d.det.trigger;
  const open = doc.view.text.slice(c.start, Math.min(c.end, t.start > c.start ? Math.min(t.start, c.start + 60) : c.start + 60));
  return { ownPlace, ownDate, restates: d.det.rule.priority === 0 || !!d.det.rule.restates, distinct: lex.distinct.test(open) };
}

/** Rules below this priority are weak: see the check in run(). */
const WEAK = 25;
/** Units that count what happened (not who is there): what a weak trigger needs. */
const ACTS = new Set(['operations', 'strikes', 'killed', 'injured', 'detained', 'casualties']);

interface Draft {
  det: Detection;
  clause: Range;
  sentence: number;
  lastSentence: number;
  para: number;
  evidence: Range[];
  figs: Figure[];
  zero: boolean;
  /** Victims named one by one without a figure ("killing a man and his son"). */
  victims: number;
  attr: Attribution | null;
}

/** A clause continues the previous event when it reports no other kind of event. */
function continues(det: Detection | null, last: Draft, figs: Figure[], zero: boolean, victims: number, ownWhereWhen: boolean, anaphor = false): boolean {
  const casualty = victims > 0 || figs.some((f) => f.unit === 'killed' || f.unit === 'injured' || f.unit === 'casualties' || f.override);
  // "The strike hit dormitories in the camp in Tibni": a clause about the act just told is part of it.
  if (!det) return casualty || zero || anaphor;
  const same = det.rule.type === last.det.rule.type && det.rule.subtype === last.det.rule.subtype && !ownWhereWhen;
  // A weak trigger ("killing", "attack") after a specific event is that event's outcome.
  return same || (det.rule.priority < 50 && (casualty || zero));
}

/**
 * A headline restates the lead ("Roadside bomb kills four SDF fighters" / "A roadside bomb killed
 * four fighters ..."): the headline's event joins the first event of the same type in the next
 * sentences instead of standing as a second event.
 */
function mergeHeadline(doc: Doc, drafts: Draft[]): void {
  const title = doc.meta.title?.trim();
  if (!title || drafts.length < 2) return;
  const h = drafts[0];
  const s = doc.sentences[h.sentence];
  const first = doc.view.text.slice(s.start, s.end).trim();
  if (h.sentence > 1 || !(title.includes(first) || first.includes(title))) return;
  const killed = (d: Draft) => d.figs.filter((f) => f.unit === 'killed').map((f) => f.value);
  const hk = killed(h);
  // The same type, or the same death toll ("22 dead in U.S. raids" / "22 people killed in U.S. air strikes").
  const body = drafts
    .slice(1)
    .find((d) => d.sentence <= h.sentence + 4 && (d.det.rule.type === h.det.rule.type || (hk.length > 0 && killed(d).some((v) => hk.includes(v)))));
  if (!body) return;
  body.evidence.unshift(...h.evidence);
  // The lead's own figures count; the headline's only where the lead gives none.
  const units = new Set(body.figs.map((f) => f.unit));
  body.figs.push(...h.figs.filter((f) => !units.has(f.unit)));
  drafts.splice(0, 1);
}

function extend(d: Draft, clause: Range, figs: Figure[], zero: boolean, si: number, victims: number): void {
  d.evidence.push(clause);
  d.figs.push(...figs);
  d.zero ||= zero;
  if (!d.victims) d.victims = victims;
  d.lastSentence = si;
}

/** Victims named without a figure in a clause: each "killed a civilian" / "a man was shot dead" counts 1. */
function singularVictims(clause: string, lex: Lexicon): number {
  if (!lex.singularPersons.test(clause)) return 0;
  let n = 0;
  for (const re of [lex.singularActive, lex.singularPassive]) {
    re.lastIndex = 0;
    for (let m = re.exec(clause); m; m = re.exec(clause)) n += /\s(?:and|as\s+well\s+as)\s/i.test(m[0]) && re === lex.singularActive ? 2 : 1;
    if (n) break;
  }
  return n;
}

/** A death toll with no trigger word: the pack's `untriggered` types, first whose condition holds. */
function untriggered(clause: Range, clauseText: string, lex: Lexicon): Detection | null {
  for (const u of lex.untriggered) {
    if (u.requires && !lex.conditions.get(u.requires)?.test(clauseText)) continue;
    return { rule: { type: u.type, subtype: u.subtype, priority: 0 }, trigger: { start: clause.start, end: clause.start }, negated: false };
  }
  return null;
}

/** Paragraph number of each sentence: a line break between two sentences starts a new paragraph. */
function paragraphs(text: string, sentences: Range[]): number[] {
  const out: number[] = [];
  let p = 0;
  sentences.forEach((s, i) => {
    if (i > 0 && text.slice(sentences[i - 1].end, s.start).includes('\n')) p++;
    out.push(p);
  });
  return out;
}

function finish(doc: Doc, layers: Layers, d: Draft, lex: Lexicon, focus: Focus | null, prevDate: ConflictEvent['date']): ConflictEvent {
  const text = doc.view.text;
  const { trigger, negated } = d.det;
  // The learned type model (type-model.ts) may read another type from the event's sentences.
  const rule = retype(text, d.evidence, d.det.rule);
  const sentence = doc.sentences[d.sentence];
  const counts = countsOf(d.figs, lex);
  const fatalities = fatalitiesOf(d.figs, d.zero, d.victims);
  // The killed count is the event's toll, as in `fatalities` (a toll restated later is not added).
  if (fatalities) counts.killed = fatalities.best;
  if (d.zero && counts.injured === null) counts.injured = 0;
  const clauseText = text.slice(d.clause.start, d.clause.end);
  const beforeTrigger = text.slice(d.clause.start, trigger.start);
  let date = dateOf(layers.times[d.sentence], d.clause, sentence);
  // Else a date in the event's other sentences (a merged headline's dateline, a later "on Monday").
  for (const r of d.evidence) {
    if (date) break;
    const si = r.start !== d.clause.start ? sentenceIndex(doc, r) : -1;
    if (si >= 0) date = dateOf(layers.times[si], r, doc.sentences[si]);
  }
  const aggregate =
    d.figs.some((f) => f.unit === 'operations' || f.unit === 'strikes' || f.unit === 'killed' || f.unit === 'detained') &&
    (lex.aggregate.test(clauseText) ||
      (!!date && /^(?:quarter|year|decade)$/.test(date.precision)) ||
      // A toll over a whole war or campaign ("have died in the fight against ...") without a day of its own.
      (lex.cumulative.test(clauseText) && !(date && /^(?:day|week|time)$/.test(date.precision))));
  // A total's date is its period; a total that states none is undated, never the publication day.
  if (!date && prevDate && !aggregate) date = { ...prevDate };
  if (!date && !aggregate) date = publicationDate(doc);
  const modality = modalityOf(lex, clauseText, beforeTrigger, d.attr, negated);
  let location = locationOf(layers.places[d.sentence], d.clause, sentence, trigger, focus, doc.meta.dateline, layers.weak, aggregate);
  // Its own sentence names no place (the focus stood in): the first of its other sentences that does
  // ("A strike killed 17 militants ... The strike hit the camp in the town of Tibni").
  if (!namesPlace(doc, layers, d.sentence, sentence)) {
    for (const r of d.evidence) {
      const si = sentenceIndex(doc, r);
      if (si < 0 || si === d.sentence || !namesPlace(doc, layers, si, r)) continue;
      location = locationOf(layers.places[si], r, doc.sentences[si], { start: r.start, end: r.start }, focus, doc.meta.dateline, layers.weak, aggregate) ?? location;
      break;
    }
  }
  const rolesOf = (clause: Range, at: Range, si: number, attr: Attribution | null) =>
    actorsOf(
      {
        text,
        clause,
        trigger: at,
        type: rule.type,
        subtype: rule.subtype,
        mentions: layers.mentions[si],
        places: layers.allPlaces[si],
        attr,
        eventCountry: location?.country ?? null,
        focusCountry: focus?.country?.country ?? focus?.place.country ?? null,
      },
      layers.roles,
      lex,
    );
  const actors = rolesOf(d.clause, trigger, d.sentence, d.attr);
  // The event's other clauses may say who acted where its first does not ("A mob torched shops.
  // Police fired ten rounds to disperse it."): each side that acts there joins the event.
  for (const r of d.evidence) {
    const si = r === d.clause ? -1 : sentenceIndex(doc, r);
    if (si < 0) continue;
    const at = detect(text, r, lex)?.trigger ?? { start: r.start, end: r.start };
    addActingSides(actors, rolesOf(r, at, si, layers.attrs[si] ?? null), rule.type);
  }
  const ev: ConflictEvent = {
    id: eventId(doc.id, d.evidence, rule.type),
    type: rule.type,
    subtype: rule.subtype,
    date,
    location,
    actors,
    fatalities,
    counts,
    modality,
    attribution: d.attr?.name ?? null,
    attributionEntity: d.attr?.entity ?? null,
    evidence: d.evidence.map((r) => ({ start: r.start, end: r.end })),
  };
  // Which words set the type, for the dashboard's "show me the words" (an untriggered toll has none).
  if (trigger.end > trigger.start) ev.trigger = { start: trigger.start, end: trigger.end };
  if (aggregate) ev.aggregate = true;
  if (negated) ev.negated = true;
  return ev;
}

/** Classes of a side that acts by itself: forces and armed groups (not crowds, protesters, civilians). */
const ACTING_CLASSES = new Set([1, 2, 3, 4, 8]);
const UNIDENTIFIED = /^org:unidentified/;

/**
 * Adds to an event the sides another of its clauses names as acting (actor1, or actor2 where that
 * is a side that acts: a battle's, or forces acting on a riot or a protest). Such a side replaces
 * an unidentified perpetrator ("Unidentified Armed Group" stood for whoever did it), takes a free
 * actor1 or, in a two-sided event, a free actor2; otherwise it is associated.
 */
function addActingSides(actors: EventActor[], other: EventActor[], type: EventType): void {
  for (const x of other) {
    if ((x.role !== 'actor1' && x.role !== 'actor2') || UNIDENTIFIED.test(x.entity) || !ACTING_CLASSES.has(x.inter ?? 0)) continue;
    const twoSided = type === 'Battles' || type === 'Riots' || type === 'Protests';
    const known = actors.find((a) => a.entity === x.entity);
    if (known) {
      // Named as the target in one sentence, acting in another (a mob attacks the police, the
      // police fire on it): in a two-sided event that is the second side.
      if (twoSided && (known.role === 'target' || known.role === 'associated') && !actors.some((a) => a.role === 'actor2')) known.role = 'actor2';
      continue;
    }
    const a1 = actors.findIndex((a) => a.role === 'actor1');
    if (a1 < 0) actors.unshift({ ...x, role: 'actor1' });
    else if (UNIDENTIFIED.test(actors[a1].entity)) actors[a1] = { ...x, role: 'actor1' };
    else if (twoSided && !actors.some((a) => a.role === 'actor2')) actors.push({ ...x, role: 'actor2' });
    else actors.push({ ...x, role: 'associated' });
  }
}

/**
 * A place that can locate an event is written in this range of the sentence: not the dateline,
 * nor a capitalised city run into the text where a dateline stands ("Last updated at Jun 14 2016
 * BEIRUT A Daesh counterattack ...": where the report was filed).
 */
function namesPlace(doc: Doc, layers: Layers, si: number, r: Range): boolean {
  const dl = doc.meta.dateline;
  const text = doc.view.text;
  return layers.places[si].some(
    (p) => p.start >= r.start && p.end <= r.end && !(dl && p.start < dl.end && dl.start < p.end) && !(DATELINE_CAPS.test(text.slice(p.start, p.end)) && /^\s+(?:\(?\p{Lu}|[-–—:(])/u.test(text.slice(p.end, p.end + 3))),
  );
}

/** A place written in capitals only, as a dateline writes its city ("BEIRUT", "DAMASCUS"). */
const DATELINE_CAPS = /^[\p{Lu}][\p{Lu}\s'’.-]{2,}$/u;

function overlapsPublication(doc: Doc, t: Range): boolean {
  const p = doc.meta.published;
  if (!p || !('start' in p) || typeof p.start !== 'number') return false;
  return t.start < p.end && p.start < t.end;
}

/** The clause names a day (or week, month) of its own: "On 3 May", "on Monday", "in March 2020". */
function ownDay(times: TimeExpr[], clause: Range): boolean {
  return times.some((t) => t.start >= clause.start && t.end <= clause.end && (t.type === 'DATE' || t.type === 'TIME') && /^\d{4}-(?:\d\d|W\d\d)/.test(t.value));
}

function sentenceIndex(doc: Doc, r: Range): number {
  return doc.sentences.findIndex((s) => s.start <= r.start && r.end <= s.end);
}

function publicationDate(doc: Doc): ConflictEvent['date'] {
  const p = doc.meta.published;
  if (p) return { value: p.value.slice(0, 10), precision: p.precision, fromPublication: true };
  if (doc.anchor) return { value: doc.anchor.slice(0, 10), precision: 'day', fromPublication: true };
  return null;
}

function modalityOf(lex: Lexicon, clause: string, beforeTrigger: string, attr: Attribution | null, negated: boolean): ConflictEvent['modality'] {
  if (lex.modality.denied.test(clause)) return 'denied';
  if (lex.modality.future.test(beforeTrigger)) return 'future';
  if (lex.modality.hypothetical.test(beforeTrigger)) return 'hypothetical';
  if (negated) return 'denied';
  if (attr || lex.modality.claimed.test(clause)) return 'claimed';
  return 'asserted';
}

function countsOf(figs: Figure[], lex: Lexicon): EventCounts {
  const counts: EventCounts = { killed: null, injured: null, detained: null, strikes: null, operations: null };
  for (const u of lex.eventCounts) counts[u] = null;
  const overridden = new Set(figs.filter((f) => f.override).map((f) => f.unit));
  for (const f of figs) {
    if (!(f.unit in counts) || f.part) continue;
    if (overridden.has(f.unit) && !f.override) continue;
    counts[f.unit] = (counts[f.unit] ?? 0) + f.value;
  }
  return counts;
}

/**
 * UCDP-style low/best/high from the killed figures. A toll stated again in a later sentence
 * ("killing 5 ... the 5 dead were ...", "other sources report 7") is not added: the first sentence
 * that gives one counts, unless a figure is marked as the coded total (override). Victims named
 * one by one count when no figure is given; 0 when the text says no one was killed.
 */
/**
 * The event's toll, as ACLED codes it: the killed figures of one sentence (the first that gives an
 * explicit number; a vague "dozens" only when no sentence gives one), a figure restated in that
 * sentence (a headline run into its lead: "kills 15 ... At least 15 people were killed") counted
 * once; figures of other sentences, often other sources, are never added.
 */
function fatalitiesOf(figs: Figure[], zero: boolean, victims: number): Fatalities | null {
  let killed = figs.filter((f) => f.unit === 'killed' && !f.part);
  const override = killed.filter((f) => f.override);
  if (override.length) killed = [override[0]];
  else if (killed.length) {
    const first = killed.find((f) => !f.vague) ?? killed[0];
    const seen = new Set<number>();
    killed = killed.filter((f) => f.sentence === first.sentence && (first.vague || !f.vague) && !seen.has(f.value) && seen.add(f.value));
  }
  if (!killed.length) {
    if (victims) return { low: victims, best: victims, high: victims };
    return zero ? { low: 0, best: 0, high: 0 } : null;
  }
  return killed.reduce((a, f) => ({ low: a.low + f.low, best: a.best + f.value, high: a.high + f.high }), { low: 0, best: 0, high: 0 });
}

/** Stable across runs: the document, the evidence offsets and the type. */
function eventId(docId: string, evidence: Range[], type: string): string {
  const key = `${docId}|${evidence.map((r) => `${r.start}-${r.end}`).join(',')}|${type}`;
  return createHash('sha1').update(key).digest('hex').slice(0, 16);
}
