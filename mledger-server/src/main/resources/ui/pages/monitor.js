// One monitor: drift per feature over its windows, reference-vs-current histograms, data quality,
// latency and cost, alerts with root cause, and the retraining loop's attempts.
import { get, post } from '../api.js';
import { h, fmt, fmtTime, kvTable, table, errorBox } from '../dom.js';
import { chart, palette } from '../charts.js';
import { openAlerts, severityPills, windowText } from './monitoring.js';
import { lineageCard } from '../lineage-card.js';
import { jobNode } from '../lineage-ids.js';

// The lineage namespace of monitor jobs (dev.mledger.server.monitor.ReferenceProfiler).
const MONITOR_NAMESPACE = 'mledger.monitor';

// Plotted statistics: the value of each feature's default test, or one of the report's measures.
const STATISTICS = [
  ['test', 'Default drift test (value vs its threshold)'],
  ['psi', 'PSI'],
  ['js', 'Jensen-Shannon (nats)'],
  ['wasserstein_norm', 'Wasserstein / σ_ref'],
  ['null_rate', 'Null rate'],
];

export async function render(main, [id], query, stale) {
  const [{ monitor }, { reports: newestFirst }, { alerts }, { steps }] = await Promise.all([
    get(`/api/v1/monitors/${encodeURIComponent(id)}`),
    get(`/api/v1/monitors/${encodeURIComponent(id)}/reports`, { limit: 1000 }),
    get(`/api/v1/monitors/${encodeURIComponent(id)}/alerts`, { limit: 1000 }),
    get(`/api/v1/monitors/${encodeURIComponent(id)}/retrain-steps`),
  ]);
  if (stale()) return;
  const reports = newestFirst.slice().reverse();
  const features = monitor.features.map((f) => f.name);
  const open = openAlerts(alerts);
  const state = {
    statistic: STATISTICS.some(([s]) => s === query.get('statistic')) ? query.get('statistic') : 'test',
    feature: features.includes(query.get('feature')) ? query.get('feature') : rankedFirst(reports) || features[0],
    report: reports.find((r) => r.id === query.get('window')) || reports[reports.length - 1],
  };

  const driftChart = h('div.chart.tall', { 'data-testid': 'drift-chart' });
  const statisticSelect = h('select', { 'data-testid': 'drift-statistic', id: 'drift-statistic',
    onchange: () => { state.statistic = statisticSelect.value; remember(); drawDrift(); } },
  STATISTICS.map(([value, label]) => h('option', { value, selected: value === state.statistic }, label)));
  const featureSelect = h('select', { 'data-testid': 'feature-select', id: 'feature-select',
    onchange: () => { state.feature = featureSelect.value; remember(); drawWindow(); } },
  features.map((f) => h('option', { value: f, selected: f === state.feature }, f)));
  const windowSelect = h('select', { 'data-testid': 'window-select', id: 'window-select',
    onchange: () => { state.report = reports.find((r) => r.id === windowSelect.value); remember(); drawWindow(); } },
  newestFirst.map((r) => h('option', { value: r.id, selected: r === state.report },
    `${fmtTime(r.window_end)} · ${r.rows} rows${r.drifted_features ? ` · ${r.drifted_features} drifted` : ''}`)));
  const histogram = h('div.chart', { 'data-testid': 'histogram' });
  const featureDetail = h('div', { 'data-testid': 'feature-detail' });
  const quality = h('div', { 'data-testid': 'quality' });
  const rootCause = h('div', { 'data-testid': 'root-cause' });
  const opsChart = h('div.chart', { 'data-testid': 'ops-chart' });
  const performance = h('div', { 'data-testid': 'performance' });

  main.replaceChildren(
    h('div.crumbs', h('a', { href: '#/monitors' }, 'Monitors'), ' / ', monitor.name),
    h('h1', { 'data-testid': 'monitor-title' }, monitor.name, ' ', severityPills(open)),
    h('div.grid2',
      h('section.card', h('h2', 'Monitor'), kvTable([
        ['Model / endpoint', h('a', { href: '#/models/' + encodeURIComponent(monitor.model) }, monitor.model + (monitor.version ? ' v' + monitor.version : ''))],
        ['Reference', monitor.reference], ['Window', windowText(monitor.window)],
        ['Features', features.join(', ')], ['Segment column', monitor.segment_column || '—'],
        ['Events', monitor.events],
        ['Reported through event', monitor.reported_through + (monitor.reports_pending ? ' (newer windows are being reported)' : '')],
        ['Created', fmtTime(monitor.created_time)]], 'monitor-overview')),
      h('section.card', h('h2', 'Alert policy'), policyView(monitor.alert_policy))),
    ...(reports.length ? [
      h('section.card', h('h2', 'Drift over time'),
        h('div.toolbar', h('label', { for: 'drift-statistic' }, 'Statistic'), statisticSelect,
          h('span.muted', 'Click a point to open that feature and window below.')),
        driftChart),
      h('section.card', h('h2', 'Window detail'),
        h('div.toolbar', h('label', { for: 'feature-select' }, 'Feature'), featureSelect,
          h('label', { for: 'window-select' }, 'Window'), windowSelect),
        h('div.grid2', h('div', histogram), featureDetail)),
      h('div.grid2',
        h('section.card', h('h2', 'Data quality in the window'), quality),
        h('section.card', h('h2', 'Root cause'), rootCause)),
      h('section.card', h('h2', 'Latency, cost and performance per window'), opsChart, performance),
    ] : [h('section.card', h('p.muted', { 'data-testid': 'no-reports' },
      `No window has closed yet (${monitor.events} events received; ${windowText(monitor.window)}).`))]),
    h('section.card', h('h2', 'Alerts'), alertsView(id, alerts, open, monitor.alert_policy, reload)),
    lineageCard([['Lineage of this monitor', jobNode(MONITOR_NAMESPACE, monitor.name)]]),
    h('section.card', h('h2', 'Retraining history'), retrainView(steps, monitor.retrain_policy, reload)));

  function reload() {
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }

  if (!reports.length) return;
  drawDrift();
  drawOps();
  drawWindow();

  function remember() {
    const q = new URLSearchParams({ statistic: state.statistic, feature: state.feature, window: state.report.id });
    history.replaceState(null, '', `#/monitors/${encodeURIComponent(id)}?${q}`);
  }

  function drawDrift() {
    const pValue = state.statistic === 'test' && reports.some((r) => r.features.some((f) => f.statistic.endsWith('pvalue')));
    // p-values span dozens of decades; −log10 p keeps them readable and puts drift upwards.
    const scale = pValue ? (v) => -Math.log10(Math.max(v, 1e-300)) : (v) => v;
    const series = features.map((name, i) => ({
      name, type: 'line', showSymbol: true, symbolSize: 6, lineStyle: { color: palette[i % palette.length] },
      itemStyle: { color: palette[i % palette.length] },
      data: reports.map((r, w) => {
        const value = valueOf(r.features.find((f) => f.feature === name), state.statistic);
        return [r.window_end, value === null ? null : scale(value), w];
      }),
    }));
    const thresholds = thresholdLines(monitor.alert_policy, state.statistic, reports, scale);
    if (series.length) series[0].markLine = { symbol: 'none', silent: true, data: thresholds };
    const title = `${STATISTICS.find(([s]) => s === state.statistic)[1]} per feature, ${reports.length} windows`;
    driftChart.setAttribute('aria-label', 'Chart: ' + title);
    const instance = chart(driftChart, {
      title: { text: title, textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'axis', valueFormatter: (v) => (pValue ? 'p = ' + fmt(10 ** -v) : fmt(v)) },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 70, right: 110, top: 36, bottom: 48 },
      xAxis: { type: 'time', name: 'window end' },
      yAxis: pValue ? { type: 'value', name: '−log10 p (higher = more drift)', nameTextStyle: { align: 'left' } } : { type: 'value', scale: true },
      series,
    });
    instance.off('click');
    instance.on('click', (p) => {
      if (p.componentType !== 'series') return;
      state.feature = p.seriesName;
      state.report = reports[p.data[2]];
      featureSelect.value = state.feature;
      windowSelect.value = state.report.id;
      remember();
      drawWindow();
    });
    driftChart.dataset.statistic = state.statistic;
    driftChart.dataset.series = String(series.length);
    driftChart.dataset.thresholds = String(thresholds.length);
    driftChart.dataset.rendered = 'true';
  }

  function drawWindow() {
    const report = state.report;
    const f = report.features.find((x) => x.feature === state.feature);
    featureDetail.replaceChildren(f ? kvTable([
      ['Drifted', h('span', { class: f.drifted ? 'neg' : 'pos' }, f.drifted ? 'yes' : 'no')],
      ['Test', f.test ? `${f.test} (${f.statistic})` : '—'], ['Value', f.value], ['Threshold', f.threshold],
      ['PSI', f.psi], ['Jensen-Shannon', f.js], ['KL', f.kl],
      ...(f.ks_statistic !== undefined ? [['KS statistic', f.ks_statistic], ['KS p-value', f.ks_pvalue], ['Wasserstein / σ_ref', f.wasserstein_norm]] : []),
      ...(f.chi2_pvalue !== undefined ? [['χ² p-value', f.chi2_pvalue], ['G-test p-value', f.g_pvalue], ['Unseen categories', (f.unseen_categories || []).join(', ') || '—']] : []),
      ['Reference / current values', `${fmt(f.reference_count)} / ${fmt(f.current_count)}`],
      ['Sketch approximation', f.approximate ? 'yes' : 'no (exact)']], 'feature-stats') : h('p.muted', 'Not in this window.'));
    quality.replaceChildren(table(['Feature', 'Drifted', 'Nulls', 'Null rate', 'Out of range', 'Unseen'],
      report.features.map((x) => h('tr', { 'data-testid': 'quality-row', class: x.feature === state.feature ? 'differs' : null },
        h('td', x.feature), h('td', x.drifted ? h('span.neg', 'yes') : 'no'), h('td.num', fmt(x.quality.nulls)),
        h('td.num', fmt(x.quality.null_rate)), h('td.num', fmt(x.quality.out_of_range)), h('td.num', fmt(x.quality.unseen))))));
    if (report.slices && report.slices.length) {
      quality.append(h('h3', `Segments by ${monitor.segment_column}`), table(['Segment', 'Rows', 'Drift share', 'Drifted features'],
        report.slices.map((x) => h('tr', { 'data-testid': 'slice-row' }, h('td', x.segment), h('td.num', x.rows), h('td.num', fmt(x.drift_share)),
          h('td', x.drifted_features.join(', ') || '—')))));
    }
    drawHistogram(report);
    drawRootCause(report);
  }

  async function drawHistogram(report) {
    const feature = state.feature;
    histogram.dataset.rendered = 'false';
    try {
      const result = await get(`/api/v1/monitors/${encodeURIComponent(id)}/reports/${report.id}/histogram`, { feature, bins: 20 });
      if (state.feature !== feature || state.report !== report) return;
      const share = (n, total) => (total ? n / total : 0);
      const labels = result.bins.map((b) => (b.category !== undefined ? b.category : `${fmt(b.low)} – ${fmt(b.high)}`));
      const title = `${feature}: reference vs window of ${fmtTime(report.window_end)} (share of values)`;
      histogram.setAttribute('aria-label', 'Chart: ' + title);
      chart(histogram, {
        title: { text: title, textStyle: { fontSize: 13 } },
        tooltip: { trigger: 'axis', valueFormatter: (v) => (v * 100).toFixed(1) + ' %' },
        legend: { bottom: 0 },
        grid: { left: 60, right: 20, top: 36, bottom: 70 },
        xAxis: { type: 'category', data: labels, axisLabel: { rotate: 30, fontSize: 10 } },
        yAxis: { type: 'value', axisLabel: { formatter: (v) => (v * 100).toFixed(0) + ' %' } },
        series: [
          { name: `reference (${fmt(result.reference_rows)} values${result.approximate ? ', sketch' : ''})`, type: 'bar', itemStyle: { color: '#8c99ad' },
            data: result.bins.map((b) => share(b.reference, result.reference_rows)) },
          { name: `current (${fmt(result.current_rows)} values)`, type: 'bar', itemStyle: { color: palette[1] },
            data: result.bins.map((b) => share(b.current, result.current_rows)) },
        ],
      });
      histogram.dataset.feature = feature;
      histogram.dataset.bins = String(result.bins.length);
      histogram.dataset.rendered = 'true';
    } catch (error) {
      histogram.replaceChildren(errorBox(error));
    }
  }

  async function drawRootCause(report) {
    const ranking = report.root_cause || [];
    const rankingView = ranking.length
      ? table(['#', 'Feature', 'Test', 'Value', 'Threshold', 'Score (× past τ)', 'PSI'], ranking.map((r, i) => h('tr', { 'data-testid': 'cause-row' },
        h('td.num', i + 1), h('td', r.feature), h('td', r.test), h('td.num', fmt(r.value)), h('td.num', fmt(r.threshold)),
        h('td.num', fmt(r.score)), h('td.num', fmt(r.psi)))))
      : h('p.muted', 'No feature drifted in this window.');
    const alert = report.alerts.find((a) => a.kind !== 'resolved');
    const upstream = h('div', { 'data-testid': 'upstream' }, alert ? h('p.muted', 'Loading…') : h('p.muted', 'No alert in this window, so no upstream check.'));
    rootCause.replaceChildren(rankingView, h('h3', 'Upstream changes since the reference'), upstream);
    if (!alert) return;
    try {
      const cause = await get(`/api/v1/monitors/${encodeURIComponent(id)}/alerts/${alert.id}/root-cause`);
      const changes = cause.upstream_changes || [];
      upstream.replaceChildren(changes.length ? table(['Change', 'Detail'], changes.map((c) => h('tr', { 'data-testid': 'upstream-row' },
        h('td', c.kind === 'dataset_version' ? 'newer dataset version' : 'different code version'),
        h('td', c.kind === 'dataset_version'
          ? `${c.dataset} ${c.reference_version} → ${c.newer_version} (${c.created_at}, sha256 ${c.sha256.slice(0, 12)})`
          : h('span', 'reference run ', h('a', { href: '#/runs/' + c.reference_run }, c.reference_run.slice(0, 8)), ` @${c.reference_commit.slice(0, 10)} vs model run `,
            h('a', { href: '#/runs/' + c.model_run }, c.model_run.slice(0, 8)), ` @${c.model_commit.slice(0, 10)}`)))))
        : h('p.muted', `No newer dataset version or code change since the reference ${cause.reference}.`));
    } catch (error) {
      upstream.replaceChildren(errorBox(error));
    }
  }

  function drawOps() {
    const latency = reports.filter((r) => r.latency_ms);
    const series = ['p50', 'p95', 'p99'].map((q, i) => ({ name: 'latency ' + q + ' (ms)', type: 'line', symbol: 'none',
      itemStyle: { color: palette[i] }, data: latency.map((r) => [r.window_end, r.latency_ms[q]]) }));
    series.push({ name: 'cost per window', type: 'bar', yAxisIndex: 1, itemStyle: { color: '#c5cedb' },
      data: reports.map((r) => [r.window_end, r.cost]) });
    opsChart.setAttribute('aria-label', 'Chart: latency quantiles and cost per window');
    chart(opsChart, {
      title: { text: 'Latency quantiles and cost per window', textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'axis', valueFormatter: (v) => fmt(v) },
      legend: { bottom: 0 }, grid: { left: 60, right: 60, top: 36, bottom: 48 },
      xAxis: { type: 'time' }, yAxis: [{ type: 'value', name: 'ms' }, { type: 'value', name: 'cost', splitLine: { show: false } }],
      series,
    });
    opsChart.dataset.rendered = 'true';
    const labelled = reports.filter((r) => r.performance && r.performance.labelled);
    performance.replaceChildren(labelled.length
      ? table(['Window end', 'Rows', 'Labelled', 'Accuracy', 'MAE', 'RMSE', 'Latency p95 (ms)', 'Cost'], labelled.slice().reverse().map((r) => h('tr',
        h('td', fmtTime(r.window_end)), h('td.num', r.rows), h('td.num', r.performance.labelled), h('td.num', fmt(r.performance.accuracy)),
        h('td.num', fmt(r.performance.mae)), h('td.num', fmt(r.performance.rmse)), h('td.num', fmt(r.latency_ms && r.latency_ms.p95)), h('td.num', fmt(r.cost)))))
      : h('p.muted', 'No labelled events yet, so no accuracy or error per window.'));
  }
}

