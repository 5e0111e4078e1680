import { h, clear } from './dom.js';
import { typeColor } from './ui.js';

/**
 * The event map: Natural Earth country outlines (served by /api/basemap, no tile server) and one
 * marker per event, coloured by type and sized by fatalities. Where markers would overlap they
 * are drawn as one cluster (count, dominant type); clicking a cluster zooms in.
 *
 * Coordinates: SVG user units are degrees (x = lon, y = -lat), the same trivial projection the
 * server used for the outlines; zoom and pan only change the viewBox. Marker sizes are in screen
 * pixels, so markers are re-clustered and redrawn (cheaply, from columns) on every view change.
 */
const CELL_PX = 44;

export class EventMap {
  constructor(container, { onSelect } = {}) {
    this.onSelect = onSelect ?? (() => {});
    this.points = null;
    this.mask = null;
    this.view = { cx: 20, cy: -20, k: 3 };
    this.svg = h('svg', { class: 'map-svg', role: 'img', 'aria-label': 'map of events' });
    this.gBase = h('g', { class: 'base' });
    this.gMarks = h('g', { class: 'marks' });
    this.svg.append(this.gBase, this.gMarks);
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
    this.gBase.append(h('rect', { class: 'sea', x: -180, y: -90, width: 360, height: 180 }));
    for (const c of base.countries) this.gBase.append(h('path', { d: c.d, class: 'country' }, h('title', null, c.name)));
    this.schedule();
  }

  setPoints(points, { fit = false } = {}) {
    this.points = points;
    this.mask = null;
    if (fit) this.fit();
    this.schedule();
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

  fit() {
    const p = this.points;
    const { w, h: hh } = this.size();
    if (!p || !p.lat.length) {
      this.view = { cx: 10, cy: -20, k: w / 360 };
    } else {
      // Fit the bulk of the events (2nd to 98th percentile): a few far-away outliers should not
      // shrink the region where almost everything happens to a dot.
      const lons = Float64Array.from(p.lon).sort();
      const lats = Float64Array.from(p.lat, (v) => -v).sort();
      const q = (a, f) => a[Math.min(a.length - 1, Math.max(0, Math.round(f * (a.length - 1))))];
      const cut = p.lon.length >= 50 ? 0.02 : 0;
      const x0 = q(lons, cut), x1 = q(lons, 1 - cut), y0 = q(lats, cut), y1 = q(lats, 1 - cut);
      const pad = 2;
      const k = Math.min(w / (x1 - x0 + 2 * pad), hh / (y1 - y0 + 2 * pad), 120);
      this.view = { cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, k: Math.max(k, w / 400) };
    }
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
    const north = -(v.cy - hh / 2 / v.k), south = -(v.cy + hh / 2 / v.k);
    const r = (x) => Math.round(x * 1000) / 1000;
    return [r(Math.max(-180, west)), r(Math.max(-90, south)), r(Math.min(180, east)), r(Math.min(90, north))];
  }

  /** Screen position (px, relative to the map) -> degree coordinates. */
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
    if (this.onRender) this.onRender();
  }

  /** Grid clustering in screen pixels: one pass over the columns, one marker per busy cell. */
  drawMarkers(x0, y0, vw, vh) {
    clear(this.gMarks);
    const p = this.points;
    if (!p) return;
    const k = this.view.k;
    const margin = CELL_PX / k;
    const cells = new Map();
    for (let i = 0; i < p.lat.length; i++) {
      if (this.mask && !this.mask[i]) continue;
      const x = p.lon[i], y = -p.lat[i];
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
    const frag = document.createDocumentFragment();
    const singles = [];
    for (const c of cells.values()) {
      if (c.n === 1) {
        singles.push(c);
        continue;
      }
      let dom = 0, best = -1;
      for (const [t, n] of c.types) if (n > best) (best = n), (dom = t);
      const type = p.types[dom];
      const x = c.sx / c.n, y = c.sy / c.n;
      const r = Math.min(21, 8 + 2.5 * Math.log2(c.n)) / k;
      const g = h(
        'g',
        {
          class: 'cluster', dataset: { count: c.n }, tabindex: 0, role: 'button',
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
    for (const c of singles) {
      const i = c.first;
      const type = p.types[p.type[i]];
      const r = (4 + Math.min(16, 2 * Math.sqrt(p.fat[i]))) / k;
      const id = p.id[i];
      frag.append(
        h(
          'circle',
          {
            class: ['marker', p.rev[i] === 1 ? 'reviewed' : null],
            cx: p.lon[i], cy: -p.lat[i], r,
            style: { fill: typeColor(type) },
            dataset: { id, type },
            tabindex: 0,
            role: 'button',
            on: {
              click: (e) => { e.stopPropagation(); if (!this.suppressClick) this.onSelect(id); },
              keydown: (e) => { if (e.key === 'Enter' || e.key === ' ') (e.preventDefault(), this.onSelect(id)); },
            },
          },
          h('title', null, `${type}${p.fat[i] ? ', ' + p.fat[i] + ' killed' : ''}${p.day[i] >= 0 ? ', ' + new Date(p.day[i] * 86400000).toISOString().slice(0, 10) : ''}`),
        ),
      );
    }
    this.gMarks.append(frag);
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
  m.view = { cx: lon, cy: -lat, k: zoomK };
  m.schedule();
  return m;
}
