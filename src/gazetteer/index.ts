import type { PlaceKind } from '../doc.ts';
import type { Context } from '../context.ts';
import { KINDS } from './data.ts';
import { looseKey, nameKey } from './normalize.ts';
import { readPackPlaces, type PackPlaces } from './pack.ts';
import { add, asList, codeMatch, MATCH_BITS, type Codes, type MatchType } from './codes.ts';
import { loadPlaceIndex } from './build-index.ts';
import type { PlaceTable } from './index-file.ts';

export { nameKey, looseKey, foldName } from './normalize.ts';
export { loadStats } from './build-index.ts';
export type { MatchType } from './codes.ts';

export interface Candidate {
  /** Row in the gazetteer (stable for one process). */
  idx: number;
  /** GeoNames id; null for places without one (Natural Earth features, pack-defined regions). */
  geonameid: number | null;
  name: string;
  lat: number;
  lon: number;
  kind: PlaceKind;
  fcode: string;
  country: string | null;
  admin1: string | null;
  admin1Code: string | null;
  population: number;
  match: MatchType;
  /** True when a domain pack names this place as the reading of this spelling. */
  fromPack: boolean;
}

/** Base data are the same for every Context: read them once per process (build-index.ts, index-file.ts). */
let baseTable: PlaceTable | null = null;

function loadBase(): PlaceTable {
  return (baseTable ??= loadPlaceIndex());
}

/**
 * The place index: lookup by any spelling, with the base data shared across Contexts and the domain
 * packs' place variants and demonyms laid over it.
 */
export class Gazetteer {
  readonly data: PlaceTable;
  /** Pack spellings -> rows (tried before the base index). */
  private readonly packIndex = new Map<string, Codes>();
  /** The packs' loose-match countries: transliteration-folded keys find their places only. */
  private readonly looseCountries: Set<string>;
  /** Extra rows defined by packs (regions without a GeoNames record). */
  private readonly extra: Array<{ name: string; lat: number; lon: number; kind: PlaceKind; cc: string; admin1: string; fcode: string; id: number | null }> = [];
  private readonly countryIdx = new Map<string, number>();
  private readonly admin1Idx = new Map<string, number>();
  readonly pack: PackPlaces;

  constructor(pack: PackPlaces = { places: [], demonyms: [], looseCountries: [] }) {
    const data = loadBase();
    this.data = data;
    this.pack = pack;
    this.looseCountries = new Set(pack.looseCountries);
    const country = KINDS.indexOf('country');
    const admin1 = KINDS.indexOf('admin1');
    for (let i = 0; i < data.size; i++) {
      const k = data.kind[i];
      if (k === country) this.countryIdx.set(data.cc(i), i);
      else if (k === admin1) this.admin1Idx.set(`${data.cc(i)}.${data.admin1(i)}`, i);
    }
    this.applyPack(pack);
  }

  get size(): number {
    return this.data.size + this.extra.length;
  }

  private rowById(id: number): number | undefined {
    return this.data.rowById(id);
  }

  private applyPack(pack: PackPlaces): void {
    const resolveRow = (p: { geonameid?: number; lat?: number; lon?: number; name: string; kind?: PlaceKind; country?: string; admin1?: string; place?: string }): number | undefined => {
      if (p.geonameid != null) {
        const r = this.rowById(p.geonameid);
        if (r !== undefined) return r;
      }
      if (p.lat != null && p.lon != null) {
        this.extra.push({ name: p.name, lat: p.lat, lon: p.lon, kind: p.kind ?? 'region', cc: p.country ?? '', admin1: p.admin1 ?? '', fcode: p.kind === 'city' ? 'PPL' : 'RGN', id: p.geonameid ?? null });
        return this.data.size + this.extra.length - 1;
      }
      if (p.place) {
        const codes = asList(this.packIndex.get(nameKey(p.place)));
        return codes ? codes[0] >>> MATCH_BITS : undefined;
      }
      if (p.country) return this.countryIdx.get(p.country);
      return undefined;
    };
    for (const p of pack.places) {
      const row = resolveRow(p);
      if (row === undefined) continue;
      for (const v of [p.name, ...(p.variants ?? [])]) add(this.packIndex, nameKey(v), row, 'variant');
    }
    for (const d of pack.demonyms) {
      const row = resolveRow(d);
      if (row === undefined) continue;
      for (const v of [d.name, ...(d.variants ?? [])]) add(this.packIndex, nameKey(v), row, 'demonym');
    }
  }

  /** The loose readings of a spelling in the packs' loose countries (the index holds every country's). */
  private looseCodes(text: string): number[] | undefined {
    const codes = this.data.loose.get(looseKey(text));
    if (!codes) return undefined;
    const kept = codes.filter((c) => this.looseCountries.has(this.data.cc(c >>> MATCH_BITS)));
    return kept.length ? kept : undefined;
  }

