import { Doc, type GivenMeta } from '../doc.ts';
import { hashId } from './decode.ts';
import { InputError } from './errors.ts';

/**
 * A document record (one JSON object): a plain record `{ id, text, published?, url?, title?,
 * outlet? }` or a gold record `{ id, text, doc_date? }`. The text field is the input: offsets
 * point into it. Dates and titles given by the record are metadata with evidence "record".
 */
export function recordDoc(rec: unknown, source: string): Doc {
  if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) throw new InputError('bad_record', 'record is not a JSON object');
  const r = rec as Record<string, unknown>;
  const text = r.text;
  if (text === undefined) throw new InputError('no_text', 'record has no text field');
  if (typeof text !== 'string') throw new InputError('bad_text', 'record text is not a string');
  if (!text.trim()) throw new InputError('empty', 'record text is empty');
  const str = (k: string) => (typeof r[k] === 'string' && r[k] ? (r[k] as string) : undefined);
  const given: GivenMeta = {
    id: str('id') ?? (typeof r.id === 'number' ? String(r.id) : undefined),
    title: str('title'),
    outlet: str('outlet'),
    url: str('url'),
    published: str('published') ?? str('doc_date'),
  };
  for (const k of Object.keys(given) as (keyof GivenMeta)[]) if (given[k] === undefined) delete given[k];
  return new Doc({ id: given.id ?? hashId(Buffer.from(text, 'utf8')), source, text, kind: 'record', given });
}