// The feature the newest window ranks first as root cause, if any.
function rankedFirst(reports) {
  const newest = reports[reports.length - 1];
  return newest && newest.root_cause && newest.root_cause.length ? newest.root_cause[0].feature : null;
}

function valueOf(f, statistic) {
  if (!f) return null;
  const value = statistic === 'test' ? f.value : statistic === 'null_rate' ? f.quality.null_rate : f[statistic];
  return typeof value === 'number' ? value : null;
}

// Horizontal lines at the policy's thresholds for the plotted statistic (one per severity), or
// at the default tests' thresholds when no rule targets it.
function thresholdLines(policy, statistic, reports, scale) {
  const ruleStatistic = statistic === 'test' ? 'p_value' : statistic;
  const rules = (policy.rules || []).filter((r) => r.statistic === ruleStatistic);
  const colors = { critical: '#b3261e', warning: '#e67700', info: '#5c6675' };
  const lines = rules.map((r) => ({ yAxis: scale(r.threshold), name: `${r.severity} τ=${fmt(r.threshold)}`,
    lineStyle: { color: colors[r.severity], type: 'dashed' }, label: { formatter: `${r.severity} ${fmt(r.threshold)}`, position: 'end' } }));
  if (!lines.length && statistic === 'test') {
    const thresholds = new Set(reports.flatMap((r) => r.features.map((f) => f.threshold)).filter((t) => typeof t === 'number'));
    for (const t of thresholds) {
      lines.push({ yAxis: scale(t), name: `test τ=${fmt(t)}`, lineStyle: { color: '#5c6675', type: 'dashed' }, label: { formatter: `τ ${fmt(t)}`, position: 'end' } });
    }
  }
  return lines;
}

