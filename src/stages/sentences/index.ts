import type { Stage } from '../../stage.ts';
import { splitSentences, tokenize } from './split.ts';
import { withoutFurniture } from '../clean/furniture.ts';

/** Sentences and tokens of the article's content ranges (title and body, not boilerplate or inline furniture). */
export const sentences: Stage = {
  name: 'sentences',
  needs: ['clean'],
  run(doc) {
    const ranges = withoutFurniture(doc.content.length ? doc.content : [doc.meta.body], doc.furniture);
    for (const r of ranges) {
      for (const s of splitSentences(doc.view.text, r)) {
        doc.sentences.push(s);
        for (const t of tokenize(doc.view.text, s)) doc.tokens.push(t);
      }
    }
  },
};
