// LLM traces: filters kept in the URL, the matching traces (newest first) and their aggregates.
import { get } from '../api.js';
import { h, fmt, table, errorBox } from '../dom.js';
import { fmtNanos, fmtUsd, statusPill } from './llm.js';

// Query parameter, label, input type, placeholder.
const FILTERS = [
  ['model', 'Model', 'text', 'gpt-4o'],
  ['operation', 'Operation', 'text', 'chat'],
  ['prompt_version', 'Prompt version', 'text', 'prompts:/qa/3'],
  ['status', 'Status', 'select', ''],
  ['from', 'From', 'datetime-local', ''],
  ['to', 'To', 'datetime-local', ''],
];

export async function render(main, params, query) {
  const inputs = {};
  const form = h('form.toolbar', { 'data-testid': 'trace-filters', onsubmit: (e) => { e.preventDefault(); apply(); } },
    FILTERS.map(([name, label, type, placeholder]) => {
      const id = 'trace-filter-' + name;
      const input = type === 'select'
        ? h('select', { id, 'data-testid': 'filter-' + name }, ['', 'OK', 'ERROR', 'UNSET'].map((s) => h('option', { value: s, selected: query.get(name) === s }, s || 'any')))
        : h('input', { id, type, placeholder, value: query.get(name) || '', 'data-testid': 'filter-' + name, size: type === 'text' ? 14 : undefined });
      inputs[name] = input;
      return h('label', { for: id }, label + ' ', input);
    }),
    h('button.primary', { type: 'submit', 'data-testid': 'apply-filters' }, 'Apply'),
    h('a.button', { href: '#/traces' }, 'Clear'));

  const api = {};
  for (const [name] of FILTERS) {
    const value = query.get(name);
    if (!value) continue;
    if (name === 'from') api.start_after_ms = Date.parse(value + 'Z');
    else if (name === 'to') api.start_before_ms = Date.parse(value + 'Z');
    else api[name] = value;
  }
  const pageSize = Math.min(1000, Math.max(1, Number(query.get('limit')) || 200));
  const before = Number(query.get('before_ms'));
  const listQuery = { ...api, max_results: pageSize };
  if (before) listQuery.start_before_ms = api.start_before_ms ? Math.min(api.start_before_ms, before) : before;
  const aggregates = h('div', { 'data-testid': 'trace-aggregates' }, h('p.muted', 'Loading…'));
  const list = h('div', { 'data-testid': 'trace-list' }, h('p.muted', 'Loading…'));
  main.replaceChildren(h('h1', 'LLM traces'), form, h('p.muted', 'Times are UTC.'),
    h('section.card', h('h2', 'Aggregates over every matching trace'), aggregates), list);

  get('/api/v1/traces/aggregate', api).then((a) => aggregates.replaceChildren(aggregateView(a)))
    .catch((error) => aggregates.replaceChildren(errorBox(error)));
  try {
    const { traces } = await get('/api/v1/traces', listQuery);
    const older = () => {
      // The next page starts at the last trace's millisecond, so a trace sharing it is shown twice
      // rather than skipped.
      const q = new URLSearchParams(query);
      q.set('before_ms', String(Math.floor(Number(traces[traces.length - 1].start_time_unix_nano) / 1e6) + 1));
      return '#/traces?' + q;
    };
    const newest = new URLSearchParams(query);
    newest.delete('before_ms');
    const paging = h('div.toolbar', { 'data-testid': 'trace-paging' },
      h('span.muted', { 'data-testid': 'trace-count' }, `${traces.length} trace${traces.length === 1 ? '' : 's'}${before ? ` started before ${fmtNanos(before * 1e6)}` : ''}, newest first`),
      before ? h('a.button', { href: '#/traces' + (newest.toString() ? '?' + newest : ''), 'data-testid': 'newest-traces' }, 'Newest') : null,
      traces.length === pageSize ? h('a.button', { href: older(), 'data-testid': 'older-traces' }, 'Older →') : null);
    list.replaceChildren(traces.length
      ? h('div', paging,
        table(['Trace', 'Started (UTC)', 'Duration', 'Status', 'Spans', 'Tokens in / out', 'Cost', 'Prompt version', 'Service'],
          traces.map((t) => h('tr', { 'data-testid': 'trace-row' },
            h('td', h('a', { href: '#/traces/' + t.trace_id, 'data-testid': 'trace-link' }, t.root_name), ' ', h('code.muted', t.trace_id.slice(0, 8))),
            h('td', fmtNanos(t.start_time_unix_nano)), h('td.num', fmt(t.duration_ms) + ' ms'), h('td', statusPill(t.status, t.error_spans)),
            h('td.num', t.span_count), h('td.num', `${t.input_tokens} / ${t.output_tokens}`), h('td.num', fmtUsd(t.cost_usd)),
            h('td', t.prompt_version ? promptLink(t.prompt_version) : '—'), h('td', t.service_name || '—'))), { 'data-testid': 'traces-table' }))
      : h('p.muted', 'No traces match. Send OTLP/HTTP spans to POST /v1/traces.'));
  } catch (error) {
    list.replaceChildren(errorBox(error));
  }

  function apply() {
    const q = new URLSearchParams();
    for (const [name] of FILTERS) if (inputs[name].value) q.set(name, inputs[name].value.trim());
    location.hash = '#/traces' + (q.toString() ? '?' + q : '');
  }
}

export function promptLink(uri) {
  const match = /^prompts:\/([^/@]+)\/(\d+)$/.exec(uri);
  return match ? h('a', { href: `#/prompts/${encodeURIComponent(match[1])}?version=${match[2]}` }, uri) : uri;
}

function aggregateView(a) {
  const cell = (label, value, testid) => h('div.stat', { 'data-testid': testid }, h('div.muted', label), h('strong', value));
  return h('div.stats',
    cell('Traces', `${a.trace_count} (${a.success_count} ok, ${a.error_count} failed)`, 'agg-count'),
    cell('Latency p50', fmt(a.latency_p50_ms) + ' ms', 'agg-p50'), cell('p95', fmt(a.latency_p95_ms) + ' ms', 'agg-p95'),
    cell('p99', fmt(a.latency_p99_ms) + ' ms', 'agg-p99'),
    cell('Tokens in / out', `${a.input_tokens} / ${a.output_tokens}`, 'agg-tokens'),
    cell('Total cost', fmtUsd(a.cost_usd), 'agg-cost'), cell('Cost per trace', fmtUsd(a.cost_per_trace_usd), 'agg-cost-trace'),
    cell('Cost per successful task', fmtUsd(a.cost_per_successful_task_usd), 'agg-cost-task'),
    a.unpriced_traces ? cell('Unpriced traces', a.unpriced_traces, 'agg-unpriced') : null);
}