function policyView(policy) {
  return h('div', kvTable([
    ['Multiple-testing correction', policy.correction || 'none'],
    ['Cooldown after a resolution', `${fmt(policy.cooldown_seconds)} s`],
    ['Hysteresis', fmt(policy.hysteresis)]], 'policy'),
  table(['Statistic', 'Threshold τ', 'Severity'], (policy.rules || []).map((r) => h('tr',
    h('td', r.statistic), h('td.num', fmt(r.threshold)), h('td', h('span.pill.sev-' + r.severity, r.severity))))));
}

const KIND_TEXT = {
  opened: 'opened', escalated: 'escalated', repeated: 'deduplicated (still open)',
  suppressed: 'suppressed (cooldown)', resolved: 'resolved',
};

function alertsView(monitorId, alerts, open, policy, reload) {
  if (!alerts.length) return h('p.muted', { 'data-testid': 'alerts-empty' }, 'No alerts.');
  const openIds = new Set(open.map((a) => a.id));
  const who = userFields('ack');
  const acknowledge = async (alert) => {
    if (!who.check()) return;
    try {
      await post(`/api/v1/monitors/${encodeURIComponent(monitorId)}/alerts/${alert.id}/ack`, { comment: who.comment.value }, who.headers());
      reload();
    } catch (error) {
      who.message.replaceChildren(errorBox(error));
    }
  };
  const ackCell = (a) => {
    if (a.acknowledged) return `${a.acknowledged_by || '—'}${a.ack_comment ? ': ' + a.ack_comment : ''}`;
    return openIds.has(a.id) ? h('button', { type: 'button', onclick: () => acknowledge(a), 'data-testid': 'ack' }, 'Acknowledge') : '—';
  };
  return h('div', h('p.muted', `Breaches of an open alert are deduplicated into it; a new breach within ${fmt(policy.cooldown_seconds)} s of a resolution is suppressed.`),
    open.some((a) => !a.acknowledged) ? h('div.toolbar', { 'data-testid': 'ack-form' }, h('span', 'Acknowledge open alerts'), who.fields) : null,
    table(['When', 'Severity', 'Feature', 'Statistic', 'Transition', 'Value', 'Threshold', 'State', 'Acknowledged'],
      alerts.map((a) => h('tr', { 'data-testid': 'alert-row' },
        h('td', fmtTime(a.created_time)), h('td', h('span.pill.sev-' + a.severity, a.severity)), h('td', a.feature), h('td', a.statistic),
        h('td', KIND_TEXT[a.kind] || a.kind), h('td.num', fmt(a.value)), h('td.num', fmt(a.threshold)),
        h('td', openIds.has(a.id) ? h('strong', 'open') : a.kind === 'resolved' ? 'resolved' : 'superseded'),
        h('td', ackCell(a)))), { 'data-testid': 'alerts-table' }));
}

