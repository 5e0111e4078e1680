import { h, clear } from './dom.js';
import { typeColor } from './ui.js';

/**
 * Events per day (or week, or month for long spans), stacked by type. Dragging across the chart
 * brushes a date range and calls `onBrush([firstDay, lastDay])` (day numbers since 1970-01-01);
 * a click without a drag clears it (`onBrush(null)`).
 */
const HEIGHT = 110;
const PAD = { l: 34, r: 8, t: 8, b: 20 };

export function dayToIso(d) {
  return new Date(d * 86400000).toISOString().slice(0, 10);
}

export class Timeline {
  constructor(container, { onBrush } = {}) {
    this.onBrush = onBrush ?? (() => {});
    this.brush = null;
    this.svg = h('svg', { class: 'timeline-svg', height: HEIGHT, role: 'img', 'aria-label': 'events over time' });
    this.label = h('div', { class: 'timeline-label' });
    this.el = h('div', { class: 'timeline' }, this.svg, this.label);
    container.append(this.el);
    this.bind();
    new ResizeObserver(() => this.render()).observe(this.el);
  }

  setData(points) {
    this.points = points;
    const days = Int32Array.from(points.day.filter((d) => d >= 0)).sort();
    this.full = days.length ? [days[0], days[days.length - 1]] : null;
    // A few stray dates (a year mentioned in passing) should not squeeze the weeks where nearly
    // everything happens into one bar: chart the busiest period (90% of the events) when the full
    // span is far wider, and offer the full span with one click.
    this.bulk = null;
    if (days.length >= 30) {
      // The shortest window holding 90% of the dated events.
      const k = Math.ceil(days.length * 0.9);
      let lo = days[0], hi = days[k - 1];
      for (let i = 1; i + k - 1 < days.length; i++) if (days[i + k - 1] - days[i] < hi - lo) (lo = days[i]), (hi = days[i + k - 1]);
      const pad = Math.max(3, Math.round((hi - lo) * 0.03));
      if (this.full[1] - this.full[0] > 4 * (hi - lo + 2 * pad)) this.bulk = [lo - pad, hi + pad];
    }
    this.showAll = false;
    this.setRange();
    if (this.brush && (this.min == null || this.brush[1] < this.min || this.brush[0] > this.max)) this.brush = null;
    this.render();
  }

  setRange() {
    const r = this.bulk && !this.showAll ? this.bulk : this.full;
    this.min = r ? r[0] : null;
    this.max = r ? r[1] : null;
  }

  binSize() {
    const span = this.max - this.min + 1;
    return span <= 120 ? 1 : span <= 1000 ? 7 : 30;
  }

  x(day) {
    const w = this.width - PAD.l - PAD.r;
    return PAD.l + ((day - this.min) / (this.max - this.min + this.binSize())) * w;
  }

  dayAt(px) {
    const w = this.width - PAD.l - PAD.r;
    return Math.round(this.min + ((px - PAD.l) / w) * (this.max - this.min + this.binSize()));
  }

