import type { PlaceKind } from '../doc.ts';
import type { Context } from '../context.ts';
import { readGazetteerData, KINDS, type GazetteerData } from './data.ts';
import { nameKey, looseKey, foldName } from './normalize.ts';
import { readPackPlaces, type PackPlaces } from './pack.ts';

export { nameKey, looseKey, foldName } from './normalize.ts';

/** How a candidate's name matched the text: its own name, an alternate, a pack variant, ... */
export type MatchType = 'name' | 'alt' | 'variant' | 'demonym' | 'alias' | 'loose' | 'abbrev';

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

const MATCH_BITS = 3;
const MATCHES: MatchType[] = ['name', 'alt', 'variant', 'demonym', 'alias', 'loose', 'abbrev'];

/** Base data are the same for every Context: read them once per process. */
let baseData: GazetteerData | null = null;
let baseIndex: Map<string, Codes> | null = null;
export let loadStats: { ms: number; records: number; keys: number } | null = null;

/** Row codes (row << MATCH_BITS | match) under one key: a bare number for the common single row. */
type Codes = number | number[];

function asList(c: Codes | undefined): number[] | undefined {
  return c === undefined ? undefined : typeof c === 'number' ? [c] : c;
}

function add(index: Map<string, Codes>, key: string, idx: number, match: MatchType): void {
  if (!key) return;
  const code = (idx << MATCH_BITS) | MATCHES.indexOf(match);
  const got = index.get(key);
  if (got === undefined) return void index.set(key, code);
  const list = typeof got === 'number' ? [got] : got;
  const at = list.findIndex((c) => c >>> MATCH_BITS === idx);
  if (at < 0) list.push(code);
  // "Turkish" is an alternate name of Turkey in GeoNames and a demonym in our data: the more telling wins.
  else if (RANK[match] > RANK[MATCHES[list[at] & ((1 << MATCH_BITS) - 1)]]) list[at] = code;
  if (list.length === 1) index.set(key, list[0]);
  else if (list !== got) index.set(key, list);
}

const RANK: Record<MatchType, number> = { variant: 6, demonym: 5, alias: 4, abbrev: 3, name: 2, alt: 1, loose: 0 };

function loadBase(): { data: GazetteerData; index: Map<string, Codes> } {
  if (baseData && baseIndex) return { data: baseData, index: baseIndex };
  const t0 = performance.now();
  const data = readGazetteerData();
  const index = new Map<string, Codes>();
  const countryIdx = new Map<string, number>();
  for (let i = 0; i < data.size; i++) {
    add(index, nameKey(data.name[i]), i, 'name');
    if (KINDS[data.kind[i]] === 'country') countryIdx.set(data.cc[i], i);
  }
  for (let i = 0; i < data.size; i++) {
    const alts = data.alts[i];
    if (!alts) continue;
    for (const a of alts.split('|')) add(index, nameKey(a), i, 'alt');
  }
  for (const [alias, cc] of data.countryAliases) {
    const i = countryIdx.get(cc);
    if (i !== undefined) add(index, nameKey(alias), i, 'alias');
  }
  const admin1Idx = new Map<string, number>();
  for (let i = 0; i < data.size; i++) if (KINDS[data.kind[i]] === 'admin1') admin1Idx.set(`${data.cc[i]}.${data.admin1[i]}`, i);
  for (const [abbr, code] of data.admin1Abbreviations) {
    const i = admin1Idx.get(code);
    if (i !== undefined) add(index, nameKey(abbr), i, 'abbrev');
  }
  // ACLED's spellings of divisions ("Idleb", "Al-Hasakeh", "Distrito Federal") find the division too, as
  // alternate names (a city of the same name keeps its higher prior); bare directions ("South") would
  // only add noise.
  for (const [code, acled] of data.acledAdmin1) {
    const i = admin1Idx.get(code);
    const key = nameKey(acled);
    if (i !== undefined && !/^(?:north|south|east|west|centre|center|central|ouest|est|nord|sud)$/.test(key)) add(index, key, i, 'alt');
  }
  // Demonyms name a country by ISO code, or a region of regions.tsv by "=Name". Only the adjective and
  // the singular noun: plural nouns ("Americans") are people, not places, in the gold conventions we follow.
  const regionIdx = new Map<string, number>();
  for (let i = 0; i < data.size; i++) {
    const k = KINDS[data.kind[i]];
    if (k === 'region' || k === 'feature') regionIdx.set(data.name[i], i);
  }
  for (const [demonym, target] of data.demonyms) {
    const i = target.startsWith('=') ? regionIdx.get(target.slice(1)) : countryIdx.get(target);
    if (i !== undefined) add(index, nameKey(demonym), i, 'demonym');
  }
  baseData = data;
  baseIndex = index;
  loadStats = { ms: performance.now() - t0, records: data.size, keys: index.size };
  return { data, index };
}

