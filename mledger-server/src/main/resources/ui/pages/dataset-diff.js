// Two versions of a dataset side by side: files, schema changes, row counts and the per-column
// shift of the recorded profiles (GET /api/v1/datasets/{name}/diff).
import { get } from '../api.js';
import { h, fmt, kvTable, table } from '../dom.js';
import { chart } from '../charts.js';

export async function render(main, [name], query) {
  const dataset = await get('/api/v1/datasets/' + encodeURIComponent(name));
  const labels = dataset.versions.map((v) => v.version);
  const from = query.get('from') || labels[1] || labels[0];
  const to = query.get('to') || labels[0];
  const diff = await get('/api/v1/datasets/' + encodeURIComponent(name) + '/diff', { from, to, rows: 'true' });
  const base = '#/datasets/' + encodeURIComponent(name);

  const picker = (side, value) => h('select', { 'aria-label': side === 'from' ? 'Old version' : 'New version', 'data-testid': 'diff-' + side,
    onchange: (e) => { location.hash = base + '/diff?' + new URLSearchParams({ from, to, [side]: e.target.value }); } },
  labels.map((l) => h('option', { value: l, selected: l === value }, 'v' + l)));
  const swap = h('button', { 'data-testid': 'diff-swap', onclick: () => { location.hash = base + '/diff?' + new URLSearchParams({ from: to, to: from }); } }, 'Swap');

  const t = diff.table;
  const files = diff.files;
  main.replaceChildren(
    h('div.crumbs', h('a', { href: '#/datasets' }, 'Datasets'), ' / ', h('a', { href: base }, name), ' / diff'),
    h('h1', { 'data-testid': 'diff-title' }, `${name}: v${from} → v${to}`),
    h('div.toolbar', h('label', 'From ', picker('from', from)), h('label', 'To ', picker('to', to)), swap),
    diff.identical ? h('p.pill', { 'data-testid': 'diff-identical' }, 'Identical content (same SHA-256).') : '',
    h('div.grid2',
      h('section.card', h('h2', 'Rows'), t ? kvTable([
        ['Rows in v' + from, t.rows_from], ['Rows in v' + to, t.rows_to],
        ['Change', h('span', { class: t.rows_to >= t.rows_from ? 'pos' : 'neg', 'data-testid': 'row-delta' }, signed(t.rows_to - t.rows_from))]], 'row-counts')
        : h('p.muted', 'Not both versions are profiled tables, so rows are not compared.'),
      rowChanges(diff)),
      h('section.card', h('h2', 'Files'), kvTable([['Added', files.added], ['Removed', files.removed], ['Modified', files.modified], ['Unchanged', files.unchanged]], 'file-changes'),
        paths('Added', files.added_paths), paths('Removed', files.removed_paths), paths('Modified', files.modified_paths))),
    t ? h('section.card', h('h2', 'Schema changes'), t.schema_changes.length
      ? table(['Column', 'Change', 'Type before', 'Type after'], t.schema_changes.map((c) => h('tr', { 'data-testid': 'schema-change' },
        h('td', h('strong', c.column)), h('td', { class: c.change === 'added' ? 'pos' : 'neg' }, c.change.replace('_', ' ')),
        h('td', c.from || '—'), h('td', c.to || '—'))))
      : h('p.muted', { 'data-testid': 'no-schema-changes' }, 'Same columns with the same types.')) : '',
    t ? h('section.card', h('h2', 'Per-column shift'), shifts(t.columns, diff.row_diff)) : '');
}

// Row-level changes come from the bytes (keyed match, or a multiset comparison without a key).
function rowChanges(diff) {
  const r = diff.row_diff && diff.row_diff.rows;
  if (!r) return h('p.muted', { 'data-testid': 'row-diff-note' }, diff.row_diff_note || '');
  return [h('h2', r.key.length ? `Rows matched by ${r.key.join(', ')}` : 'Rows compared as a multiset'),
    kvTable([['Added', h('span.pos', fmt(r.added))], ['Removed', h('span.neg', fmt(r.removed))],
      ['Changed', r.changed === null ? '— (needs a key)' : fmt(r.changed)], ['Unchanged', fmt(r.unchanged)]], 'row-changes')];
}

function signed(n) {
  return (n > 0 ? '+' : '') + fmt(n);
}

function paths(label, list) {
  if (!list.length) return '';
  return h('details', h('summary', `${label} paths (${list.length}${list.length === 100 ? '+' : ''})`), h('pre', list.join('\n')));
}

function shifts(columns, rowDiff) {
  if (!columns.length) return h('p.muted', 'No shared columns.');
  // The drift test per column over the full data, when the server could read the bytes.
  const tests = new Map(((rowDiff && rowDiff.columns) || []).map((c) => [c.column, c]));
  const numeric = columns.filter((c) => c.standardized_mean_shift !== null);
  const plot = h('div.chart', { 'data-testid': 'shift-chart', role: 'img',
    'aria-label': 'Chart: standardized mean shift per numeric column, ' + numeric.map((c) => `${c.column} ${fmt(c.standardized_mean_shift)}`).join(', ') });
  const rows = columns.map((c) => {
    const shift = c.standardized_mean_shift;
    return h('tr', { 'data-testid': 'column-shift', dataset: { column: c.column }, class: shift !== null && Math.abs(shift) >= 0.1 ? 'differs' : null },
      h('td', h('strong', c.column)), h('td', c.type),
      h('td.num', fromTo(c.missing_from, c.missing_to)), h('td.num', fromTo(c.distinct_from, c.distinct_to)),
      h('td.num', fromTo(c.mean_from, c.mean_to)), h('td.num', fromTo(c.stddev_from, c.stddev_to)),
      h('td.num', shift === null ? '—' : signed(Number(shift.toPrecision(3)))),
      tests.size ? drift(tests.get(c.column)) : '');
  });
  setTimeout(() => {
    if (!numeric.length || !plot.isConnected) return;
    chart(plot, {
      title: { text: 'Standardized mean shift (Δ mean / σ of the old version)', textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 120, right: 30, top: 36, bottom: 30 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: numeric.map((c) => c.column), inverse: true },
      series: [{ type: 'bar', data: numeric.map((c) => ({ value: c.standardized_mean_shift,
        itemStyle: { color: Math.abs(c.standardized_mean_shift) >= 0.1 ? '#d9480f' : '#2357c6' } })) }],
    });
    plot.dataset.rendered = 'true';
  });
  return [h('p.muted', 'Highlighted: |shift| ≥ 0.1 standard deviations.'),
    table(['Column', 'Type', 'Missing', 'Distinct', 'Mean', 'Std dev', 'Shift (σ)', ...(tests.size ? ['Drift test'] : [])]
      .map((n, i) => h(i >= 2 && i <= 6 ? 'th.num' : 'th', n)), rows, { 'data-testid': 'shift-table' }),
    numeric.length ? plot : ''];
}

function drift(test) {
  if (!test) return h('td', '—');
  return h('td', { 'data-testid': 'drift-test' }, h('span', { class: 'status ' + (test.drifted ? 'status-block' : 'status-pass') }, test.drifted ? 'drift' : 'stable'),
    ` ${test.test} ${fmt(test.statistic)} (threshold ${fmt(test.threshold)}), PSI ${fmt(test.psi)}`);
}

function fromTo(a, b) {
  if (a === b || (a === null && b === null)) return fmt(a);
  return fmt(a) + ' → ' + fmt(b);
}