  render() {
    clear(this.svg);
    this.width = this.el.getBoundingClientRect().width || 600;
    this.svg.setAttribute('width', this.width);
    const p = this.points;
    if (!p || this.min == null) {
      this.svg.append(h('text', { x: 10, y: HEIGHT / 2, class: 'muted' }, 'No dated events.'));
      this.updateLabel();
      return;
    }
    const bin = this.binSize();
    const nb = Math.floor((this.max - this.min) / bin) + 1;
    const counts = p.types.map(() => new Uint32Array(nb));
    let outside = 0;
    for (let i = 0; i < p.day.length; i++) {
      const d = p.day[i];
      if (d < 0) continue;
      if (d < this.min || d > this.max) outside++;
      else counts[p.type[i]][Math.floor((d - this.min) / bin)]++;
    }
    this.outside = outside;
    let top = 1;
    for (let b = 0; b < nb; b++) {
      let s = 0;
      for (const c of counts) s += c[b];
      top = Math.max(top, s);
    }
    const ih = HEIGHT - PAD.t - PAD.b;
    const bw = Math.max(1, this.x(this.min + bin) - this.x(this.min) - 1);
    const frag = document.createDocumentFragment();
    for (let b = 0; b < nb; b++) {
      let y = HEIGHT - PAD.b;
      const x = this.x(this.min + b * bin);
      for (let t = 0; t < counts.length; t++) {
        const n = counts[t][b];
        if (!n) continue;
        const hh = (n / top) * ih;
        y -= hh;
        frag.append(h('rect', { class: 'bar', x, y, width: bw, height: hh, style: { fill: typeColor(p.types[t]) } }, h('title', null, `${dayToIso(this.min + b * bin)}${bin > 1 ? ' (' + bin + ' days)' : ''}: ${n} ${p.types[t]}`)));
      }
    }
    this.svg.append(frag);
    // Axis: the count at the top, a few dates along the bottom.
    this.svg.append(h('text', { x: PAD.l - 4, y: PAD.t + 8, class: 'axis', 'text-anchor': 'end' }, String(top)));
    this.svg.append(h('line', { x1: PAD.l, x2: this.width - PAD.r, y1: HEIGHT - PAD.b, y2: HEIGHT - PAD.b, class: 'axis-line' }));
    const ticks = Math.max(2, Math.floor(this.width / 140));
    for (let i = 0; i <= ticks; i++) {
      const d = Math.round(this.min + ((this.max - this.min) * i) / ticks);
      this.svg.append(h('text', { x: this.x(d), y: HEIGHT - 5, class: 'axis', 'text-anchor': i === 0 ? 'start' : i === ticks ? 'end' : 'middle' }, dayToIso(d)));
    }
    if (this.brush) {
      const x0 = this.x(this.brush[0]);
      const x1 = this.x(this.brush[1] + 1);
      this.svg.append(h('rect', { class: 'brush', x: x0, y: PAD.t, width: Math.max(2, x1 - x0), height: ih }));
    }
    this.updateLabel();
  }

  updateLabel() {
    clear(this.label);
    if (this.brush) {
      this.label.append(
        'Showing ', h('strong', null, dayToIso(this.brush[0])), ' to ', h('strong', null, dayToIso(this.brush[1])), ' ',
        h('button', { type: 'button', class: 'link', on: { click: () => this.setBrush(null) } }, 'clear'),
      );
    } else if (this.min != null) {
      this.label.append(`${dayToIso(this.min)} to ${dayToIso(this.max)}. Drag across the chart to filter the map and the table by date.`);
    }
    if (this.bulk) {
      const toggle = () => {
        this.showAll = !this.showAll;
        this.setRange();
        this.render();
      };
      if (this.showAll) this.label.append(' ', h('button', { type: 'button', class: 'link', on: { click: toggle } }, 'focus on the busiest period'));
      else this.label.append(` ${this.outside} event(s) dated outside this range (${dayToIso(this.full[0])} to ${dayToIso(this.full[1])}): `, h('button', { type: 'button', class: 'link', on: { click: toggle } }, 'show all dates'));
    }
  }

  /** Draws a range given from outside (the URL) as the brush, charting all dates if it leaves the busiest period. */
  showBrush(range) {
    if (this.bulk && !this.showAll && (range[0] < this.bulk[0] || range[1] > this.bulk[1])) {
      this.showAll = true;
      this.setRange();
    }
    if (this.min != null) range = [Math.max(this.min, range[0]), Math.min(this.max, range[1])];
    this.setBrush(range[1] >= range[0] ? range : null, false);
  }

  setBrush(range, notify = true) {
    this.brush = range;
    this.render();
    if (notify) this.onBrush(range);
  }

  bind() {
    let start = null;
    const px = (e) => e.clientX - this.svg.getBoundingClientRect().left;
    this.svg.addEventListener('pointerdown', (e) => {
      if (this.min == null) return;
      start = px(e);
      this.svg.setPointerCapture?.(e.pointerId);
    });
    this.svg.addEventListener('pointermove', (e) => {
      if (start == null) return;
      const a = this.dayAt(Math.min(start, px(e)));
      const b = this.dayAt(Math.max(start, px(e)));
      this.brush = [Math.max(this.min, a), Math.min(this.max, Math.max(a, b - 1))];
      this.render();
    });
    this.svg.addEventListener('pointerup', (e) => {
      if (start == null) return;
      const moved = Math.abs(px(e) - start) > 3;
      start = null;
      if (!moved) this.setBrush(null);
      else this.onBrush(this.brush);
    });
  }
}