/**
 * The place index: lookup by any spelling, with the base data shared across Contexts and the domain
 * packs' place variants and demonyms laid over it.
 */
export class Gazetteer {
  readonly data: GazetteerData;
  private readonly index: Map<string, Codes>;
  /** Pack spellings -> rows (tried before the base index). */
  private readonly packIndex = new Map<string, Codes>();
  /** Transliteration-folded keys of the places in the packs' loose-match countries. */
  private readonly looseIndex = new Map<string, Codes>();
  /** Extra rows defined by packs (regions without a GeoNames record). */
  private readonly extra: Array<{ name: string; lat: number; lon: number; kind: PlaceKind; cc: string; admin1: string; fcode: string; id: number | null }> = [];
  private readonly countryIdx = new Map<string, number>();
  private readonly admin1Idx = new Map<string, number>();
  private readonly byId = new Map<number, number>();
  readonly pack: PackPlaces;

  constructor(pack: PackPlaces = { places: [], demonyms: [], looseCountries: [] }) {
    const { data, index } = loadBase();
    this.data = data;
    this.index = index;
    this.pack = pack;
    for (let i = 0; i < data.size; i++) {
      const k = KINDS[data.kind[i]];
      if (k === 'country') this.countryIdx.set(data.cc[i], i);
      else if (k === 'admin1') this.admin1Idx.set(`${data.cc[i]}.${data.admin1[i]}`, i);
    }
    this.applyPack(pack);
  }

  get size(): number {
    return this.data.size + this.extra.length;
  }

  private rowById(id: number): number | undefined {
    if (!this.byId.size) for (let i = 0; i < this.data.size; i++) this.byId.set(this.data.id[i], i);
    return this.byId.get(id);
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
    if (pack.looseCountries.length) {
      const cc = new Set(pack.looseCountries);
      for (let i = 0; i < this.data.size; i++) {
        if (!cc.has(this.data.cc[i])) continue;
        add(this.looseIndex, looseKey(this.data.name[i]), i, 'loose');
        const alts = this.data.alts[i];
        if (alts) for (const a of alts.split('|')) add(this.looseIndex, looseKey(a), i, 'loose');
      }
    }
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
        out.push(this.candidate(idx, force ?? MATCHES[c & ((1 << MATCH_BITS) - 1)], fromPack));
      }
    };
    push(asList(this.packIndex.get(key)), true);
    push(asList(this.index.get(key)), false);
    // Transliteration-folded readings in the pack's countries: also beside exact hits, since an exact hit
    // on some village's alternate name ("Tal Afar" of a hamlet) must not hide the district seat spelled "Tall Afar".
    if (this.looseIndex.size && key.length >= 4) push(asList(this.looseIndex.get(looseKey(text))), false, 'loose');
    return out;
  }

  /** Whether any place has this spelling (cheap pre-check for detection). */
  has(text: string): boolean {
    const key = nameKey(text);
    return this.packIndex.has(key) || this.index.has(key);
  }

  hasLoose(text: string): boolean {
    if (!this.looseIndex.size) return false;
    let h = this.hasCache.get(text);
    if (h === undefined) {
      h = this.looseIndex.has(looseKey(text));
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
    const cc = d.cc[idx] || null;
    const code = d.admin1[idx] || null;
    const kind = KINDS[d.kind[idx]];
    let admin1: string | null = null;
    if (cc && code) admin1 = d.admin1Names.get(`${cc}.${code}`) ?? null;
    if (kind === 'admin1') admin1 = d.name[idx];
    const id = d.id[idx];
    return {
      idx, geonameid: id > 0 ? id : null, name: d.name[idx], lat: round(d.lat[idx]), lon: round(d.lon[idx]), kind, fcode: d.fcode[idx],
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