  /** Lookups by key, reused across documents (names repeat: "Iraq", "Syrian", "Baghdad"). Read-only. */
  private readonly cache = new Map<string, Candidate[]>();
  private readonly hasCache = new Map<string, boolean>();

  /** Every place this spelling may name: pack readings first, then gazetteer names, then loose matches. */
  lookup(text: string): Candidate[] {
    const key = nameKey(text);
    if (!key) return [];
    let hit = this.cache.get(key);
    if (hit) return hit;
    hit = this.lookupKey(key, text);
    if (this.cache.size > 50000) this.cache.clear(); // bounded: a long batch never grows it without end
    this.cache.set(key, hit);
    return hit;
  }

  private lookupKey(key: string, text: string): Candidate[] {
    const out: Candidate[] = [];
    const seen = new Set<number>();
    const push = (codes: number[] | undefined, fromPack: boolean, force?: MatchType) => {
      if (!codes) return;
      for (const c of codes) {
        const idx = c >>> MATCH_BITS;
        if (seen.has(idx)) continue;
        seen.add(idx);
        out.push(this.candidate(idx, force ?? codeMatch(c), fromPack));
      }
    };
    push(asList(this.packIndex.get(key)), true);
    push(this.data.names.get(key), false);
    // Transliteration-folded readings in the pack's countries: also beside exact hits, since an exact hit
    // on some village's alternate name ("Tal Afar" of a hamlet) must not hide the district seat spelled "Tall Afar".
    if (this.looseCountries.size && key.length >= 4) push(this.looseCodes(text), false, 'loose');
    return out;
  }

  /** Whether any place has this spelling (cheap pre-check for detection). */
  has(text: string): boolean {
    const key = nameKey(text);
    return this.packIndex.has(key) || this.data.names.has(key);
  }

  hasLoose(text: string): boolean {
    if (!this.looseCountries.size) return false;
    let h = this.hasCache.get(text);
    if (h === undefined) {
      h = this.looseCodes(text) !== undefined;
      if (this.hasCache.size > 50000) this.hasCache.clear();
      this.hasCache.set(text, h);
    }
    return h;
  }

  country(cc: string): Candidate | null {
    const i = this.countryIdx.get(cc);
    return i === undefined ? null : this.candidate(i, 'name', false);
  }

  admin1(cc: string, code: string): Candidate | null {
    const i = this.admin1Idx.get(`${cc}.${code}`);
    return i === undefined ? null : this.candidate(i, 'name', false);
  }

  /** The admin1 name as ACLED writes it ("Idleb" for GeoNames' "Idlib"), else GeoNames' own. */
  acledAdmin1(c: Pick<Candidate, 'country' | 'admin1' | 'admin1Code'>): string | null {
    if (c.country && c.admin1Code) return this.data.acledAdmin1.get(`${c.country}.${c.admin1Code}`) ?? c.admin1;
    return c.admin1;
  }

  byGeonameId(id: number): Candidate | null {
    const i = this.rowById(id);
    return i === undefined ? null : this.candidate(i, 'name', false);
  }

  candidate(idx: number, match: MatchType, fromPack: boolean): Candidate {
    const d = this.data;
    if (idx >= d.size) {
      const e = this.extra[idx - d.size];
      const a1 = e.admin1 || null;
      return { idx, geonameid: e.id, name: e.name, lat: e.lat, lon: e.lon, kind: e.kind, fcode: e.fcode, country: e.cc || null, admin1: a1, admin1Code: null, population: 0, match, fromPack };
    }
    const cc = d.cc(idx) || null;
    const code = d.admin1(idx) || null;
    const kind = KINDS[d.kind[idx]];
    let admin1: string | null = null;
    if (cc && code) admin1 = d.admin1Names.get(`${cc}.${code}`) ?? null;
    if (kind === 'admin1') admin1 = d.name(idx);
    const id = d.id[idx];
    return {
      idx, geonameid: id > 0 ? id : null, name: d.name(idx), lat: round(d.lat[idx]), lon: round(d.lon[idx]), kind, fcode: d.fcode(idx),
      country: cc, admin1, admin1Code: code, population: d.pop[idx], match, fromPack,
    };
  }
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** Overlays by pack content: Contexts with the same packs (tests, evaluate runs) share one. */
const byPacks = new Map<string, Gazetteer>();

/** The gazetteer for a Context: base data once per process, pack overlay once per set of packs. */
export function gazetteer(ctx: Context): Gazetteer {
  return ctx.resource('gazetteer', (c) => {
    const pack = readPackPlaces(c);
    const key = JSON.stringify(pack);
    let g = byPacks.get(key);
    if (!g) byPacks.set(key, (g = new Gazetteer(pack)));
    return g;
  });
}

/** Great-circle distance in km. */
export function distanceKm(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const r = Math.PI / 180;
  const dLat = (bLat - aLat) * r;
  const dLon = (bLon - aLon) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * r) * Math.cos(bLat * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

