import type { ReadItem, ReadOptions } from './index.ts';
import { Doc } from '../doc.ts';
import { decode, hashId } from './decode.ts';
import { InputError } from './errors.ts';

/** A plain-text file: the decoded text is both the input and the view. */
export function* readText(bytes: Buffer, source: string, opts: ReadOptions): Generator<ReadItem> {
  const { text, encoding } = decode(bytes);
  if (!text.trim()) throw new InputError('empty', 'the text is only white space');
  const doc = new Doc({ id: hashId(bytes), source, text, kind: 'text', given: opts.referenceDate ? { referenceDate: opts.referenceDate } : {} });
  doc.debug.encoding = encoding;
  yield doc;
}
