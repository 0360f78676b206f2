// One dataset: versions with labels and provenance, the chosen version's schema and column
// profile, a contract check, the current-version history, and the way to the diff and lineage.
import { get } from '../api.js';
import { h, fmt, fmtTime, kvTable, table, errorBox } from '../dom.js';
import { fmtBytes } from '../units.js';
import { datasetNode } from '../lineage-ids.js';

export async function render(main, [name], query) {
  const dataset = await get('/api/v1/datasets/' + encodeURIComponent(name));
  const versions = dataset.versions;
  const chosen = query.get('version') || dataset.current_version;
  const version = await get('/api/v1/datasets/' + encodeURIComponent(name) + '/versions/' + encodeURIComponent(chosen));
  const base = '#/datasets/' + encodeURIComponent(name);

  // The diff pair defaults to the chosen version against the one before it.
  const index = versions.findIndex((v) => v.version === version.version);
  const pair = { from: (versions[index + 1] || versions[index]).version, to: version.version };
  const diffLink = h('a.button', { 'data-testid': 'diff-selected' }, 'Diff selected versions');
  const updateDiffLink = () => {
    diffLink.href = base + '/diff?' + new URLSearchParams(pair);
    diffLink.textContent = `Diff v${pair.from} → v${pair.to}`;
  };
  updateDiffLink();
  const radio = (side, v) => h('input', { type: 'radio', name: 'diff-' + side, value: v.version, checked: pair[side] === v.version,
    'aria-label': (side === 'from' ? 'Diff from v' : 'Diff to v') + v.version, dataset: { side },
    onchange: () => { pair[side] = v.version; updateDiffLink(); } });

  main.replaceChildren(
    h('div.crumbs', h('a', { href: '#/datasets' }, 'Datasets'), ' / ', name),
    h('h1', { 'data-testid': 'dataset-title' }, name, ' ', h('span.pill', 'v' + version.version),
      version.version === dataset.current_version ? h('span.pill', 'current') : h('span.pill.warn', 'not current')),
    h('section.card', h('h2', 'Versions'),
      table(['Version', 'Created', 'Size', 'Files', 'Rows', 'Owner', 'License', 'Source', 'Run', 'Created by', 'SHA-256', 'From', 'To'],
        versions.map((v) => h('tr', { 'data-testid': 'version-row', class: v.version === version.version ? 'selected' : null },
          h('td', h('a', { href: base + '?version=' + encodeURIComponent(v.version), 'data-testid': 'version-link',
            'aria-current': v.version === version.version ? 'true' : null }, 'v' + v.version),
          v.version === dataset.current_version ? h('span.pill', { 'data-testid': 'current-label' }, 'current') : ''),
          h('td', fmtTime(v.created_at)),
          h('td.num', { title: v.size + ' bytes' }, fmtBytes(v.size)),
          h('td.num', fmt(v.files)), h('td.num', fmt(v.rows)),
          h('td', v.owner || '—'), h('td', v.license || h('span.neg', 'undeclared')),
          h('td', v.source || '—'),
          h('td', v.run_id ? h('a', { href: '#/runs/' + encodeURIComponent(v.run_id) }, v.run_id.slice(0, 8)) : '—'),
          h('td', v.created_by || '—'),
          h('td', h('code', { title: v.sha256 }, v.sha256.slice(0, 12))),
          h('td', radio('from', v)), h('td', radio('to', v)))),
        { 'data-testid': 'versions-table' }),
      h('div.toolbar', { style: 'margin-top:8px' }, diffLink)),
    h('div.grid2',
      h('section.card', h('h2', 'Provenance of v' + version.version), provenance(version)),
      h('section.card', h('h2', 'Lineage'),
        h('p', 'Runs that trained on this version and what they produced: ',
          h('a', { href: '#/lineage?' + new URLSearchParams({ node: datasetNode(name, version.version, version.sha256) }), 'data-testid': 'dataset-lineage' }, 'open in the lineage explorer'), '.'),
        h('h2', 'Current-version history'), history(dataset.events))),
    h('section.card', h('h2', 'Schema and column profile'), profile(version)),
    h('section.card', h('h2', 'Contract check'), contractCheck(name, version)));
}

function provenance(v) {
  const pii = v.pii_columns === null || v.pii_columns === undefined
    ? h('span.neg', 'undeclared') : (v.pii_columns.length ? v.pii_columns.join(', ') : 'none (declared)');
  return kvTable([
    ['Kind', v.kind], ['Path', v.path], ['SHA-256', h('code', v.sha256)],
    ['Size', fmtBytes(v.size) + ' (' + v.size + ' bytes)'], ['Files', v.files], ['Rows', v.rows],
    ['Source', v.source || '—'], ['Owner', v.owner || '—'], ['License', v.license || h('span.neg', 'undeclared')],
    ['PII columns', pii], ['Key columns', v.key_columns.length ? v.key_columns.join(', ') : '—'],
    ['Producing run', v.run_id ? h('a', { href: '#/runs/' + encodeURIComponent(v.run_id) }, v.run_id) : '—'],
    ['Created by', v.created_by || '—'], ['Recorded', fmtTime(v.created_at)]], 'provenance');
}

