import type { EntityType } from '../doc.ts';
import { PackError, type Pack } from './load.ts';

/**
 * Schema checks for the two pack sections the entities stage reads: `entities` (a list of
 * entities with canonical ids and aliases) and `titles` (ranks, titles, modifiers, role nouns).
 * A pack with a malformed entry fails loudly at start-up, naming the pack, the file and the
 * entry, rather than silently matching nothing.
 */

export const ENTITY_TYPES: EntityType[] = ['PERSON', 'ORG', 'GPE', 'LOC', 'FAC', 'NORP'];
/** The id prefix of each type: `org:isis`, `gpe:iraq`, `person:...`. */
export const KIND: Record<EntityType, string> = { PERSON: 'person', ORG: 'org', GPE: 'gpe', LOC: 'loc', FAC: 'fac', NORP: 'norp' };

export interface AliasSpec {
  text: string;
  /** exact: only in this exact case (default for acronyms, i.e. aliases with no lower-case letter). */
  case: 'exact' | 'any';
  /** caps: not when a neighbouring word is in ALL CAPS (the verb "IS" in a shouted headline). */
  guard?: 'caps';
}

export interface PackEntity {
  id: string;
  type: EntityType;
  name: string;
  aliases: AliasSpec[];
  /** ISO 3166 alpha-2 country of a place. */
  country?: string;
  /** For a NORP: the GPE it is the people of (`gpe:iraq` for "Iraqi"). */
  of?: string;
  /** For a place: what kind of place it is. */
  level?: 'country' | 'admin1' | 'admin2' | 'city' | 'region';
  pack: string;
}

export interface PackTitles {
  ranks: string[];
  titles: string[];
  modifiers: string[];
  roles: string[];
}

const LEVELS = ['country', 'admin1', 'admin2', 'city', 'region'];
const ID = /^(person|org|gpe|loc|fac|norp):[a-z0-9]+(?:-[a-z0-9]+)*$/;

function fail(pack: Pack, file: string, msg: string): never {
  throw new PackError(`pack ${pack.name}: ${file}: ${msg}`);
}

/** Check and normalise a pack's `entities` section (absent = none). */
export function packEntities(pack: Pack): PackEntity[] {
  const raw = pack.sections.entities;
  if (raw == null) return [];
  const file = 'entities.yaml';
  if (!Array.isArray(raw)) fail(pack, file, 'must be a list of entities');
  const seen = new Set<string>();
  return raw.map((e: any, i: number) => {
    const where = `entry ${i + 1}${e && typeof e.id === 'string' ? ` (${e.id})` : ''}`;
    if (!e || typeof e !== 'object') fail(pack, file, `${where}: not an object`);
    if (typeof e.id !== 'string' || !ID.test(e.id)) fail(pack, file, `${where}: id must look like kind:slug (org:isis), kind one of person|org|gpe|loc|fac|norp`);
    if (seen.has(e.id)) fail(pack, file, `${where}: duplicate id`);
    seen.add(e.id);
    if (!ENTITY_TYPES.includes(e.type)) fail(pack, file, `${where}: type must be one of ${ENTITY_TYPES.join('|')}`);
    if (KIND[e.type as EntityType] !== e.id.split(':')[0]) fail(pack, file, `${where}: id kind does not match type ${e.type}`);
    if (typeof e.name !== 'string' || !e.name.trim()) fail(pack, file, `${where}: name must be a non-empty string`);
    if (e.aliases != null && !Array.isArray(e.aliases)) fail(pack, file, `${where}: aliases must be a list`);
    if (e.country != null && !/^[A-Z]{2}$/.test(e.country)) fail(pack, file, `${where}: country must be an ISO 3166 alpha-2 code`);
    if (e.of != null && (typeof e.of !== 'string' || !ID.test(e.of))) fail(pack, file, `${where}: of must be an entity id`);
    if (e.level != null && !LEVELS.includes(e.level)) fail(pack, file, `${where}: level must be one of ${LEVELS.join('|')}`);
    const aliases: AliasSpec[] = [];
    for (const a of [e.name, ...(e.aliases ?? [])]) {
      const spec = typeof a === 'string' ? { text: a } : a;
      if (!spec || typeof spec.text !== 'string' || !spec.text.trim()) fail(pack, file, `${where}: alias ${JSON.stringify(a)} needs a non-empty text`);
      if (spec.case != null && spec.case !== 'exact' && spec.case !== 'any') fail(pack, file, `${where}: alias ${spec.text}: case must be exact or any`);
      if (spec.guard != null && spec.guard !== 'caps') fail(pack, file, `${where}: alias ${spec.text}: guard must be caps`);
      aliases.push({
        text: spec.text.trim(),
        case: spec.case ?? (/\p{Ll}/u.test(spec.text) ? 'any' : 'exact'),
        ...(spec.guard ? { guard: spec.guard } : {}),
      });
    }
    return { id: e.id, type: e.type, name: e.name, aliases, ...(e.country ? { country: e.country } : {}), ...(e.of ? { of: e.of } : {}), ...(e.level ? { level: e.level } : {}), pack: pack.name };
  });
}

/** Check a pack's `titles` section (absent = empty lists). */
export function packTitles(pack: Pack): PackTitles {
  const raw = pack.sections.titles as any;
  const out: PackTitles = { ranks: [], titles: [], modifiers: [], roles: [] };
  if (raw == null) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) fail(pack, 'titles.yaml', 'must be a mapping with ranks, titles, modifiers, roles');
  for (const k of Object.keys(raw)) {
    if (!(k in out)) fail(pack, 'titles.yaml', `unknown key ${k} (expected ranks, titles, modifiers, roles)`);
    const v = raw[k];
    if (v == null) continue;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !x.trim())) fail(pack, 'titles.yaml', `${k} must be a list of strings`);
    out[k as keyof PackTitles] = v.map((x: string) => x.trim());
  }
  return out;
}
