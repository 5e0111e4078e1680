import { h, clear } from './dom.js';
import { typeColor } from './ui.js';
import { baseMap } from './basemap.js';
import { projY, unprojY, unitsPerKm, WORLD_TOP, WORLD_BOTTOM } from './projection.js';

/**
 * The event map: Natural Earth country outlines (served by /api/basemap, no tile server), place
 * labels by zoom (countries, then first-level divisions and cities, never overlapping), and one
 * marker per event, coloured by type and sized by fatalities. Where markers would overlap they
 * are drawn as one cluster (count, dominant type), and clusters that would still touch are merged,
 * so no count hides another; clicking a cluster zooms in. An event placed only to its district or
 * province (ACLED precision 2-3) gets a dashed ring of that size, so it does not read as a point.
 *
 * Coordinates: SVG user units are Web Mercator degrees (projection.js), the projection the server
 * drew the outlines in; zoom and pan only change the viewBox. Marker and label sizes are in screen
 * pixels, so they are re-laid out (cheaply, from columns) on every view change.
 */
const CELL_PX = 44;
/** Ring radius (km) for ACLED geo-precision 2 (near the place, its district) and 3 (the province). */
const PRECISION_KM = { 2: 25, 3: 80 };
/** Zoom (screen px per degree) from which each kind of label shows; cities by population (thousands). */
const LABEL_ZOOM = { countryMax: 30, admin1: 22 };
const CITY_POP_BY_ZOOM = [[150, 100], [70, 250], [40, 500], [20, 1000], [8, 3000]];
const MAX_LABELS = 160;

export class EventMap {
  constructor(container, { onSelect } = {}) {
    this.onSelect = onSelect ?? (() => {});
    this.points = null;
    this.mask = null;
    this.view = { cx: 20, cy: projY(20), k: 3 };
    this.svg = h('svg', { class: 'map-svg', role: 'img', 'aria-label': 'map of events' });
    this.gBase = h('g', { class: 'base' });
    this.gLabels = h('g', { class: 'labels', 'aria-hidden': 'true' });
    this.gMarks = h('g', { class: 'marks' });
    // Labels above the markers (a city's name must not vanish under its events), never over a cluster's count.
    this.svg.append(this.gBase, this.gMarks, this.gLabels);
    this.countryLabels = [];
    this.labels = null;
    this.info = h('div', { class: 'map-attrib' }, 'Boundaries: Natural Earth');
    this.controls = h(
      'div',
      { class: 'map-controls' },
      h('button', { type: 'button', title: 'zoom in', on: { click: () => this.zoomBy(2) } }, '+'),
      h('button', { type: 'button', title: 'zoom out', on: { click: () => this.zoomBy(0.5) } }, '−'),
      h('button', { type: 'button', title: 'fit to events', on: { click: () => this.fit() } }, '⤢'),
    );
    this.el = h('div', { class: 'map' }, this.svg, this.controls, this.info);
    container.append(this.el);
    this.bindGestures();
    this.resizeObserver = new ResizeObserver(() => this.schedule());
    this.resizeObserver.observe(this.el);
  }

  setBase(base) {
    clear(this.gBase);
    this.gBase.append(h('rect', { class: 'sea', x: -180, y: WORLD_TOP, width: 360, height: WORLD_BOTTOM - WORLD_TOP }));
    for (const c of base.countries) this.gBase.append(h('path', { d: c.d, class: 'country' }, h('title', null, c.name)));
    this.countryLabels = base.countries.filter((c) => c.label && c.name).map((c) => ({ name: c.name, x: c.label[0], y: c.label[1] }));
    this.schedule();
  }

  setPoints(points, { fit = false } = {}) {
    this.points = points;
    // Projected once per data set: every redraw reads these.
    this.py = points ? Float64Array.from(points.lat, projY) : null;
    this.mask = null;
    if (fit) this.fit();
    this.schedule();
  }

  /** The place labels (fetched once, after the first draw: they are not needed for it). */
  loadLabels() {
    if (this.labelsPromise) return;
    this.labelsPromise = baseMap('labels').then((l) => {
      const n = l.name.length;
      this.labels = { ...l, x: Float64Array.from(l.lon), y: Float64Array.from(l.lat, projY), n };
      this.schedule();
    }).catch(() => {
      // Labels are a help, not the map: without them the map still works.
    });
  }