// Steps grouped by attempt, in order: trigger → launch → run → gate decision → outcome.
function retrainView(steps, policy, reload) {
  if (!steps.length) {
    return h('p.muted', { 'data-testid': 'retrain-empty' }, policy ? 'The retraining policy has not triggered yet.' : 'No retraining policy is set for this monitor.');
  }
  const attempts = new Map();
  for (const s of steps) {
    if (!attempts.has(s.attempt_id)) attempts.set(s.attempt_id, []);
    attempts.get(s.attempt_id).push(s);
  }
  const rows = [...attempts.values()].map((list) => {
    list.sort((a, b) => a.ordinal - b.ordinal);
    const find = (name) => list.find((s) => s.step === name);
    const triggered = find('triggered') || find('vetoed');
    const linked = find('run_linked');
    const gate = find('gate_evaluated');
    const outcome = list[list.length - 1];
    const triggers = triggered && triggered.detail && triggered.detail.triggers;
    return h('tr', { 'data-testid': 'retrain-row' },
      h('td', fmtTime(list[0].time)),
      h('td', Array.isArray(triggers) ? triggers.map((t) => (typeof t === 'string' ? t : t.kind || JSON.stringify(t))).join(', ') : (triggered ? triggered.step : '—')),
      h('td', linked ? h('span', h('a', { href: '#/runs/' + linked.detail.run_id }, linked.detail.run_id.slice(0, 8)), ` → ${linked.detail.model} v${linked.detail.version}`) : '—'),
      h('td', gate ? h('span', { class: gate.detail.passed ? 'pos' : 'neg' }, `${gate.detail.gate}: ${gate.detail.passed ? 'passed' : 'failed'}`) : '—'),
      h('td', h('strong', outcome.step), outcome.detail && outcome.detail.reason ? ' — ' + outcome.detail.reason : '',
        outcome.step === 'awaiting_approval' ? h('span.muted', ' (decide below)') : null),
      h('td', h('details', h('summary', list.length + ' steps'), h('pre', list.map((s) => `${s.ordinal}. ${s.step} ${JSON.stringify(s.detail)}`).join('\n')))));
  });
  const waiting = [...attempts.values()].filter((list) => list[list.length - 1].step === 'awaiting_approval')
    .map((list) => approvalForm(list[0].attempt_id, list[list.length - 1].detail, reload));
  return h('div', table(['Started', 'Trigger', 'Run → version', 'Gate decision', 'Outcome', 'Steps'], rows, { 'data-testid': 'retrain-table' }), waiting);
}

