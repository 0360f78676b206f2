// Compare view. All statistics (Δ, seed-group means and t intervals, per-step bands) come from
// GET /api/v1/compare; this page only plots them.
import { get } from '../api.js';
import { h, fmt, table } from '../dom.js';
import { chart, lineOptions, bandSeries, palette } from '../charts.js';

export async function render(main, _params, query) {
  const ids = (query.get('runs') || '').split(',').filter(Boolean);
  if (ids.length < 2) {
    main.replaceChildren(h('h1', 'Compare runs'), h('p.muted', 'Select at least two runs in a runs table to compare them.'));
    return;
  }
  const data = await get('/api/v1/compare', { run_ids: ids.join(','), points: 300 });
  const names = Object.fromEntries(data.runs.map((r) => [r.run_id, r.run_name || r.run_id.slice(0, 8)]));
  const metricKeys = data.curves.map((c) => c.key);
  const metricSelect = h('select', { 'aria-label': 'Metric', 'data-testid': 'compare-metric' },
    metricKeys.map((k) => h('option', { value: k }, k)));
  const curveHost = h('div.chart.tall', { 'data-testid': 'compare-curves' });
  const pct = Math.round(data.confidence * 100);

  main.replaceChildren(
    h('h1', { 'data-testid': 'compare-title' }, `Compare ${data.runs.length} runs`),
    h('p.muted', `Baseline: ${names[data.baseline_run_id]}. Bands: mean ± ${pct}% Student-t interval over seeds (runs with equal params except the seed).`),
    h('section.card', h('div.toolbar', h('label', 'Metric ', metricSelect)), curveHost),
    h('section.card', h('h2', 'Seed groups'), groupTable(data, pct)),
    h('section.card', h('h2', 'Parallel coordinates'), h('div.chart.tall', { 'data-testid': 'parallel' })),
    h('div.grid2',
      h('section.card', h('h2', 'Parameters'), paramTable(data, names)),
      h('section.card', h('h2', 'Δ vs baseline'), deltaTable(data, names))));

  const drawCurves = () => {
    const curve = data.curves.find((c) => c.key === metricSelect.value);
    if (!curve) return;
    const series = [];
    curve.runs.forEach((r) => series.push({ name: names[r.run_id], type: 'line', symbol: 'none',
      lineStyle: { width: 1, opacity: 0.45 }, data: r.points }));
    curve.bands.forEach((b) => series.push(...bandSeries(data.groups[b.group].label,
      palette[b.group % palette.length], b.points)));
    curveHost.removeAttribute('_echarts_instance_');
    curveHost.replaceChildren();
    chart(curveHost, lineOptions(curve.key, series));
    curveHost.dataset.bands = String(curve.bands.length);
  };
  metricSelect.addEventListener('change', drawCurves);
  // ?metric=KEY opens the view on that curve (deep links from the CLI, e.g. mledger demo).
  if (metricKeys.includes(query.get('metric'))) metricSelect.value = query.get('metric');
  if (metricKeys.length) drawCurves();
  drawParallel(main.querySelector('[data-testid=parallel]'), data, names);
}

function groupTable(data, pct) {
  const keys = data.curves.map((c) => c.key);
  return table(['Group', 'n', ...keys.map((k) => `${k} mean [${pct}% CI]`)], data.groups.map((g) => h('tr',
    h('td', g.label), h('td.num', g.run_ids.length),
    keys.map((k) => {
      const s = g.metrics[k];
      if (!s) return h('td', '—');
      return h('td.num', fmt(s.mean), s.ci_low === null ? '' : ` [${fmt(s.ci_low)}, ${fmt(s.ci_high)}]`);
    }))), { 'data-testid': 'group-table' });
}

function paramTable(data, names) {
  return table(['Param', ...data.runs.map((r) => names[r.run_id])], data.params.map((p) =>
    h('tr', { class: p.differs ? 'differs' : null, 'data-testid': p.differs ? 'param-differs' : 'param-same' },
      h('td', p.key), data.runs.map((r) => h('td', p.values[r.run_id] ?? '—')))),
  { 'data-testid': 'param-diff' });
}

function deltaTable(data, names) {
  const rows = [];
  for (const d of data.deltas) {
    for (const m of d.metrics) {
      const cls = m.delta === null ? '' : m.delta > 0 ? 'pos' : m.delta < 0 ? 'neg' : '';
      rows.push(h('tr', h('td', names[d.run_id]), h('td', m.key), h('td.num', fmt(m.value)), h('td.num', fmt(m.baseline)),
        h('td.num', h('span', { class: cls }, m.delta === null ? '—' : (m.delta > 0 ? '+' : '') + fmt(m.delta))),
        h('td.num', m.relative_delta === null ? '—' : (100 * m.relative_delta).toFixed(1) + ' %')));
    }
  }
  return table(['Run', 'Metric', 'Value', 'Baseline', 'Δ', 'Δ %'], rows, { 'data-testid': 'delta-table' });
}

function drawParallel(el, data, names) {
  const params = data.params.filter((p) => p.differs).map((p) => p.key);
  const metrics = data.curves.map((c) => c.key);
  const dims = [...params.map((k) => ({ key: k, kind: 'params' })), ...metrics.map((k) => ({ key: k, kind: 'metrics' }))];
  const parallelAxis = dims.map((d, i) => {
    const values = data.runs.map((r) => r[d.kind][d.key]).filter((v) => v !== undefined && v !== null);
    const numeric = values.every((v) => typeof v === 'number' || (v !== '' && !Number.isNaN(Number(v))));
    return numeric ? { dim: i, name: d.key, scale: true }
      : { dim: i, name: d.key, type: 'category', data: [...new Set(values.map(String))].sort() };
  });
  const rows = data.runs.map((r) => ({ name: names[r.run_id], value: dims.map((d, i) => {
    const v = r[d.kind][d.key];
    if (v === undefined || v === null) return null;
    return parallelAxis[i].type === 'category' ? String(v) : Number(v);
  }) }));
  chart(el, {
    parallelAxis, parallel: { left: 60, right: 80, top: 40, bottom: 30 },
    tooltip: { trigger: 'item', formatter: (p) => p.name },
    series: [{ type: 'parallel', lineStyle: { width: 1.5, opacity: 0.6 }, data: rows }],
  });
  el.dataset.axes = String(parallelAxis.length);
}
