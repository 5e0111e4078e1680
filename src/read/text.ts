import type { ReadItem, ReadOptions } from './index.ts';
import { Doc } from '../doc.ts';
import { decode, hashId } from './decode.ts';
import { InputError } from './errors.ts';
import { plainTextView } from './mojibake.ts';

/** A plain-text file: the decoded text is the input and, mojibake repaired (mojibake.ts), the view. */
export function* readText(bytes: Buffer, source: string, opts: ReadOptions): Generator<ReadItem> {
  const { text, encoding } = decode(bytes);
  if (!text.trim()) throw new InputError('empty', 'the text is only white space');
  const doc = new Doc({ id: hashId(bytes), source, text, kind: 'text', given: opts.referenceDate ? { referenceDate: opts.referenceDate } : {}, view: plainTextView(text) });
  doc.debug.encoding = encoding;
  yield doc;
}
