// Minimal DOM helpers: h('tag.class', {attrs}, ...children); text is always escaped by the DOM.
export function h(spec, attrs, ...children) {
  const [tag, ...classes] = spec.split('.');
  const el = document.createElement(tag || 'div');
  if (classes.length) el.className = classes.join(' ');
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

export function fmt(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'number') return String(value);
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  // Number() drops trailing zeros and keeps 331812 as 331810 instead of toPrecision's 3.3181e+5.
  return abs !== 0 && (abs < 1e-3 || abs >= 1e6) ? value.toExponential(3) : String(Number(value.toPrecision(5)));
}

export function fmtTime(ms) {
  return ms ? new Date(ms).toISOString().replace('T', ' ').slice(0, 19) : '—';
}

export function errorBox(error) {
  return h('p.error', { role: 'alert', 'data-testid': 'error' }, error.message || String(error));
}

export function table(headers, rows, attrs) {
  return h('div.tablewrap', h('table', attrs || {},
    h('thead', h('tr', headers.map((name) => (name instanceof Node ? name : h('th', name))))),
    h('tbody', rows)));
}

export function kvTable(entries, testid) {
  if (!entries.length) return h('p.muted', 'None.');
  return h('table.kv', { 'data-testid': testid },
    h('tbody', entries.map(([k, v]) => h('tr', h('td', k), h('td', v instanceof Node ? v : fmt(v))))));
}
