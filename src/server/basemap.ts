import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';
import { geoMercator, geoPath } from 'd3-geo';

/**
 * The dashboard's base map, built offline: Natural Earth country outlines (the world-atlas
 * package) and place labels from the bundled gazetteer (data/basemap/labels.tsv.gz); no tile
 * server, nothing fetched from the internet.
 *
 * Projection: Web Mercator, so shapes keep their look at region zoom (a flat lon/lat map squashes
 * Iraq and stretches Scandinavia). Outlines are projected once per process to SVG path strings in
 * "Mercator degrees": x = longitude, y = -(180/π)·ln(tan(π/4 + φ/2)); the browser projects event
 * markers and labels with the same formula (web/js/projection.js) and zooms by the SVG viewBox.
 *
 * Two resolutions: 110m (small, drawn first) and 50m (sharper borders, loaded after first paint).
 */
export interface BaseMap {
  resolution: string;
  projection: 'mercator';
  attribution: string;
  /** `label`: where the country's name goes, projected (the path's centroid). */
  countries: Array<{ id: string | null; name: string; d: string; label: [number, number] | null }>;
}

const cache = new Map<string, { json: string; gz?: Buffer }>();
const require = createRequire(import.meta.url);

export const RESOLUTIONS = ['110m', '50m'] as const;
/** Not a resolution: the place labels, as columns. */
export const LABELS = 'labels';

/** The base map as JSON (cached: it never changes while the process runs). */
export function baseMap(resolution: (typeof RESOLUTIONS)[number]): { json: string; gz?: Buffer } {
  const hit = cache.get(resolution);
  if (hit) return hit;
  const file = require.resolve(`world-atlas/countries-${resolution}.json`);
  const topo = JSON.parse(readFileSync(file, 'utf8'));
  const fc = feature(topo, topo.objects.countries) as unknown as GeoJSON.FeatureCollection;
  const projection = geoMercator().scale(180 / Math.PI).translate([0, 0]).precision(0.1);
  const path = geoPath(projection).digits(resolution === '110m' ? 1 : 2);
  const round = (x: number) => Math.round(x * 100) / 100;
  const map: BaseMap = {
    resolution,
    projection: 'mercator',
    attribution: 'Boundaries: Natural Earth (public domain), via world-atlas',
    countries: fc.features
      .map((f) => {
        const c = path.centroid(f);
        return { id: f.id == null ? null : String(f.id), name: String(f.properties?.name ?? ''), d: path(f) ?? '', label: Number.isFinite(c[0]) ? ([round(c[0]), round(c[1])] as [number, number]) : null };
      })
      .filter((c) => c.d),
  };
  const entry = { json: JSON.stringify(map) };
  cache.set(resolution, entry);
  return entry;
}

/**
 * Place labels as parallel columns (what the map draws by zoom): first-level divisions and cities
 * of 100,000 or more, from data/basemap/labels.tsv.gz (scripts/build-basemap-labels.ts).
 */
export function baseLabels(): { json: string; gz?: Buffer } {
  const hit = cache.get(LABELS);
  if (hit) return hit;
  const file = fileURLToPath(new URL('../../data/basemap/labels.tsv.gz', import.meta.url));
  const out = { attribution: 'Places: GeoNames (CC BY 4.0)', name: [] as string[], lat: [] as number[], lon: [] as number[], admin1: [] as number[], pop: [] as number[], cc: [] as string[] };
  for (const line of gunzipSync(readFileSync(file)).toString('utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [name, lat, lon, kind, pop, cc] = line.split('\t');
    out.name.push(name);
    out.lat.push(Number(lat));
    out.lon.push(Number(lon));
    out.admin1.push(kind === 'a' ? 1 : 0);
    out.pop.push(Number(pop) || 0);
    out.cc.push(cc ?? '');
  }
  const entry = { json: JSON.stringify(out) };
  cache.set(LABELS, entry);
  return entry;
}
