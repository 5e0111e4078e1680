import type { ConflictEvent, DocResult, Range, Span } from '../doc.ts';

/**
 * For each value of one report (type, date, place, each actor, fatalities): the sentence and the
 * words of its document that set it, so the event page can show them on a click.
 *
 * The pipeline keeps the event's evidence ranges and, for the type, its trigger; the date, place,
 * actor and toll are found again among the document's own layers (times, places, mentions,
 * claims) by matching the value, inside the evidence first, then in the whole document (a
 * dateline, an earlier sentence), nearest to the evidence. Offsets are raw, like every span.
 */
export interface ValueEvidence {
  /** The sentence (or the evidence clause) that holds the words. */
  sentence: Span;
  /** The words themselves; empty when only the sentence as a whole says it (a toll with no trigger word). */
  words: Span[];
  /** How the value came from these words when it is not plain: "publication date", "outside the event's sentences". */
  note?: string;
}

export interface ReportWhy {
  type?: ValueEvidence;
  date?: ValueEvidence;
  location?: ValueEvidence;
  fatalities?: ValueEvidence;
  /** By entity id. */
  actors: Record<string, ValueEvidence>;
}

/** The most a "sentence" around words may run when no sentence break is near (characters each side). */
const MAX_SIDE = 240;

export function valueEvidence(ev: ConflictEvent, doc: { text: string; result: DocResult }): ReportWhy {
  const { text, result: r } = doc;
  const evidence = (ev.evidence ?? []).filter((x) => valid(x, text));
  const inside = (s: Range) => evidence.some((x) => x.start <= s.start && s.end <= x.end);
  const anchor = evidence[0]?.start ?? 0;
  const span = (x: Range): Span => ({ start: x.start, end: x.end, text: text.slice(x.start, x.end) });
  /** The evidence range holding the words, else the sentence around them. */
  const sentenceOf = (w: Range): Span => span(evidence.find((x) => x.start <= w.start && w.end <= x.end) ?? sentenceAround(text, w));
  const of = (words: Range[], note?: string): ValueEvidence => ({ sentence: sentenceOf(words[0]), words: words.map(span), ...(note ? { note } : {}) });
  /** The best span: inside the evidence if any, else the nearest one in the document (noted). */
  const pick = <T extends Range>(all: T[]): ValueEvidence | undefined => {
    const ok = all.filter((x) => valid(x, text));
    const inEv = ok.filter(inside);
    if (inEv.length) return of([inEv[0]]);
    if (!ok.length) return undefined;
    const near = ok.slice().sort((a, b) => Math.abs(a.start - anchor) - Math.abs(b.start - anchor))[0];
    return of([near], "outside the event's sentences");
  };
  const out: ReportWhy = { actors: {} };

  if (ev.trigger && valid(ev.trigger, text)) out.type = of([ev.trigger]);
  else if (evidence.length) out.type = { sentence: span(evidence[0]), words: [], note: 'no trigger word: the figures of this sentence made the event' };

  if (ev.date) {
    const v = ev.date.value;
    const pub = r.meta?.published as (Range & { value: string }) | null | undefined;
    if (ev.date.fromPublication) {
      if (pub && typeof pub.start === 'number' && valid(pub, text)) out.date = of([pub], 'publication date (the text gives no date of its own)');
      else if (evidence.length) out.date = { sentence: span(evidence[0]), words: [], note: 'publication date, given with the document (not in its text)' };
    } else {
      const same = (r.times ?? []).filter((t) => t.value && (t.value === v || t.value.startsWith(v) || v.startsWith(t.value)));
      out.date = pick(same) ?? pick((r.times ?? []).filter(inside));
    }
  }

  const loc = ev.location;
  if (loc) {
    const places = r.places ?? [];
    const named = places.filter((p) => (loc.geonameid != null && p.geonameid === loc.geonameid) || p.name === loc.name || p.text === loc.name);
    out.location = pick(named);
    if (!out.location && loc.admin1) out.location = pick(places.filter((p) => p.admin1 === loc.admin1 && (p.kind === 'admin1' || p.name === loc.admin1)));
    if (!out.location && loc.country) out.location = pick(places.filter((p) => p.country === loc.country && p.kind === 'country'));
  }

  for (const a of ev.actors ?? []) {
    const found = pick((r.mentions ?? []).filter((m) => m.entity === a.entity));
    if (found) out.actors[a.entity] = found;
  }

  const f = ev.fatalities;
  if (f) {
    const killed = (r.claims ?? []).filter((c) => c.unit === 'killed' && valid(c, text) && inside(c));
    // The toll's own figures: those equal to it, else every killed figure of the evidence (a sum).
    const exact = killed.filter((c) => c.value === f.best);
    const words = exact.length ? exact.slice(0, 1) : killed;
    if (words.length) out.fatalities = of(words, exact.length || words.length === 1 ? undefined : 'the toll adds these figures');
    else if (evidence.length) out.fatalities = { sentence: span(evidence[0]), words: [], note: f.best === 0 ? 'the text says no one was killed' : 'victims named one by one, not as a figure' };
  }
  return out;
}

function valid(x: Range | null | undefined, text: string): x is Range {
  return !!x && Number.isInteger(x.start) && Number.isInteger(x.end) && x.start >= 0 && x.end > x.start && x.end <= text.length;
}

/** The sentence around a span: from after the last sentence end (". ", a line break) before it to the next after it. */
export function sentenceAround(text: string, w: Range): Range {
  const lo = Math.max(0, w.start - MAX_SIDE);
  const before = text.slice(lo, w.start);
  let start = lo;
  const re = /[.!?]["')\]]?\s+|\n/g;
  for (let m = re.exec(before); m; m = re.exec(before)) start = lo + m.index + m[0].length;
  const after = text.slice(w.end, Math.min(text.length, w.end + MAX_SIDE));
  const m = /[.!?](?=["')\]]?(\s|$))|\n/.exec(after);
  const end = m ? w.end + m.index + (m[0] === '\n' ? 0 : 1) : w.end + after.length;
  return { start, end: Math.max(end, w.end) };
}
