import type { Stage } from '../../stage.ts';
import type { Context } from '../../context.ts';
import type { Doc, GivenDate, Range } from '../../doc.ts';
import { normalizeGivenDate } from '../../read/dates.ts';
import { findOutlet, outletTable } from './outlet.ts';
import { findDateline } from './dateline.ts';
import { findPublished } from './published.ts';

/**
 * Document metadata: outlet, title, dateline, publication date, and the anchor date that relative
 * times ("on Saturday", "last week") resolve against.
 *
 * A date given with the document (a record's date, a feed's pubDate) is the publication date, with
 * evidence "record". The date written in the text is still looked for (published.ts) and reported
 * in `debug.publishedInText`; when the two disagree the record's wins and `debug.publishedConflict`
 * says so. A crawl date (WARC-Date) is never a publication date, only an upper bound.
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
  const dl = findDateline(doc.view.text, body);
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
  });
  const inText = found ? { value: found.date.value, precision: found.date.precision, text: found.date.text, rule: found.rule, where: found.region } : null;
  doc.debug.publishedInText = inText;

  const givenDate = normalizeGivenDate(given.published);
  if (givenDate) {
    const g: GivenDate = { value: givenDate.value, precision: givenDate.precision, evidence: 'record' };
    doc.meta.published = g;
    doc.debug.publishedRule = 'record';
    if (inText && inText.value !== g.value) doc.debug.publishedConflict = { record: g.value, text: inText.value, kept: 'record' };
  } else if (found) {
    doc.meta.published = found.date;
    doc.debug.publishedRule = found.rule === found.date.precision || /^(iso|textual|month-year)$/.test(found.rule) ? found.region : `${found.region}; ${found.rule}`;
  } else {
    doc.meta.published = null;
  }

  const reference = given.referenceDate ?? ctx.options.referenceDate ?? null;
  doc.anchor = doc.meta.published?.value ?? reference;
  doc.debug.anchorRule = doc.meta.published ? 'published' : reference ? 'reference-date' : 'none';
}
