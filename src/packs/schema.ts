/**
 * The shape of each pack section, checked when a pack is loaded, so that a mistake in a pack (a
 * typo in a key, a pattern YAML read as a mapping because it holds ": ", a number written as a
 * word) is a clear error naming the file and the place in it, not a wrong result or a hang deep in
 * a stage. Sections this file does not know are passed through: a stage may add its own.
 *
 * A shape is one of: 'string', 'number', 'boolean', 'pattern' (a string that compiles as a
 * regular-expression fragment), ['list', shape], ['map', shape] (an object of any keys), or an
 * object of known keys, each optional unless listed in `required`.
 */
export type Shape =
  | 'string'
  | 'number'
  | 'boolean'
  | 'pattern'
  | 'any'
  | readonly ['list', Shape]
  | readonly ['map', Shape]
  | readonly ['either', Shape, Shape]
  | { readonly keys: Readonly<Record<string, Shape>>; readonly required?: readonly string[]; readonly open?: boolean };

const EVENT_TYPES = ['Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Protests', 'Riots', 'Strategic developments'];

const rule: Shape = {
  keys: { type: 'string', subtype: 'string', priority: 'number', restates: 'boolean', requires: 'string', unless: 'string', patterns: ['list', 'pattern'] },
  required: ['type', 'subtype', 'patterns'],
};

const EVENTS: Shape = {
  keys: {
    conditions: ['map', 'pattern'],
    rules: ['list', rule],
    untriggered: ['list', { keys: { type: 'string', subtype: 'string', requires: 'string' }, required: ['type', 'subtype'] }],
    singular_victims: { keys: { persons: 'pattern', active: 'pattern', passive: 'pattern' } },
    zero_casualties: 'pattern',
    units: ['map', ['list', 'string']],
    cues: ['list', { keys: { unit: 'string', override: 'boolean', before: 'pattern', after: 'pattern' }, required: ['unit'] }],
    event_counts: ['list', 'string'],
    vague: ['list', { keys: { words: 'string', low: 'number', best: 'number', high: 'number', weak: 'boolean' }, required: ['words', 'low', 'best', 'high'] }],
    attribution: { keys: { verbs: 'pattern', prefixes: 'pattern', passive: 'pattern' } },
    modality: ['map', 'pattern'],
    aggregate: 'pattern',
    place_modifiers: 'pattern',
    place_modifiers_before: 'pattern',
    demonym_places: 'pattern',
    cumulative: 'pattern',
    generic: 'pattern',
    background: 'pattern',
    distinct: 'pattern',
    anaphora: 'pattern',
    definite_armed: 'pattern',
    responsibility: 'pattern',
    incident_families: ['list', ['list', 'string']],
    refine: { keys: { background_days: 'number', merge_km: 'number', merge_days: 'number', weak_priority: 'number', running_total_days: 'number' } },
  },
};

/** The sections whose shape is known. Entities and outlets are lists of open records with a name or id. */
export const SECTION_SHAPES: Record<string, Shape> = {
  events: EVENTS,
  contradictions: { keys: { event_units: ['list', 'string'], subject_units: ['list', 'string'], subject_window_days: 'number', part_before: 'pattern', subgroup_after: 'pattern', act_kinds: ['map', ['list', 'string']] } },
  // entities: checked entry by entry by src/packs/entities.ts (ids, types, alias forms).
  outlets: ['list', { keys: { name: 'string', aliases: ['list', 'string'], domains: ['list', 'string'], country: 'string', locale: 'string', kind: 'string' }, required: ['name'], open: true }],
  titles: ['map', ['list', 'any']],
  places: { keys: {}, open: true },
};

/** The problems of `value` against `shape`, each as "path: what is wrong" (empty when it fits). */
export function check(value: unknown, shape: Shape, path = ''): string[] {
  const at = path || '(top)';
  if (shape === 'any') return [];
  if (shape === 'string') return typeof value === 'string' ? [] : [`${at}: expected text, found ${describe(value)}`];
  if (shape === 'number') return typeof value === 'number' && Number.isFinite(value) ? [] : [`${at}: expected a number, found ${describe(value)}`];
  if (shape === 'boolean') return typeof value === 'boolean' ? [] : [`${at}: expected true or false, found ${describe(value)}`];
  if (shape === 'pattern') {
    if (typeof value !== 'string') return [`${at}: expected a pattern (text), found ${describe(value)}${value && typeof value === 'object' ? ' (a ": " inside an unquoted YAML value makes a mapping: quote the pattern or write \\s)' : ''}`];
    try {
      new RegExp(value.replace(/\s*\n\s*/g, ''), 'u');
      return [];
    } catch (e) {
      return [`${at}: not a valid pattern: ${(e as Error).message}`];
    }
  }
  if (Array.isArray(shape)) {
    const [kind, inner] = shape as readonly [string, Shape, Shape?];
    if (kind === 'either') {
      const a = check(value, inner, path);
      return a.length && check(value, (shape as readonly [string, Shape, Shape])[2], path).length ? a : [];
    }
    if (kind === 'list') {
      if (!Array.isArray(value)) return [`${at}: expected a list, found ${describe(value)}`];
      return value.flatMap((v, i) => check(v, inner, `${path}[${i}]`));
    }
    if (!isObject(value)) return [`${at}: expected a mapping, found ${describe(value)}`];
    return Object.entries(value).flatMap(([k, v]) => check(v, inner, path ? `${path}.${k}` : k));
  }
  const obj = shape as Exclude<Shape, string | readonly unknown[]>;
  if (!isObject(value)) return [`${at}: expected a mapping, found ${describe(value)}`];
  const out: string[] = [];
  for (const k of obj.required ?? []) if (!(k in value)) out.push(`${at}: missing '${k}'`);
  for (const [k, v] of Object.entries(value)) {
    const sub = path ? `${path}.${k}` : k;
    const s = obj.keys[k];
    if (!s) {
      if (!obj.open) out.push(`${sub}: unknown key (known: ${Object.keys(obj.keys).join(', ')})`);
      continue;
    }
    if (v == null) continue; // an empty key ("rules:" with nothing after it) is an empty section
    out.push(...check(v, s, sub));
  }
  return out;
}

/** Extra rules no shape can say: an event rule's type is one of ACLED's six. */
export function checkSection(name: string, value: unknown): string[] {
  const shape = SECTION_SHAPES[name];
  if (!shape || value == null) return [];
  const problems = check(value, shape);
  if (name === 'events' && isObject(value) && Array.isArray(value.rules)) {
    value.rules.forEach((r, i) => {
      if (isObject(r) && typeof r.type === 'string' && !EVENT_TYPES.includes(r.type)) problems.push(`rules[${i}].type: '${r.type}' is not an ACLED event type (${EVENT_TYPES.join(', ')})`);
    });
  }
  return problems;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return `a mapping {${Object.keys(v).slice(0, 3).join(', ')}}`;
  return `${typeof v} ${JSON.stringify(v).slice(0, 40)}`;
}