  /** Only the points whose mask entry is 1 are drawn (the timeline brush). */
  setMask(mask) {
    this.mask = mask;
    this.schedule();
  }

  size() {
    const r = this.el.getBoundingClientRect();
    return { w: Math.max(r.width, 100), h: Math.max(r.height, 100) };
  }

  /**
   * The first view: the area where events are dense, not the box of all of them (a few reports
   * from Washington or London must not shrink the war to a corner). The densest 4°-cell
   * neighbourhood is the seed; the view holds the 95% of events nearest to it.
   */
  fit() {
    const p = this.points;
    const { w, h: hh } = this.size();
    if (!p || !p.lat.length) {
      this.view = { cx: 10, cy: projY(20), k: w / 360 };
      this.schedule();
      return;
    }
    const n = p.lat.length, xs = p.lon, ys = this.py;
    const CELL = 4;
    const grid = new Map();
    for (let i = 0; i < n; i++) {
      const key = Math.floor(xs[i] / CELL) + ':' + Math.floor(ys[i] / CELL);
      grid.set(key, (grid.get(key) ?? 0) + 1);
    }
    let seed = null, best = -1;
    for (const key of grid.keys()) {
      const [gx, gy] = key.split(':').map(Number);
      let sum = 0;
      for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) sum += grid.get(gx + dx + ':' + (gy + dy)) ?? 0;
      if (sum > best) (best = sum), (seed = [(gx + 0.5) * CELL, (gy + 0.5) * CELL]);
    }
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) d[i] = Math.hypot(xs[i] - seed[0], ys[i] - seed[1]);
    const keep = n >= 20 ? Math.ceil(0.95 * n) : n;
    const limit = Float64Array.from(d).sort()[keep - 1];
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (let i = 0; i < n; i++) {
      if (d[i] > limit) continue;
      x0 = Math.min(x0, xs[i]), x1 = Math.max(x1, xs[i]), y0 = Math.min(y0, ys[i]), y1 = Math.max(y1, ys[i]);
    }
    const pad = Math.max(0.8, 0.08 * Math.max(x1 - x0, y1 - y0));
    const k = Math.min(w / (x1 - x0 + 2 * pad), hh / (y1 - y0 + 2 * pad), 400);
    this.view = { cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, k: Math.max(k, w / 400) };
    this.schedule();
  }

  zoomBy(f, at) {
    const v = this.view;
    const k = Math.min(Math.max(v.k * f, 0.5), 3000);
    if (at) {
      // Keep the point under the cursor where it is.
      v.cx = at.x - (at.x - v.cx) * (v.k / k);
      v.cy = at.y - (at.y - v.cy) * (v.k / k);
    }
    v.k = k;
    this.schedule();
  }

  /** The visible area as west,south,east,north degrees (clamped to the world), or null. */
  bbox() {
    const { w, h: hh } = this.size();
    const v = this.view;
    const west = v.cx - w / 2 / v.k, east = v.cx + w / 2 / v.k;
    const north = unprojY(v.cy - hh / 2 / v.k), south = unprojY(v.cy + hh / 2 / v.k);
    const r = (x) => Math.round(x * 1000) / 1000;
    return [r(Math.max(-180, west)), r(Math.max(-90, south)), r(Math.min(180, east)), r(Math.min(90, north))];
  }

  /** Screen position (px, relative to the map) -> map units (Mercator degrees). */
  toWorld(px, py) {
    const { w, h: hh } = this.size();
    return { x: this.view.cx + (px - w / 2) / this.view.k, y: this.view.cy + (py - hh / 2) / this.view.k };
  }

  bindGestures() {
    this.svg.addEventListener('wheel', (e) => {
      e.preventDefault();
      const r = this.svg.getBoundingClientRect();
      this.zoomBy(e.deltaY < 0 ? 1.25 : 0.8, this.toWorld(e.clientX - r.left, e.clientY - r.top));
    }, { passive: false });
    let drag = null;
    this.svg.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      drag = { x: e.clientX, y: e.clientY, cx: this.view.cx, cy: this.view.cy, moved: false };
    });
    window.addEventListener('pointermove', (e) => {
      if (!drag) return;
      const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      if (!drag.moved) this.svg.setPointerCapture?.(e.pointerId);
      drag.moved = true;
      this.view.cx = drag.cx - dx / this.view.k;
      this.view.cy = drag.cy - dy / this.view.k;
      this.schedule();
    });
    window.addEventListener('pointerup', () => {
      if (drag?.moved) this.suppressClick = true;
      drag = null;
      setTimeout(() => (this.suppressClick = false), 0);
    });
  }

  schedule() {
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      this.render();
    });
  }

  render() {
    const { w, h: hh } = this.size();
    const v = this.view;
    const vw = w / v.k, vh = hh / v.k;
    this.svg.setAttribute('viewBox', `${v.cx - vw / 2} ${v.cy - vh / 2} ${vw} ${vh}`);
    this.drawMarkers(v.cx - vw / 2, v.cy - vh / 2, vw, vh);
    this.drawLabels(v.cx - vw / 2, v.cy - vh / 2, vw, vh);
    if (this.onRender) this.onRender();
  }

  /**
   * Clustering in screen pixels: a grid pass over the columns puts nearby events in one cell, then
   * clusters that would still touch (cells meet at their edges) are merged into the bigger one,
   * and a single event under a cluster joins it, until nothing drawn as a count overlaps.
   */
  drawMarkers(x0, y0, vw, vh) {
    clear(this.gMarks);
    this.obstacles = [];
    const p = this.points;
    if (!p) return;
    const k = this.view.k;
    const margin = CELL_PX / k;
    const ys = this.py;
    const cells = new Map();
    for (let i = 0; i < p.lat.length; i++) {
      if (this.mask && !this.mask[i]) continue;
      const x = p.lon[i], y = ys[i];
      if (x < x0 - margin || x > x0 + vw + margin || y < y0 - margin || y > y0 + vh + margin) continue;
      const key = Math.floor((x * k) / CELL_PX) + ':' + Math.floor((y * k) / CELL_PX);
      let c = cells.get(key);
      if (!c) cells.set(key, (c = { n: 0, sx: 0, sy: 0, fat: 0, types: new Map(), first: i }));
      c.n++;
      c.sx += x;
      c.sy += y;
      c.fat += p.fat[i];
      c.types.set(p.type[i], (c.types.get(p.type[i]) ?? 0) + 1);
    }
    const groups = separate([...cells.values()], k, (c) => (c.n === 1 ? markerPx(p.fat[c.first]) : clusterPx(c.n)));
    const frag = document.createDocumentFragment();
    const singles = [];
    // Screen boxes of the clusters: labels keep off them (drawLabels).
    this.obstacles = [];
    for (const c of groups) {
      if (c.n === 1) {
        singles.push(c);
        continue;
      }
      {
        const R = clusterPx(c.n), px = (c.sx / c.n - x0) * k, py = (c.sy / c.n - y0) * k;
        this.obstacles.push([px - R, py - R, px + R, py + R]);
      }
      let dom = 0, best = -1;
      for (const [t, n] of c.types) if (n > best) (best = n), (dom = t);
      const type = p.types[dom];
      const x = c.sx / c.n, y = c.sy / c.n;
      const r = clusterPx(c.n) / k;
      const g = h(
        'g',
        {
          class: 'cluster', dataset: { count: c.n }, tabindex: 0, role: 'button', 'aria-label': `${c.n} events, mostly ${type}: zoom in`,
          on: {
            click: (e) => { e.stopPropagation(); if (!this.suppressClick) this.zoomAt(x, y); },
            keydown: (e) => { if (e.key === 'Enter' || e.key === ' ') (e.preventDefault(), this.zoomAt(x, y)); },
          },
        },
        h('circle', { cx: x, cy: y, r, style: { fill: typeColor(type) } }),
        h('text', { x, y, dy: '0.35em', 'font-size': 11 / k }, String(c.n)),
        h('title', null, `${c.n} events, ${c.fat} killed; mostly ${type}. Click to zoom in.`),
      );
      frag.append(g);
    }
    // Singles above clusters, larger (more fatalities) below smaller ones so all stay clickable.
    singles.sort((a, b) => p.fat[b.first] - p.fat[a.first]);
    const rings = document.createDocumentFragment();
    for (const c of singles) {
      const i = c.first;
      const type = p.types[p.type[i]];
      const r = markerPx(p.fat[i]) / k;
      const id = p.id[i];
      const prec = p.prec?.[i] ?? 1;
      const km = PRECISION_KM[prec];
      if (km) {
        const rr = km * unitsPerKm(p.lat[i]);
        if (rr * k > r * k + 3) rings.append(h('circle', { class: 'prec-ring prec-' + prec, cx: p.lon[i], cy: ys[i], r: rr, style: { stroke: typeColor(type), fill: typeColor(type) } }));
      }
      const where = km ? ` (placed only to its ${prec === 2 ? 'district' : 'province'}: within ~${km} km)` : '';
      frag.append(
        h(
          'circle',
          {
            class: ['marker', p.rev[i] === 1 ? 'reviewed' : null, km ? 'approx' : null],
            cx: p.lon[i], cy: ys[i], r,
            style: { fill: typeColor(type) },
            dataset: { id, type, prec },
            tabindex: 0,
            role: 'button',
            on: {
              click: (e) => { e.stopPropagation(); if (!this.suppressClick) this.onSelect(id); },
              keydown: (e) => { if (e.key === 'Enter' || e.key === ' ') (e.preventDefault(), this.onSelect(id)); },
            },
          },
          h('title', null, `${type}${p.fat[i] ? ', ' + p.fat[i] + ' killed' : ''}${p.day[i] >= 0 ? ', ' + new Date(p.day[i] * 86400000).toISOString().slice(0, 10) : ''}${where}`),
        ),
      );
    }
    this.gMarks.append(rings, frag);
  }

  /**
   * Labels for the view, most important first, each kept only where it overlaps no label already
   * placed: country names when zoomed out; at region zoom the first-level divisions, and cities
   * from the biggest down as the zoom allows.
   */
  drawLabels(x0, y0, vw, vh) {
    clear(this.gLabels);
    const k = this.view.k;
    const cand = [];
    const inView = (x, y) => x >= x0 && x <= x0 + vw && y >= y0 && y <= y0 + vh;
    if (k < LABEL_ZOOM.countryMax) for (const c of this.countryLabels) if (inView(c.x, c.y)) cand.push({ text: c.name, x: c.x, y: c.y, kind: 'country', rank: 3e6 });
    const L = this.labels;
    if (!L && k >= 8) this.loadLabels();
    if (L) {
      const minPop = CITY_POP_BY_ZOOM.find(([z]) => k >= z)?.[1] ?? Infinity;
      for (let i = 0; i < L.n; i++) {
        const x = L.x[i], y = L.y[i];
        if (!inView(x, y)) continue;
        if (L.admin1[i]) {
          if (k >= LABEL_ZOOM.admin1) cand.push({ text: L.name[i], x, y, kind: 'admin1', rank: 2e6 });
        } else if (L.pop[i] >= minPop) cand.push({ text: L.name[i], x, y, kind: 'city', rank: L.pop[i] });
      }
    }
    if (!cand.length) return;
    // Cities above divisions above countries once zoomed in; the reverse when zoomed out.
    const order = k >= LABEL_ZOOM.countryMax ? { city: 2, admin1: 1, country: 0 } : { country: 2, city: 1, admin1: 0 };
    cand.sort((a, b) => order[b.kind] - order[a.kind] || b.rank - a.rank);
    const placed = [];
    const blocked = this.obstacles ?? [];
    const frag = document.createDocumentFragment();
    const free = (box) =>
      !placed.some((b) => b[0] < box[2] + 2 && box[0] < b[2] + 2 && b[1] < box[3] + 1 && box[1] < b[3] + 1) &&
      !blocked.some((b) => b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3]);
    for (const c of cand) {
      if (placed.length >= MAX_LABELS) break;
      const px = (c.x - x0) * k, py = (c.y - y0) * k;
      const shown = c.kind === 'admin1' ? c.text.toUpperCase() : c.text;
      const wide = textWidth(shown, c.kind);
      // A city's name goes right of its dot, else left, above or below, wherever no label or cluster is;
      // a division's or country's name on its point, else just above or below it.
      const spots = c.kind === 'city'
        ? [[5, 0, 'start'], [-5, 0, 'end'], [0, -11, 'middle'], [0, 11, 'middle']]
        : [[0, 0, 'middle'], [0, -13, 'middle'], [0, 13, 'middle']];
      let spot = null;
      for (const [dx, dy, anchor] of spots) {
        const left = anchor === 'start' ? px + dx : anchor === 'end' ? px + dx - wide : px + dx - wide / 2;
        const box = [left, py + dy - 7, left + wide, py + dy + 7];
        if (c.kind === 'city') box[0] = Math.min(box[0], px - 3), (box[2] = Math.max(box[2], px + 3));
        if (free(box)) {
          spot = [dx, dy, anchor];
          placed.push(box);
          break;
        }
      }
      if (!spot) continue;
      const size = (c.kind === 'admin1' ? 10 : 11) / k;
      const [dx, dy, anchor] = spot;
      if (c.kind === 'city') frag.append(h('circle', { class: 'label-dot', cx: c.x, cy: c.y, r: 2 / k }));
      frag.append(h('text', { class: 'label label-' + c.kind, x: c.x + dx / k, y: c.y + dy / k, dy: '0.35em', 'font-size': size, 'text-anchor': anchor }, shown));
    }
    this.gLabels.append(frag);
  }

  zoomAt(x, y) {
    this.view.cx = x;
    this.view.cy = y;
    this.view.k = Math.min(this.view.k * 3, 3000);
    this.schedule();
  }
}

