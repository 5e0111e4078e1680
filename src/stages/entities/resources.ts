import type { Context } from '../../context.ts';
import { packEntities, packTitles, type PackEntity } from '../../packs/entities.ts';
import { AliasMatcher } from './aliases.ts';
import { loadModel } from './model.ts';
import type { Model } from './tagger.ts';
import { Titles } from './titles.ts';

/** What the entities stage loads once per process (ctx.resource): pack entities, aliases, titles, model. */
export interface EntityResources {
  entities: Map<string, PackEntity>;
  matcher: AliasMatcher;
  titles: Titles;
  model: Model | null;
}

export function entityResources(ctx: Context): EntityResources {
  return ctx.resource('entities', () => {
    const all = ctx.packs.flatMap(packEntities);
    const entities = new Map<string, PackEntity>();
    for (const e of all) if (!entities.has(e.id)) entities.set(e.id, e);
    return {
      entities,
      matcher: new AliasMatcher(all),
      titles: new Titles(ctx.packs.map(packTitles)),
      model: loadModel(),
    };
  });
}

/** The pack entry of an entity id (its country, the GPE of a NORP...), for later stages. */
export function packEntity(ctx: Context, id: string): PackEntity | undefined {
  return entityResources(ctx).entities.get(id);
}
