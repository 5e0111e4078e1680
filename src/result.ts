import type { Doc, DocResult, Range } from './doc.ts';

/**
 * Doc -> the contract JSON of CONTRACT.md. Layers hold view offsets; here every range becomes a
 * raw range, and every span's text is the raw input between its offsets, so that
 * `input.slice(start, end) === text` holds whatever the view was.
 */
export function toResult(doc: Doc, opts: { debug?: boolean } = {}): DocResult {
  const span = <T extends Range & { text: string }>(x: T): T => ({ ...x, ...doc.rawSpan(x) });
  const range = (r: Range): Range => doc.toRaw(r);
  const m = doc.meta;
  const out: DocResult = {
    id: doc.id,
    source: doc.source,
    meta: {
      outlet: m.outlet,
      title: m.title,
      published: m.published && 'start' in m.published ? span(m.published) : m.published,
      body: range(m.body),
      dateline: m.dateline ? span(m.dateline) : null,
    },
    mentions: doc.mentions.map(span),
    places: doc.places.map(span),
    times: doc.times.map(span),
    events: doc.events.map((e) => ({ ...e, evidence: e.evidence.map(range), ...(e.trigger ? { trigger: range(e.trigger) } : {}) })),
    claims: doc.claims.map((c) => ({ ...span(c), evidence: range(c.evidence) })),
  };
  if (opts.debug !== false) out.debug = doc.debug;
  return out;
}