function history(events) {
  if (!events.length) return h('p.muted', 'No events.');
  return table(['When', 'Action', 'Version', 'Previous', 'Actor', 'Reason'], events.slice().reverse().map((e) => h('tr', { 'data-testid': 'event-row' },
    h('td', fmtTime(e.created_at)), h('td', e.action), h('td', 'v' + e.version),
    h('td', e.previous_version ? 'v' + e.previous_version : '—'), h('td', e.actor || '—'), h('td', e.reason || '—'))));
}

function profile(v) {
  if (!v.profile) {
    return h('p.muted', { 'data-testid': 'no-profile' }, 'No tabular profile: only single CSV/TSV files up to 512 MiB are profiled.');
  }
  const columns = v.profile.columns;
  return [h('p.muted', `${fmt(v.profile.rows)} rows × ${columns.length} columns`),
    table(['Column', 'Type', 'Count', 'Missing', 'Invalid', 'Distinct', 'Min', 'Max', 'Mean', 'Std dev', 'Median', 'Most frequent']
      .map((n, i) => h(i >= 2 && i <= 10 ? 'th.num' : 'th', n)),
    columns.map((c) => h('tr', { 'data-testid': 'column-row', dataset: { column: c.name } },
      h('td', h('strong', c.name)), h('td', c.type),
      h('td.num', fmt(c.count)), h('td.num', { class: c.missing ? 'num neg' : 'num' }, fmt(c.missing)), h('td.num', fmt(c.invalid)),
      h('td.num', fmt(c.distinct)), h('td.num', fmt(c.min)), h('td.num', fmt(c.max)), h('td.num', fmt(c.mean)),
      h('td.num', fmt(c.stddev)), h('td.num', fmt(c.median)),
      h('td', (c.top_values || []).slice(0, 5).map((t) => h('span.pill', t.value + ' ×' + t.count))))),
    { 'data-testid': 'profile-table' })];
}

// A starting contract that the chosen version passes: its columns and types, its row count,
// its license; the user tightens it and checks again.
function suggestedContract(v) {
  const lines = [];
  if (v.profile) {
    lines.push('schema:', '  columns:');
    v.profile.columns.forEach((c) => lines.push(`    - {name: ${JSON.stringify(c.name)}, type: ${c.type}}`));
    lines.push('  allow_extra: true', `row_count: {min: ${v.profile.rows}}`);
  }
  lines.push('freshness: {warn_after: 30d, block_after: 365d}');
  if (v.license) lines.push(`license: {allowed: [${JSON.stringify(v.license)}]}`);
  lines.push('privacy: {require_declaration: true}');
  return lines.join('\n') + '\n';
}

function contractCheck(name, v) {
  const text = h('textarea.contract', { rows: 10, spellcheck: 'false', 'aria-label': 'Data contract (YAML or JSON)', 'data-testid': 'contract-text' });
  text.value = suggestedContract(v);
  const result = h('div', { 'data-testid': 'check-result', 'aria-live': 'polite' });
  const run = async () => {
    button.disabled = true;
    try {
      const response = await fetch('/api/v1/datasets/' + encodeURIComponent(name) + '/versions/' + encodeURIComponent(v.version) + '/check',
        { method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body: text.value });
      const report = await response.json();
      if (!response.ok) throw new Error(report.message || response.statusText);
      result.replaceChildren(
        h('p', { 'data-testid': 'check-status' }, h('span', { class: 'status status-' + report.status }, report.status),
          ` ${report.checks.length} checks, ${report.warnings} warnings, ${report.blocking} blocking`),
        table(['Check', 'Status', 'Message'], report.checks.map((c) => h('tr', { 'data-testid': 'check-row' },
          h('td', h('code', c.check)), h('td', h('span', { class: 'status status-' + c.status }, c.status)), h('td', c.message)))));
    } catch (error) {
      result.replaceChildren(errorBox(error));
    } finally {
      button.disabled = false;
    }
  };
  const button = h('button.primary', { onclick: run, 'data-testid': 'run-check' }, 'Check v' + v.version);
  return [h('p.muted', 'Checks the version against a data contract (as ', h('code', 'mledger data check --contract'), '); nothing is recorded.'),
    text, h('div.toolbar', { style: 'margin-top:8px' }, button), result];
}
