// Lineage explorer: the graph around one node (GET /api/v1/lineage), laid out in columns by
// distance (upstream to the left, downstream to the right). Clicking a node recentres on it; the
// table below the graph offers the same actions to keyboards and screen readers.
import { get } from '../api.js';
import { h, fmtTime, kvTable, table, errorBox } from '../dom.js';
import { chart } from '../charts.js';

// Colour and shape per node type, so that types differ without relying on colour alone.
const TYPES = [
  ['DATASET', 'Dataset', '#2b8a3e', 'roundRect'],
  ['JOB', 'Job', '#e67700', 'diamond'],
  ['RUN', 'Run', '#2357c6', 'circle'],
  ['MODEL', 'Model version', '#862e9c', 'triangle'],
  ['ENDPOINT', 'Endpoint', '#c2255c', 'pin'],
  ['CODE', 'Code', '#5c6675', 'rect'],
  ['ARTIFACT', 'Artifact', '#0b7285', 'arrow'],
  ['ENVIRONMENT', 'Environment', '#5f3dc4', 'rect'],
  ['PROMPT', 'Prompt version', '#d9480f', 'roundRect'],
  ['EVALUATION', 'Evaluation', '#087f5b', 'diamond'],
  ['OTHER', 'Other', '#999999', 'emptyCircle'],
];
const TYPE_INDEX = Object.fromEntries(TYPES.map(([type], i) => [type, i]));
const DIRECTIONS = [['upstream', 'Upstream'], ['downstream', 'Downstream'], ['both', 'Both']];

export async function render(main, params, query) {
  const node = query.get('node') || '';
  const depth = clampDepth(query.get('depth'));
  const direction = DIRECTIONS.some(([d]) => d === query.get('direction')) ? query.get('direction') : 'both';
  const go = (next) => {
    location.hash = '#/lineage?' + new URLSearchParams({ node, depth, direction, ...next });
  };

  const input = h('input', { type: 'search', value: node, placeholder: 'run:<id>, model:NAME/VERSION, dataset:NS/NAME[@V], endpoint:NAME…',
    'aria-label': 'Lineage node id', 'data-testid': 'lineage-node', style: 'flex:1;min-width:360px' });
  const depthSelect = h('select', { 'aria-label': 'Depth', 'data-testid': 'lineage-depth', onchange: (e) => go({ depth: e.target.value }) },
    depthChoices(depth).map((d) => h('option', { value: d, selected: d === depth }, d + (d === 1 ? ' hop' : ' hops'))));
  const directionGroup = h('div.segmented', { role: 'radiogroup', 'aria-label': 'Direction' },
    DIRECTIONS.map(([value, label]) => h('button', { type: 'button', role: 'radio', 'aria-checked': String(value === direction),
      'data-testid': 'direction-' + value, onclick: () => go({ direction: value }) }, label)));
  const form = h('form.toolbar', { onsubmit: (e) => { e.preventDefault(); go({ node: input.value.trim() }); } },
    input, h('label', 'Depth ', depthSelect), directionGroup, h('button.primary', { type: 'submit' }, 'Show'));

  const head = [h('h1', 'Lineage'), form];
  if (!node) {
    main.replaceChildren(...head, h('p.muted', { 'data-testid': 'lineage-empty' },
      'Enter a node id, or open the lineage of a run, model version or dataset version from its page.'));
    input.focus();
    return;
  }

  let graph;
  try {
    graph = await get('/api/v1/lineage', { nodeId: node, depth, direction });
  } catch (error) {
    main.replaceChildren(...head, errorBox(error));
    return;
  }
  const nodes = graph.graph;
  const levels = distances(node, nodes);
  const centre = nodes.find((n) => n.id === node) || nodes[0];
  const details = h('div', { 'data-testid': 'lineage-details' });
  const plot = h('div.chart.lineage', { 'data-testid': 'lineage-graph', role: 'img', dataset: { centre: centre.id, nodes: nodes.length },
    'aria-label': `Lineage graph around ${label(centre)}: ${nodes.length} nodes, ${edgeCount(nodes)} edges` });
  const select = (n) => details.replaceChildren(...describe(n, levels.get(n.id), go));

  main.replaceChildren(...head,
    graph.truncated ? h('p.error', { role: 'status' }, 'The walk stopped at 10 000 nodes; lower the depth to see a complete graph.') : '',
    h('div.lineage-layout',
      h('section.card', h('h2', `${nodes.length} nodes around `, h('code', { 'data-testid': 'lineage-centre' }, centre.id)),
        legend(nodes), plot),
      h('section.card', { 'aria-live': 'polite' }, h('h2', 'Selected node'), details)),
    h('section.card', h('h2', 'Nodes'), nodeTable(nodes, levels, go)));
  select(centre);
  draw(plot, nodes, levels, centre, (n) => (n.id === node ? select(n) : go({ node: n.id })));
}

