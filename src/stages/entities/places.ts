import type { Context } from '../../context.ts';
import { gazetteer } from '../../gazetteer/index.ts';

/** A city this big is a place whenever its name stands alone ("Toronto", "Beijing"). */
const BIG_CITY = 500_000;

/**
 * Is this name a country or a big city of the gazetteer? The tagger, trained on a small corpus,
 * misses many of them ("Tunisia", "Toronto"); these readings are safe enough to take without
 * other evidence. The gazetteer is the one the places stage uses (loaded once per process through
 * ctx.resource); answers are cached per name, so a document costs a few map look-ups.
 */
export function majorPlace(ctx: Context): (name: string) => boolean {
  return ctx.resource('entities:major-places', () => {
    const gaz = gazetteer(ctx);
    const cache = new Map<string, boolean>();
    return (name: string) => {
      let v = cache.get(name);
      if (v === undefined) {
        v = gaz.has(name) && gaz.lookup(name).some((c) => c.match !== 'loose' && (c.kind === 'country' || (c.kind === 'city' && c.population >= BIG_CITY)));
        if (cache.size > 50000) cache.clear();
        cache.set(name, v);
      }
      return v;
    };
  });
}

/**
 * Is this name a country or a first-level division (state, province) of the gazetteer, by its own name
 * or an alias? Such a name before a title ("Manitoba Premier") qualifies the title, and two of them side
 * by side ("Greece Italy", a list whose comma was lost) are two places, never one person's name.
 */
export function namedDivision(ctx: Context): (name: string) => 'country' | 'admin1' | null {
  return ctx.resource('entities:named-divisions', () => {
    const gaz = gazetteer(ctx);
    const cache = new Map<string, 'country' | 'admin1' | null>();
    return (name: string) => {
      let v = cache.get(name);
      if (v === undefined) {
        const cs = gaz.has(name) ? gaz.lookup(name).filter((c) => c.match === 'name' || c.match === 'alias') : [];
        v = cs.some((c) => c.kind === 'country') ? 'country' : cs.some((c) => c.kind === 'admin1') ? 'admin1' : null;
        if (cache.size > 50000) cache.clear();
        cache.set(name, v);
      }
      return v;
    };
  });
}
