import type { EntityType, Place } from '../doc.ts';

/**
 * Entity resolution across documents. The pipeline already gives pack entities their canonical
 * `kind:slug` id (so "ISIS", "Daesh" and "Islamic State" share `org:isis`); this file gives every
 * OTHER entity a stable id from its normalised name, so that the same unknown name in two articles
 * ("Mustafa  Bali", "MUSTAFA BALI") becomes one entity, and places one id per GeoNames feature.
 */

/** Lowercase, strip accents and punctuation, drop a leading article, collapse spaces. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^(the|al) /, '')
    .replace(/\s+/g, ' ');
}

export function slug(name: string): string {
  return normaliseName(name).replace(/ /g, '-') || 'unnamed';
}

const KIND: Record<EntityType, string> = { PERSON: 'person', ORG: 'org', GPE: 'gpe', LOC: 'loc', FAC: 'fac', NORP: 'norp' };

/** A canonical id looks like `kind:slug` (lowercase, no spaces). */
export function isCanonicalId(id: string | null | undefined): id is string {
  return !!id && /^[a-z][a-z0-9_-]*:[^\s:][^\s]*$/.test(id) && id === id.toLowerCase();
}

/** The entity's canonical id: the pack id when it has one, else `kind:slug(name)`. */
export function entityId(e: { entity?: string | null; type?: string | null; name?: string | null; text?: string | null }): string {
  if (isCanonicalId(e.entity)) return e.entity;
  const kind = (e.type && KIND[e.type as EntityType]) || 'ent';
  return `${kind}:${slug(e.name || e.entity || e.text || '')}`;
}

/** One id per place: the GeoNames feature when known, else country + normalised name. */
export function placeId(p: Pick<Place, 'geonameid' | 'country' | 'name'> & { text?: string }): string {
  if (p.geonameid != null) return `geo:${p.geonameid}`;
  return `place:${(p.country || 'xx').toLowerCase()}:${slug(p.name || p.text || '')}`;
}

/**
 * The outlet key that decides independence for corroboration: the normalised outlet name when the
 * document gives one, else the host of a URL source, else the document itself (unknown provenance
 * counts once per document, never more).
 */
export function outletKey(outlet: string | null | undefined, source: string, documentId: string): string {
  if (outlet && normaliseName(outlet)) return `outlet:${slug(outlet)}`;
  const m = /^[a-z]+:\/\/(?:www\.)?([^/:?#]+)/i.exec(source);
  if (m) return `host:${m[1].toLowerCase()}`;
  return `doc:${documentId}`;
}