// The usual depths, plus the one in the URL (a deep link may ask for any depth up to 20).
function depthChoices(depth) {
  return [...new Set([1, 2, 3, 4, 5, 6, 8, 10, 20, depth])].sort((a, b) => a - b);
}

function clampDepth(text) {
  const d = Number.parseInt(text || '3', 10);
  return Number.isFinite(d) ? Math.min(Math.max(d, 1), 20) : 3;
}

// Signed distance from the centre: negative upstream (along inEdges), positive downstream.
function distances(start, nodes) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const level = new Map([[start, 0]]);
  for (const [edges, end, sign] of [['inEdges', 'origin', -1], ['outEdges', 'destination', 1]]) {
    let frontier = [start];
    for (let d = 1; frontier.length; d++) {
      const next = [];
      for (const id of frontier) {
        for (const e of (byId.get(id) || {})[edges] || []) {
          if (!level.has(e[end]) && byId.has(e[end])) {
            level.set(e[end], sign * d);
            next.push(e[end]);
          }
        }
      }
      frontier = next;
    }
  }
  nodes.forEach((n) => { if (!level.has(n.id)) level.set(n.id, 0); });
  return level;
}

function typeOf(n) {
  return n.type in TYPE_INDEX ? n.type : 'OTHER';
}

function label(n) {
  const d = n.data || {};
  switch (n.type) {
    case 'DATASET': {
      const mledger = mledgerDataset(n);
      // The version node carries the content digest; its identity node (what a job wrote) not.
      if (mledger) return `${mledger.name} v${mledger.version}` + (d.version ? ' #' + String(d.version).slice(0, 8) : '');
      // File datasets are named by their absolute path: the file name is what tells them apart.
      const name = /^file(:|$)/.test(d.namespace || '') ? String(d.name).split('/').filter(Boolean).pop() || d.name : d.name;
      return name + (d.version ? ' @' + String(d.version).slice(0, 8) : '');
    }
    case 'RUN': return d.runName || String(d.runId).slice(0, 8);
    case 'MODEL': return `${d.name} v${d.version}`;
    case 'CODE': return String(d.commit).slice(0, 10);
    case 'ARTIFACT': return String(d.uri).split('/').filter(Boolean).pop() || d.uri;
    case 'ENVIRONMENT': return 'env ' + String(d.fingerprint).slice(0, 10);
    case 'PROMPT': return `${d.name} v${d.version}`;
    case 'EVALUATION': return [d.evalSet, d.promptVersion && d.promptVersion.replace(/^prompts:\//, ''), d.model]
      .filter(Boolean).join(' · ');
    default: return d.name || n.id;
  }
}

// Datasets recorded by `mledger data add` join the graph as mledger://datasets/NAME/versions/V.
function mledgerDataset(n) {
  const d = n.data || {};
  if (d.namespace !== 'mledger://datasets' || typeof d.name !== 'string') return null;
  const match = /^(.+)\/versions\/([^/]+)$/.exec(d.name);
  return match ? { name: match[1], version: match[2] } : null;
}

/** The UI page of a node, when it has one. */
function pageOf(n) {
  const d = n.data || {};
  if (n.type === 'RUN') return '#/runs/' + encodeURIComponent(d.runId);
  if (n.type === 'MODEL') return '#/models/' + encodeURIComponent(d.name);
  if (n.type === 'PROMPT') return '#/prompts/' + encodeURIComponent(d.name);
  const mledger = n.type === 'DATASET' ? mledgerDataset(n) : null;
  if (mledger) return '#/datasets/' + encodeURIComponent(mledger.name) + '?version=' + encodeURIComponent(mledger.version);
  return null;
}

function edgeCount(nodes) {
  return nodes.reduce((sum, n) => sum + (n.outEdges || []).length, 0);
}

function legend(nodes) {
  const present = new Set(nodes.map(typeOf));
  return h('ul.legend', { 'data-testid': 'lineage-legend', 'aria-label': 'Node types' },
    TYPES.filter(([type]) => present.has(type)).map(([type, name, color]) =>
      h('li', { dataset: { type } }, h('span.swatch', { class: 'swatch shape-' + type.toLowerCase(), style: `background:${color}` }), name)));
}

function draw(el, nodes, levels, centre, onClick) {
  const columns = new Map();
  nodes.forEach((n) => {
    const l = levels.get(n.id);
    if (!columns.has(l)) columns.set(l, []);
    columns.get(l).push(n);
  });
  const position = new Map();
  const tallest = Math.max(...[...columns.values()].map((list) => list.length));
  el.style.height = Math.min(720, Math.max(300, tallest * 80 + 120)) + 'px';
  for (const [l, list] of columns) {
    list.sort((a, b) => a.type.localeCompare(b.type) || label(a).localeCompare(label(b)));
    list.forEach((n, i) => position.set(n.id, [l * 240, (i - (list.length - 1) / 2) * 80]));
  }
  const instance = chart(el, {
    tooltip: { formatter: (p) => (p.dataType === 'edge' ? p.data.relation : `${TYPES[p.data.category][1]}<br>${escapeHtml(p.data.id)}`) },
    series: [{
      type: 'graph', layout: 'none', roam: true, draggable: false,
      categories: TYPES.map(([, name, color, symbol]) => ({ name, itemStyle: { color }, symbol })),
      label: { show: true, position: 'bottom', fontSize: 11, width: 200, overflow: 'truncate' },
      edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 8,
      lineStyle: { color: '#8a94a6', width: 1.3, curveness: 0.08 },
      emphasis: { focus: 'adjacency' },
      data: nodes.map((n) => ({
        id: n.id, name: n.id, category: TYPE_INDEX[typeOf(n)],
        x: position.get(n.id)[0], y: position.get(n.id)[1],
        symbolSize: n.id === centre.id ? 34 : 22,
        label: { formatter: label(n), fontWeight: n.id === centre.id ? 'bold' : 'normal' },
        itemStyle: n.id === centre.id ? { borderColor: '#141b26', borderWidth: 3 } : undefined,
      })),
      links: nodes.flatMap((n) => (n.outEdges || []).map((e) => ({ source: e.origin, target: e.destination, relation: e.relation }))),
    }],
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  instance.on('click', (p) => {
    if (p.dataType === 'node') onClick(byId.get(p.data.id));
  });
  el.dataset.rendered = 'true';
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function where(level) {
  if (level === 0) return 'centre';
  return `${Math.abs(level)} ${level < 0 ? 'upstream' : 'downstream'}`;
}

function describe(n, level, go) {
  const page = pageOf(n);
  const data = Object.entries(n.data || {}).filter(([, v]) => v !== null && typeof v !== 'object')
    .map(([k, v]) => [k, /time(stamp)?$/i.test(k) && typeof v === 'number' ? fmtTime(v) : String(v)]);
  return [
    h('p', h('span.pill', TYPES[TYPE_INDEX[typeOf(n)]][1]), ' ', h('code', { 'data-testid': 'selected-id' }, n.id)),
    h('p.muted', where(level), ' · ', (n.inEdges || []).length + ' in, ' + (n.outEdges || []).length + ' out'),
    kvTable(data, 'node-data'),
    h('div.toolbar', { style: 'margin-top:8px' },
      level !== 0 ? h('button', { onclick: () => go({ node: n.id }) }, 'Centre here') : '',
      page ? h('a.button', { href: page, 'data-testid': 'open-page' }, 'Open page') : ''),
  ];
}

function nodeTable(nodes, levels, go) {
  const sorted = nodes.slice().sort((a, b) => levels.get(a.id) - levels.get(b.id) || a.id.localeCompare(b.id));
  return table(['Where', 'Type', 'Name', 'Id', 'Relations', ''], sorted.map((n) => {
    const page = pageOf(n);
    const relations = [...(n.inEdges || []).map((e) => '← ' + e.relation), ...(n.outEdges || []).map((e) => e.relation + ' →')];
    return h('tr', { 'data-testid': 'lineage-row', dataset: { id: n.id, type: n.type } },
      h('td', where(levels.get(n.id))), h('td', TYPES[TYPE_INDEX[typeOf(n)]][1]),
      h('td', page ? h('a', { href: page }, label(n)) : label(n)),
      h('td', h('code', n.id)), h('td', [...new Set(relations)].join(', ')),
      h('td', levels.get(n.id) === 0 ? h('span.muted', 'centre')
        : h('button', { 'data-testid': 'recentre', 'aria-label': 'Centre on ' + label(n), onclick: () => go({ node: n.id }) }, 'Centre')));
  }), { 'data-testid': 'lineage-table' });
}
