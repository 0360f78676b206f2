// One registered model: versions, aliases, audited stage/alias history, gate decisions, model card.
import { get, mlflow } from '../api.js';
import { h, fmtTime, table, errorBox } from '../dom.js';
import { lineageCard } from '../lineage-card.js';
import { modelNode } from '../lineage-ids.js';

export async function render(main, [name]) {
  const { registered_model: model } = await get(mlflow('registered-models/get'), { name });
  const versions = [];
  let token;
  do {
    const page = await get(mlflow('model-versions/search'),
      { filter: `name='${name.replace(/'/g, "\\'")}'`, max_results: 1000, ...(token ? { page_token: token } : {}) });
    versions.push(...(page.model_versions || []));
    token = page.next_page_token;
  } while (token);
  versions.sort((a, b) => Number(b.version) - Number(a.version));
  const history = h('div', { 'data-testid': 'history' }, h('p.muted', 'Loading…'));
  const decisions = h('div', { 'data-testid': 'decisions' }, h('p.muted', 'Loading…'));
  const card = h('div', { 'data-testid': 'model-card' }, h('p.muted', 'Choose a version to show its model card.'));
  const aliasesOf = (v) => (model.aliases || []).filter((a) => a.version === v.version).map((a) => h('span.pill', { 'data-testid': 'alias' }, '@' + a.alias));

  main.replaceChildren(
    h('div.crumbs', h('a', { href: '#/models' }, 'Models'), ' / ', name),
    h('h1', { 'data-testid': 'model-title' }, name),
    model.description ? h('p', model.description) : '',
    h('section.card', h('h2', 'Versions'), table(['Version', 'Stage', 'Aliases', 'Status', 'Run', 'Created', 'Card'],
      versions.map((v) => h('tr', { 'data-testid': 'version-row' },
        h('td', 'v' + v.version), h('td', v.current_stage), h('td', aliasesOf(v)), h('td', v.status),
        h('td', v.run_id ? h('a', { href: '#/runs/' + v.run_id }, v.run_id.slice(0, 8)) : '—'),
        h('td', fmtTime(Number(v.creation_timestamp))),
        h('td', h('button', { onclick: () => showCard(name, v.version, card), 'data-testid': 'show-card' }, 'Card')))))),
    h('div.grid2',
      h('section.card', h('h2', 'Stage and alias history'), history),
      h('section.card', h('h2', 'Gate decisions'), decisions)),
    h('section.card', h('h2', 'Model card'), card),
    lineageCard(versions.slice(0, 10).map((v) => ['v' + v.version, modelNode(name, v.version)])));

  get('/api/v1/registry/models/' + encodeURIComponent(name) + '/history').then((result) => {
    const events = result.history || [];
    history.replaceChildren(events.length ? table(['When', 'Version', 'Change', 'Actor', 'Reason'], events.map((e) => h('tr', { 'data-testid': 'history-row' },
      h('td', fmtTime(Number(e.timestamp))), h('td', e.version ? 'v' + e.version : '—'),
      h('td', describe(e)), h('td', e.actor || '—'), h('td', e.reason || '—')))) : h('p.muted', 'No stage or alias changes yet.'));
  }).catch((error) => history.replaceChildren(errorBox(error)));

  get('/api/v1/decisions', { model: name }).then((result) => {
    const list = result.decisions || [];
    decisions.replaceChildren(list.length ? table(['Decision', 'Recorded', 'Result', 'Approved by', 'Authorizes promotion'], list.map((d) => h('tr', { 'data-testid': 'decision-row' },
      h('td', h('code', String(d.id).slice(0, 12))), h('td', d.recorded_at),
      h('td', h('span', { class: d.passed ? 'pos' : 'neg' }, d.passed ? 'passed' : 'failed')),
      h('td', (d.approvals || []).map((a) => a.approver).join(', ') || '—'), h('td', d.authorizes_promotion ? 'yes' : 'no')))) : h('p.muted', 'No gate decisions recorded.'));
  }).catch((error) => decisions.replaceChildren(errorBox(error)));
}

function describe(e) {
  if (e.kind === 'stage') return `stage ${e.from_stage} → ${e.to_stage}`;
  const from = e.previous_version ? 'v' + e.previous_version : 'unset';
  const to = e.new_version ? 'v' + e.new_version : 'removed';
  return `alias @${e.alias}: ${from} → ${to}`;
}

async function showCard(name, version, host) {
  try {
    const response = await fetch('/api/v1/registry/models/' + encodeURIComponent(name) + '/versions/' + encodeURIComponent(version) + '/card?format=md');
    const text = await response.text();
    if (!response.ok) throw new Error(JSON.parse(text).message || response.statusText);
    host.replaceChildren(h('pre', { 'data-testid': 'card-text' }, text));
  } catch (error) {
    host.replaceChildren(errorBox(error));
  }
}
