import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import { geoEquirectangular, geoPath } from 'd3-geo';

/**
 * The dashboard's base map, built offline from Natural Earth boundaries (the world-atlas package):
 * no tile server, nothing fetched from the internet. Country outlines are projected once per
 * process to SVG path strings in "degree" units (x = longitude, y = -latitude), so the browser
 * places event markers with the same trivial projection and zooms by changing the SVG viewBox.
 *
 * Two resolutions: 110m (small, drawn first) and 50m (sharper borders, loaded after first paint).
 */
export interface BaseMap {
  resolution: string;
  attribution: string;
  countries: Array<{ id: string | null; name: string; d: string }>;
}

const cache = new Map<string, { json: string; gz?: Buffer }>();
const require = createRequire(import.meta.url);

export const RESOLUTIONS = ['110m', '50m'] as const;

/** The base map as JSON (cached: it never changes while the process runs). */
export function baseMap(resolution: (typeof RESOLUTIONS)[number]): { json: string; gz?: Buffer } {
  const hit = cache.get(resolution);
  if (hit) return hit;
  const file = require.resolve(`world-atlas/countries-${resolution}.json`);
  const topo = JSON.parse(readFileSync(file, 'utf8'));
  const fc = feature(topo, topo.objects.countries) as unknown as GeoJSON.FeatureCollection;
  const projection = geoEquirectangular().scale(180 / Math.PI).translate([0, 0]).precision(0.1);
  const path = geoPath(projection).digits(resolution === '110m' ? 1 : 2);
  const map: BaseMap = {
    resolution,
    attribution: 'Boundaries: Natural Earth (public domain), via world-atlas',
    countries: fc.features.map((f) => ({ id: f.id == null ? null : String(f.id), name: String(f.properties?.name ?? ''), d: path(f) ?? '' })).filter((c) => c.d),
  };
  const entry = { json: JSON.stringify(map) };
  cache.set(resolution, entry);
  return entry;
}
