import type { Stage } from '../../stage.ts';
import type { Context } from '../../context.ts';
import type { Doc, GivenDate, Range } from '../../doc.ts';
import { normalizeGivenDate } from '../../read/dates.ts';
import { findOutlet, outletTable } from './outlet.ts';
import { findDateline } from './dateline.ts';
import { findPublished } from './published.ts';
import { findDates } from './dates.ts';
import { completeDatelineDate, latestDay, type Bound } from './partial.ts';

/**
 * Document metadata: outlet, title, dateline, publication date, and the anchor date that relative
 * times ("on Saturday", "last week") resolve against.
 *
 * A date given with the document (a record's date, a feed's pubDate) is the publication date, with
 * evidence "record". The date written in the text is still looked for (published.ts) and reported
 * in `debug.publishedInText`; when the two disagree the record's wins and `debug.publishedConflict`
 * says so. A crawl date (WARC-Date) is never a publication date, only an upper bound.
 * A wire dateline without a year ("DAMASCUS, Jan 12 (Reuters) -") gets its year from a crawl date,
 * a date banner above the story or the reference date (partial.ts); without any it stays partial
 * (`debug.publishedPartial`, "XXXX-01-12") and `published` null.
 * With no date in the text and none given, `published` is null: it is never guessed.
 */
export const meta: Stage = {
  name: 'meta',
  needs: ['clean'],
  run(doc, ctx) {
    detectMeta(doc, ctx);
  },
};

const today = () => new Date().toISOString().slice(0, 10);

export function detectMeta(doc: Doc, ctx: Context): void {
  const given = doc.given;
  const body = doc.meta.body;
  const dl = findDateline(doc.view.text, body, { caseless: !!doc.debug.truecase });
  doc.meta.dateline = dl ? { start: dl.start, end: dl.end, text: dl.text } : null;

  const outlet = findOutlet(doc, ctx, dl);
  doc.meta.outlet = outlet?.name ?? null;
  if (outlet) doc.debug.outletRule = outlet.rule;

  if (given.title) {
    doc.meta.title = given.title;
    doc.debug.titleRule = 'record';
  }

  const title = doc.content.length > 1 ? doc.content[0] : null;
  const crawled = normalizeGivenDate(doc.given.crawled)?.value;
  const found = findPublished(doc, {
    title: title as Range | null,
    dateline: dl,
    outletRe: outletTable(ctx).re,
    locale: outlet?.entry?.locale,
    notAfter: crawled && crawled < today() ? crawled : today(),
    titleText: given.title ?? null,
  });
  const reference = given.referenceDate ?? ctx.options.referenceDate ?? null;
  // A wire dateline without a year ("DAMASCUS, Jan 12 (Reuters) -"), when nothing better was found:
  // its year comes from a crawl date, a banner above the story or the reference date, never from
  // the record's own date (that would only echo it back).
  const wire = !found && dl?.date && dl.date.year === null ? completeDatelineDate(dl, yearBounds(doc, crawled, reference)) : null;
  const fromText = found
    ? { date: found.date, rule: found.rule === found.date.precision || /^(iso|textual|month-year)$/.test(found.rule) ? found.region : `${found.region}; ${found.rule}`, inText: { rule: found.rule, where: found.region } }
    : wire && 'date' in wire
      ? { date: wire.date, rule: wire.rule, inText: { rule: wire.rule, where: 'dateline' } }
      : null;
  if (wire && 'partial' in wire) doc.debug.publishedPartial = { value: wire.partial, precision: 'day', text: wire.text, rule: 'wire-dateline; no year' };
  const inText = fromText ? { value: fromText.date.value, precision: fromText.date.precision, text: fromText.date.text, ...fromText.inText } : null;
  doc.debug.publishedInText = inText;

  const givenDate = normalizeGivenDate(given.published);
  if (givenDate) {
    const g: GivenDate = { value: givenDate.value, precision: givenDate.precision, evidence: 'record' };
    doc.meta.published = g;
    doc.debug.publishedRule = 'record';
    if (inText && inText.value !== g.value) doc.debug.publishedConflict = { record: g.value, text: inText.value, kept: 'record' };
  } else if (fromText) {
    doc.meta.published = fromText.date;
    doc.debug.publishedRule = fromText.rule;
  } else {
    doc.meta.published = null;
  }

  doc.anchor = doc.meta.published?.value ?? reference;
  doc.debug.anchorRule = doc.meta.published ? 'published' : reference ? 'reference-date' : 'none';
}

/** Days a story cannot be later than, for a dateline's missing year: crawl date, a banner, the reference date. */
function yearBounds(doc: Doc, crawled: string | undefined, reference: string | null): Bound[] {
  const bounds: Bound[] = [];
  if (crawled) bounds.push({ value: crawled, why: 'crawl-date' });
  const head = doc.meta.body.start;
  const banner = head > 0 ? latestDay(findDates(doc.view.text, { start: 0, end: head })) : null;
  if (banner) bounds.push({ value: banner, why: 'header-date' });
  if (reference) bounds.push({ value: reference, why: 'reference-date' });
  return bounds;
}