/** A small static map with one marker, for event and entity pages. */
export function miniMap(container, base, lat, lon, type, zoomK = 40) {
  const m = new EventMap(container);
  m.el.classList.add('mini');
  m.setBase(base);
  m.setPoints({ id: ['x'], lat: [lat], lon: [lon], type: [0], types: [type], fat: [0], day: [-1], rev: [0] });
  m.view = { cx: lon, cy: projY(lat), k: zoomK };
  m.schedule();
  return m;
}

/** Screen radius of one event's marker: grows with its fatalities. */
function markerPx(fat) {
  return 4 + Math.min(16, 2 * Math.sqrt(fat));
}

/** Screen radius of a cluster: grows with its count. */
function clusterPx(n) {
  return Math.min(24, 8 + 2.5 * Math.log2(n));
}

/**
 * Merges groups (cells of the grid) whose drawn circles would overlap when one of them is a
 * cluster: the smaller goes into the bigger, which then sits at their common centre; repeated
 * until no cluster touches anything (a few passes). Singles may touch singles: both stay
 * clickable. A spatial hash keeps each pass near linear.
 */
function separate(groups, k, radiusPx) {
  for (let pass = 0; pass < 6; pass++) {
    groups.sort((a, b) => b.n - a.n);
    const hash = new Map();
    const kept = [];
    let merged = false;
    const H = 2 * 24 + 4;
    for (const g of groups) {
      const x = (g.sx / g.n) * k, y = (g.sy / g.n) * k;
      const r = radiusPx(g);
      const hx = Math.floor(x / H), hy = Math.floor(y / H);
      let into = null;
      for (let dx = -1; dx <= 1 && !into; dx++) for (let dy = -1; dy <= 1 && !into; dy++) {
        for (const o of hash.get(hx + dx + ':' + (hy + dy)) ?? []) {
          if (o.g.n === 1 && g.n === 1) continue;
          if (Math.hypot(o.x - x, o.y - y) < o.r + r + 1) {
            into = o;
            break;
          }
        }
      }
      if (into) {
        const t = into.g;
        t.n += g.n, (t.sx += g.sx), (t.sy += g.sy), (t.fat += g.fat);
        for (const [ty, c] of g.types) t.types.set(ty, (t.types.get(ty) ?? 0) + c);
        merged = true;
        continue;
      }
      const entry = { g, x, y, r };
      const key = hx + ':' + hy;
      if (!hash.has(key)) hash.set(key, []);
      hash.get(key).push(entry);
      kept.push(g);
    }
    groups = kept;
    if (!merged) break;
  }
  return groups;
}

/** A label's width in screen px, measured once per text in the font the stylesheet gives it (app.css .label-*). */
const widths = new Map();
let measure = null;
function textWidth(text, kind) {
  const key = kind + '|' + text;
  let w = widths.get(key);
  if (w != null) return w;
  measure ??= document.createElement('canvas').getContext('2d');
  measure.font = `${kind === 'city' ? 400 : 600} ${kind === 'admin1' ? 10 : 11}px system-ui, sans-serif`;
  // admin1 labels are letter-spaced .12em; the halo adds a little on each side.
  w = measure.measureText(text).width + (kind === 'admin1' ? text.length * 1.2 : kind === 'country' ? text.length * 0.22 : 0) + 3;
  widths.set(key, w);
  return w;
}
