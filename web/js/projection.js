/**
 * Web Mercator in "Mercator degrees", the units of the base map's SVG paths (src/server/basemap.ts):
 * x = longitude, y = -(180/π)·ln(tan(π/4 + φ/2)), north up (negative y). Latitudes beyond ±85°
 * are clamped, as every web map does.
 */
const R = 180 / Math.PI;
const MAX_LAT = 85.0511;

export function projY(lat) {
  const l = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  return -R * Math.log(Math.tan(Math.PI / 4 + l / (2 * R)));
}

export function unprojY(y) {
  return R * (2 * Math.atan(Math.exp(-y / R)) - Math.PI / 2);
}

/** Map units per kilometre north-south at a latitude (Mercator stretches by 1/cos φ). */
export function unitsPerKm(lat) {
  return 1 / 111.32 / Math.max(0.05, Math.cos((lat * Math.PI) / 180));
}

export const WORLD_TOP = projY(MAX_LAT);
export const WORLD_BOTTOM = projY(-MAX_LAT);