// Name and comment of the person deciding; the server records the name from X-Mledger-User unless
// it authenticates the browser itself.
function userFields(prefix) {
  const user = h('input', { id: prefix + '-user', 'data-testid': prefix + '-user', placeholder: 'your name', size: 12,
    value: localStorage.getItem('mledger.user') || '' });
  const comment = h('input', { id: prefix + '-comment', 'data-testid': prefix + '-comment', placeholder: 'comment', size: 24 });
  const message = h('span');
  return {
    comment, message,
    fields: [h('label', { for: user.id }, 'By'), user, h('label', { for: comment.id }, 'Comment'), comment, message],
    check() {
      if (!user.value.trim()) {
        message.replaceChildren(h('span.error', { role: 'alert' }, 'Enter your name to record the decision.'));
        return false;
      }
      localStorage.setItem('mledger.user', user.value.trim());
      return true;
    },
    headers: () => ({ 'X-Mledger-User': user.value.trim() }),
  };
}

// The loop waits for a person on attempts whose policy requires approval.
function approvalForm(attemptId, detail, reload) {
  const who = userFields('approval-' + attemptId);
  const decide = async (verdict) => {
    if (!who.check()) return;
    try {
      await post(`/api/v1/monitors/retrain-attempts/${attemptId}/${verdict}`, { comment: who.comment.value }, who.headers());
      await waitUntilSettled(attemptId);
      reload();
    } catch (error) {
      who.message.replaceChildren(errorBox(error));
    }
  };
  return h('div.toolbar.card', { 'data-testid': 'approval' },
    h('strong', `${detail.model} v${detail.version} passed the gate and waits for approval.`), who.fields,
    h('button.primary', { type: 'button', onclick: () => decide('approve'), 'data-testid': 'approve' }, 'Approve and promote'),
    h('button', { type: 'button', onclick: () => decide('reject'), 'data-testid': 'reject' }, 'Reject'));
}

async function waitUntilSettled(attemptId) {
  for (let i = 0; i < 50; i++) {
    const { attempt } = await get(`/api/v1/monitors/retrain-attempts/${attemptId}`);
    if (['promoted', 'kept', 'failed'].includes(attempt.state)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
