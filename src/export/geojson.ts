import type { StoredEvent, StoredEventDetail } from '../store/types.ts';

/**
 * GeoJSON (RFC 7946): one Feature per event, a Point at [lon, lat] (null geometry when the event
 * has no coordinates: RFC 7946 allows it, and dropping events silently would mislead a map user).
 * Properties are flat scalars where maps expect them, plus the nested actors and sources.
 */
export interface Feature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] } | null;
  properties: Record<string, unknown>;
}

export function eventFeature(e: StoredEvent | StoredEventDetail): Feature {
  const loc = e.location;
  return {
    type: 'Feature',
    id: e.id,
    geometry: loc && loc.lat != null && loc.lon != null ? { type: 'Point', coordinates: [loc.lon, loc.lat] } : null,
    properties: {
      id: e.id,
      type: e.type,
      subtype: e.subtype,
      date: e.date?.value ?? null,
      date_precision: e.date?.precision ?? null,
      location: loc?.name ?? null,
      country: loc?.country ?? null,
      admin1: loc?.admin1 ?? null,
      geo_precision: loc?.precision ?? null,
      fatalities: e.fatalities?.best ?? null,
      fatalities_low: e.fatalities?.low ?? null,
      fatalities_high: e.fatalities?.high ?? null,
      grade: e.corroboration.grade,
      reports: e.corroboration.reports,
      outlets: e.corroboration.outlets,
      review_status: e.review.status,
      actors: e.actors,
      counts: e.counts,
      sources: e.sources,
      ...('reports' in e ? { evidence: e.reports.map((r) => ({ document: r.documentId, outlet: r.outlet, text: r.evidence.map((s) => s.text).join(' … ') })) } : {}),
    },
  };
}

/** Streamed pieces, so a large export never builds one big string. */
export const GEOJSON_OPEN = '{"type":"FeatureCollection","features":[\n';
export const GEOJSON_CLOSE = '\n]}\n';

export function featureCollection(events: Array<StoredEvent | StoredEventDetail>): { type: 'FeatureCollection'; features: Feature[] } {
  return { type: 'FeatureCollection', features: events.map(eventFeature) };
}
