import type { PlaceKind } from '../doc.ts';
import type { Context } from '../context.ts';

/**
 * A pack's `places` section (packs/NAME/places.yaml):
 *
 * ```yaml
 * loose_countries: [IQ, SY]     # allow transliteration-folded matching for places in these countries
 * focus_countries: [IQ, SY]     # a mild prior for places in these countries over namesakes elsewhere
 * places:
 *   - name: Baghouz             # how the pack prefers to call it
 *     variants: [Baghuz, Al-Baghouz]
 *     geonameid: 171943         # a gazetteer record ...
 *   - name: Middle Euphrates River Valley
 *     variants: [MERV]
 *     lat: 34.7                 # ... or a place of its own
 *     lon: 40.7
 *     country: SY
 *     kind: region
 * facility_heads: [hospital, airbase]  # "NAME hospital" is a facility, not the place NAME
 * product_heads: [missile, rocket]     # "NAME (cruise) missiles" is a weapon, not a place
 * products: [Scud, Grad]               # weapon names that are also towns' names: never places
 * quarter_heads: [neighbourhood]       # "NAME neighbourhood (of CITY)" is a part of a city
 * quarter_prefixes: [Colonia]          # "Colonia NAME" is a part of the town named before it
 * demonyms:
 *   - name: Kurdish
 *     variants: [Kurds, Kurd]
 *     place: Kurdistan          # a place of this pack, or `country: TR`, or `geonameid`
 * ```
 */
export interface PackPlace {
  name: string;
  variants?: string[];
  geonameid?: number;
  lat?: number;
  lon?: number;
  country?: string;
  admin1?: string;
  kind?: PlaceKind;
  place?: string;
}

export interface PackPlaces {
  places: PackPlace[];
  demonyms: PackPlace[];
  looseCountries: string[];
  /** The countries the pack's news is about: a mild prior for their places over namesakes elsewhere. */
  focusCountries?: string[];
  /** Head nouns that make "NAME head" a facility named after a place ("Al-Quds hospital"). */
  facilityHeads?: string[];
  /** Head nouns of weapons, vehicles and products ("Tomahawk cruise missiles"). */
  productHeads?: string[];
  /** Weapon and product names that are also some town's name ("Scud", "Grad"): never places. */
  products?: string[];
  /** Nouns that make "NAME head (of CITY)" a part of a city ("Salaheddin neighbourhood"). */
  quarterHeads?: string[];
  /** Words that open a neighbourhood's own name ("Colonia Libertad", "Barrio Obrero"): a part of the town named before it. */
  quarterPrefixes?: string[];
}

function asEntries(v: unknown, where: string): PackPlace[] {
  if (v == null) return [];
  if (!Array.isArray(v)) throw new Error(`${where}: expected a list`);
  return v.map((e, i) => {
    if (!e || typeof e !== 'object' || typeof (e as PackPlace).name !== 'string') throw new Error(`${where}[${i}]: needs a name`);
    const p = e as PackPlace;
    if (p.variants != null && !Array.isArray(p.variants)) throw new Error(`${where}[${i}] (${p.name}): variants must be a list`);
    return { ...p, variants: (p.variants ?? []).map(String) };
  });
}

export function readPackPlaces(ctx: Context): PackPlaces {
  const out: PackPlaces = { places: [], demonyms: [], looseCountries: [] };
  for (const sec of ctx.section<Record<string, unknown>>('places')) {
    if (!sec || typeof sec !== 'object') continue;
    out.places.push(...asEntries(sec.places, 'places.places'));
    out.demonyms.push(...asEntries(sec.demonyms, 'places.demonyms'));
    if (Array.isArray(sec.loose_countries)) out.looseCountries.push(...sec.loose_countries.map(String));
    if (Array.isArray(sec.focus_countries)) (out.focusCountries ??= []).push(...sec.focus_countries.map(String));
    if (Array.isArray(sec.facility_heads)) (out.facilityHeads ??= []).push(...sec.facility_heads.map(String));
    if (Array.isArray(sec.product_heads)) (out.productHeads ??= []).push(...sec.product_heads.map(String));
    if (Array.isArray(sec.products)) (out.products ??= []).push(...sec.products.map(String));
    if (Array.isArray(sec.quarter_heads)) (out.quarterHeads ??= []).push(...sec.quarter_heads.map(String));
    if (Array.isArray(sec.quarter_prefixes)) (out.quarterPrefixes ??= []).push(...sec.quarter_prefixes.map(String));
  }
  return out;
}
