/**
 * The only way this app builds DOM: `h(tag, props, ...children)`. Text always goes in as text
 * nodes (never innerHTML), attributes through setAttribute, and URLs through `safeHref`, so that
 * nothing from a document (articles are hostile input) can become markup or script.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';
const SVG_TAGS = new Set(['svg', 'g', 'path', 'circle', 'rect', 'line', 'text', 'title', 'polyline', 'clipPath', 'defs']);

export function h(tag, props, ...children) {
  const el = SVG_TAGS.has(tag) ? document.createElementNS(SVG_NS, tag) : document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v == null || v === false) continue;
      if (k === 'on') {
        for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
      } else if (k === 'class') {
        el.setAttribute('class', Array.isArray(v) ? v.filter(Boolean).join(' ') : v);
      } else if (k === 'style') {
        for (const [p, val] of Object.entries(v)) el.style.setProperty(p, String(val));
      } else if (k === 'dataset') {
        for (const [p, val] of Object.entries(v)) el.dataset[p] = String(val);
      } else if (k === 'href' || k === 'src' || k === 'action') {
        el.setAttribute(k, safeHref(String(v)));
      } else if (k.startsWith('on')) {
        throw new Error('use on: {event: fn}, not ' + k);
      } else if (k === 'value' && 'value' in el) {
        el.value = String(v);
      } else if (k === 'checked' || k === 'disabled' || k === 'selected' || k === 'hidden' || k === 'multiple' || k === 'required') {
        el[k] = !!v;
      } else {
        el.setAttribute(k, v === true ? '' : String(v));
      }
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/** In-app links, the API, and http(s) only: a document's `source` may be `javascript:...`. */
export function safeHref(url) {
  if (url.startsWith('#') || url.startsWith('/')) return url.startsWith('//') ? '#' : url;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : '#';
  } catch {
    return '#';
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function mount(el, ...children) {
  clear(el);
  append(el, children);
  return el;
}

/** Route links: `#/events/<id>` with every path part URL-encoded. */
export function link(...parts) {
  return '#/' + parts.map((p) => encodeURIComponent(String(p))).join('/');
}
