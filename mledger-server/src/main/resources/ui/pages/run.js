// One run: overview, params, tags, metric curves (server-side LTTB), artifacts and envelope.
import { get, mlflow, ApiError } from '../api.js';
import { h, fmt, fmtTime, kvTable, errorBox, table } from '../dom.js';
import { chart, lineOptions, palette } from '../charts.js';
import { lineageCard } from '../lineage-card.js';
import { runNode } from '../lineage-ids.js';

export async function render(main, [runId]) {
  const { run } = await get(mlflow('runs/get'), { run_id: runId });
  const { experiment } = await get(mlflow('experiments/get'), { experiment_id: run.info.experiment_id });
  const tags = run.data.tags || [];
  const parent = tags.find((t) => t.key === 'mlflow.parentRunId');
  const metrics = (run.data.metrics || []).slice().sort((a, b) => a.key.localeCompare(b.key));
  const charts = h('div.grid2', { 'data-testid': 'metric-charts' });
  const artifacts = h('div', { 'data-testid': 'artifacts' });
  const envelope = h('div', { 'data-testid': 'envelope' });
  const duration = run.info.end_time ? ((Number(run.info.end_time) - Number(run.info.start_time)) / 1000).toFixed(1) + ' s' : '—';

  main.replaceChildren(
    h('div.crumbs', h('a', { href: '#/experiments' }, 'Experiments'), ' / ',
      h('a', { href: '#/experiments/' + encodeURIComponent(experiment.experiment_id) }, experiment.name), ' / run'),
    h('h1', { 'data-testid': 'run-title' }, run.info.run_name || run.info.run_id),
    h('div.grid2',
      h('section.card', h('h2', 'Overview'), kvTable([
        ['Run ID', run.info.run_id], ['Status', run.info.status], ['Started', fmtTime(Number(run.info.start_time))],
        ['Duration', duration], ['User', run.info.user_id || '—'],
        ['Parent run', parent ? h('a', { href: '#/runs/' + parent.value }, parent.value) : '—'],
        ['Artifact URI', run.info.artifact_uri]], 'run-overview')),
      h('section.card', h('h2', 'Parameters'), kvTable((run.data.params || []).map((p) => [p.key, p.value]), 'run-params'))),
    h('section.card', h('h2', 'Metrics'),
      kvTable(metrics.map((m) => [m.key, m.value]), 'run-metrics'), charts),
    h('div.grid2',
      h('section.card', h('h2', 'Tags'), kvTable(tags.filter((t) => !t.key.startsWith('mlflow.log-model')).map((t) => [t.key, t.value]), 'run-tags')),
      h('section.card', h('h2', 'Envelope'), envelope)),
    h('section.card', h('h2', 'Artifacts'), artifacts),
    lineageCard([['Lineage of this run', runNode(run.info.run_id)]]));

  for (const [i, metric] of metrics.entries()) {
    const el = h('div.chart', { 'data-testid': 'metric-chart', dataset: { key: metric.key } });
    charts.append(el);
    get('/api/v1/runs/' + encodeURIComponent(runId) + '/metrics/' + metric.key.split('/').map(encodeURIComponent).join('/') + '/series', { points: 400 })
      .then((series) => {
        // A metric logged once (a final score) is in the table above; a chart would be one dot.
        if (series.points.length < 2) {
          el.remove();
          return;
        }
        const title = metric.key + (series.total_points > series.points.length ? ` (${series.points.length} of ${series.total_points} points, LTTB)` : '');
        el.setAttribute('aria-label', 'Chart: ' + title);
        chart(el, lineOptions(title, [{ name: metric.key, type: 'line', showSymbol: series.points.length < 50,
          lineStyle: { color: palette[i % palette.length] }, itemStyle: { color: palette[i % palette.length] },
          data: series.points.map((p) => [p.step, p.value]) }], { legend: { show: false } }));
        el.dataset.rendered = 'true';
      })
      .catch((error) => el.replaceChildren(errorBox(error)));
  }
  loadEnvelope(runId, envelope);
  browse(runId, '', artifacts);
}

async function loadEnvelope(runId, host) {
  try {
    const env = await get('/api/v1/runs/' + encodeURIComponent(runId) + '/envelope');
    host.replaceChildren(kvTable([['Fingerprint', env.fingerprint], ['Complete', String(env.complete)],
      ['Missing', (env.missing || []).join(', ') || '—']], 'envelope-summary'),
      h('details', h('summary', 'Canonical envelope JSON'), h('pre', JSON.stringify(env.envelope, null, 2))));
  } catch (error) {
    host.replaceChildren(error instanceof ApiError && error.status === 404
      ? h('p.muted', 'No envelope was captured for this run.') : errorBox(error));
  }
}

async function browse(runId, path, host) {
  let listing;
  try {
    listing = await get(mlflow('artifacts/list'), path ? { run_id: runId, path } : { run_id: runId });
  } catch (error) {
    host.replaceChildren(errorBox(error));
    return;
  }
  const files = listing.files || [];
  const up = path ? h('p', h('a', { href: '#', onclick: (e) => { e.preventDefault(); browse(runId, path.split('/').slice(0, -1).join('/'), host); } }, '↑ ' + (path.split('/').slice(0, -1).join('/') || 'root'))) : null;
  if (!files.length) {
    host.replaceChildren(up || '', h('p.muted', path ? 'Empty directory.' : 'No artifacts.'));
    return;
  }
  host.replaceChildren(h('p.muted', '/' + path), up || '', table(['Path', 'Size'], files.map((f) => h('tr',
    h('td', f.is_dir
      ? h('a', { href: '#', onclick: (e) => { e.preventDefault(); browse(runId, f.path, host); } }, f.path + '/')
      : h('a', { href: '/get-artifact?' + new URLSearchParams({ run_id: runId, path: f.path }), target: '_blank', rel: 'noopener' }, f.path)),
    h('td.num', f.is_dir ? '' : fmt(Number(f.file_size)))))));
}
