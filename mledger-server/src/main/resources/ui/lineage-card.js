// The "Lineage" card of the run and model pages: per node, what is directly upstream and
// downstream, and the link into the lineage explorer.
import { get } from './api.js';
import { h, errorBox } from './dom.js';

const KINDS = { DATASET: 'dataset', JOB: 'job', RUN: 'run', MODEL: 'model version', ENDPOINT: 'endpoint', CODE: 'code version', ARTIFACT: 'artifact' };

/** nodes: [[label, nodeId]], e.g. [['v3', 'model:churn/3']]. */
export function lineageCard(nodes) {
  return h('section.card', { 'data-testid': 'lineage-card' }, h('h2', 'Lineage'),
    h('ul.plain', nodes.map(([label, id]) => {
      const summary = h('span.muted', { 'data-testid': 'lineage-summary' }, ' …');
      get('/api/v1/lineage', { nodeId: id, depth: 1, direction: 'both' })
        .then((graph) => {
          const centre = graph.graph.find((n) => n.id === id);
          const upstream = new Set((centre?.inEdges || []).map((e) => e.origin));
          const downstream = new Set((centre?.outEdges || []).map((e) => e.destination));
          summary.textContent = ' ' + [describe('upstream', upstream, graph.graph), describe('downstream', downstream, graph.graph)].join('; ');
        })
        .catch((error) => summary.replaceChildren(errorBox(error)));
      return h('li', h('a', { href: '#/lineage?' + new URLSearchParams({ node: id }), 'data-testid': 'lineage-link' }, label), summary);
    })));
}

function describe(side, ids, nodes) {
  if (!ids.size) return 'nothing ' + side;
  const counts = {};
  nodes.filter((n) => ids.has(n.id)).forEach((n) => { counts[n.type] = (counts[n.type] || 0) + 1; });
  return side + ': ' + Object.entries(counts).map(([type, n]) => n + ' ' + (KINDS[type] || type.toLowerCase()) + (n > 1 ? 's' : '')).join(', ');
}
