import type { Stage } from '../../stage.ts';
import type { Context } from '../../context.ts';
import { entityResources } from '../entities/resources.ts';
import { gazetteer } from '../../gazetteer/index.ts';
import { caseMode } from './detect.ts';
import { loadTruecaseModel } from './model.ts';
import { lowerChars, restoreLine, type TruecaseResources } from './restore.ts';

/**
 * Truecasing for documents written without case (all lower case, as some archives store their
 * corpus, or all capitals, as OCR and wire copy give it). Names, places, months and sentence
 * starts get their capitals back in the view every later stage reads, so that the tagger, the
 * alias and gazetteer lookups, datelines and dates work as on cased text. Only letters change
 * case, one character for one of the same UTF-16 length: the view keeps its length and its map,
 * and every output span (whose text comes from the input, see result.ts) still points into the
 * input as read. Cased lines of a caseless document (an archive's header) are left alone.
 * `debug.truecase` says what was done.
 */
export const truecase: Stage = {
  name: 'truecase',
  needs: [],
  run(doc, ctx) {
    const text = doc.view.text;
    const found = caseMode(text);
    if (!found) return;
    const res = truecaseResources(ctx);
    const chars = text.split(''); // UTF-16 units: a case change of one never changes the length
    let lines = 0;
    for (const line of found.lines) {
      if (!line.mode) continue;
      if (line.mode === 'upper') lowerChars(chars, line);
      lines++;
    }
    // Restore over the lower-cased text, line by line.
    const lowered = chars.join('');
    for (const line of found.lines) if (line.mode) restoreLine(chars, lowered, line, res);
    const out = chars.join('');
    if (out.length !== text.length) return; // never: every change keeps the length
    doc.view = { text: out, map: doc.view.map };
    doc.debug.truecase = { mode: found.mode, lines };
  },
};

function truecaseResources(ctx: Context): TruecaseResources {
  return ctx.resource('truecase', (c) => {
    let gaz = null;
    try {
      gaz = gazetteer(c);
    } catch {
      gaz = null; // no gazetteer data: packs and the word model still restore most names
    }
    const er = entityResources(c);
    return { model: loadTruecaseModel(), matcher: er.matcher, titles: er.titles, gazetteer: gaz, seen: new Map() };
  });
}
