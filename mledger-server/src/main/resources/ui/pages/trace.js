// One trace: span tree as a waterfall, the selected span's GenAI attributes, tokens, cost, scores.
import { get } from '../api.js';
import { h, fmt, kvTable, table } from '../dom.js';
import { fmtNanos, fmtUsd, statusPill, sourceText, scoreValue } from './llm.js';
import { promptLink } from './traces.js';

const GENAI = [
  ['gen_ai.operation.name', 'Operation'], ['gen_ai.provider.name', 'Provider'], ['gen_ai.system', 'System'],
  ['gen_ai.request.model', 'Request model'], ['gen_ai.response.model', 'Response model'],
  ['gen_ai.usage.input_tokens', 'Input tokens'], ['gen_ai.usage.output_tokens', 'Output tokens'],
  ['gen_ai.usage.prompt_tokens', 'Prompt tokens (pre-1.27)'], ['gen_ai.usage.completion_tokens', 'Completion tokens (pre-1.27)'],
  ['gen_ai.request.temperature', 'Temperature'], ['gen_ai.request.max_tokens', 'Max tokens'],
  ['gen_ai.response.finish_reasons', 'Finish reasons'],
  ['mledger.prompt.version', 'Prompt version'], ['mledger.cost.usd', 'Cost (USD, explicit)'],
  ['mledger.judge.model', 'Judge model'], ['mledger.judge.version', 'Judge version'],
  ['mledger.guardrail.action', 'Guardrail action'], ['mledger.retrieval.index_version', 'Retrieval index version'],
  ['mledger.eval.set', 'Evaluation set'], ['mledger.eval.example_id', 'Evaluation example'],
];

export async function render(main, [traceId]) {
  const { trace, spans, scores } = await get('/api/v1/traces/' + encodeURIComponent(traceId));
  const rows = flatten(spans);
  const start = Number(trace.start_time_unix_nano);
  const total = Math.max(1, Number(trace.end_time_unix_nano) - start);
  const detail = h('div', { 'data-testid': 'span-detail' });
  const byId = new Map(rows.map((r) => [r.span.span_id, r]));

  const waterfall = h('div.waterfall', { 'data-testid': 'waterfall', role: 'list', 'aria-label': 'Span tree' },
    rows.map(({ span, depth }) => {
      const offset = ((Number(span.start_time_unix_nano) - start) / total) * 100;
      const width = Math.max(0.3, ((Number(span.end_time_unix_nano) - Number(span.start_time_unix_nano)) / total) * 100);
      const attrs = span.attributes || {};
      const model = attrs['gen_ai.response.model'] || attrs['gen_ai.request.model'];
      return h('div.wf-row', { role: 'listitem', 'data-testid': 'span-row', dataset: { span: span.span_id, depth: String(depth) } },
        h('button.wf-name', { style: `padding-left:${8 + depth * 16}px`, onclick: () => select(span.span_id), 'data-testid': 'span-button',
          'aria-label': `${span.name}, ${fmt(span.duration_ms)} ms${span.status === 'ERROR' ? ', failed' : ''}` },
        depth ? '└ ' : '', span.name, model ? h('span.muted', ' · ' + model) : '', span.orphan ? h('span.pill', 'orphan') : ''),
        h('div.wf-track', h('div.wf-bar', { class: span.status === 'ERROR' ? 'wf-bar error' : 'wf-bar', style: `left:${offset}%;width:${width}%` })),
        h('div.wf-dur', fmt(span.duration_ms) + ' ms'));
    }));

  main.replaceChildren(
    h('div.crumbs', h('a', { href: '#/traces' }, 'Traces'), ' / ', h('code', trace.trace_id)),
    h('h1', { 'data-testid': 'trace-title' }, trace.root_name, ' ', statusPill(trace.status, trace.error_spans)),
    h('div.grid2',
      h('section.card', h('h2', 'Trace'), kvTable([
        ['Trace ID', trace.trace_id], ['Started (UTC)', fmtNanos(trace.start_time_unix_nano)], ['Duration', fmt(trace.duration_ms) + ' ms'],
        ['Spans', trace.span_count], ['Service', trace.service_name || '—'],
        ['Prompt version', trace.prompt_version ? promptLink(trace.prompt_version) : '—'],
        ['Evaluation', trace.eval_set ? `${trace.eval_set} / ${trace.eval_example_id || '—'}` : '—']], 'trace-overview')),
      h('section.card', h('h2', 'Tokens and cost'), kvTable([
        ['Input tokens', trace.input_tokens], ['Output tokens', trace.output_tokens],
        ['Total tokens', trace.input_tokens + trace.output_tokens], ['Cost', fmtUsd(trace.cost_usd)],
        ['Spans without a price', trace.unpriced_spans]], 'trace-usage'))),
    h('section.card', h('h2', 'Span tree'), h('p.muted', 'Bars are placed on the trace\'s time line; choose a span for its attributes.'), waterfall),
    h('section.card', h('h2', 'Span'), detail),
    h('section.card', h('h2', 'Scores'), scoresView(scores, byId)));
  select(rows.length ? rows[0].span.span_id : null);

  function select(spanId) {
    waterfall.querySelectorAll('.wf-row').forEach((r) => r.classList.toggle('selected', r.dataset.span === spanId));
    waterfall.querySelectorAll('.wf-name').forEach((b) => b.setAttribute('aria-pressed', String(b.parentElement.dataset.span === spanId)));
    const row = byId.get(spanId);
    if (!row) {
      detail.replaceChildren(h('p.muted', 'This trace has no spans.'));
      return;
    }
    const span = row.span;
    const attrs = span.attributes || {};
    const known = new Set(GENAI.map(([k]) => k));
    const genai = GENAI.filter(([k]) => attrs[k] !== undefined).map(([k, label]) => [label, show(attrs[k])]);
    const other = Object.keys(attrs).filter((k) => !known.has(k)).sort().map((k) => [k, show(attrs[k])]);
    detail.dataset.span = span.span_id;
    detail.replaceChildren(
      h('h3', { 'data-testid': 'span-name' }, span.name),
      h('div.grid2',
        h('div', h('h4', 'GenAI'), kvTable(genai, 'genai-attributes')),
        h('div', h('h4', 'Span'), kvTable([['Span ID', span.span_id], ['Parent', span.parent_span_id || '—'], ['Kind', span.kind],
          ['Status', span.status + (span.status_message ? ': ' + span.status_message : '')], ['Duration', fmt(span.duration_ms) + ' ms'],
          ['Started (UTC)', fmtNanos(span.start_time_unix_nano)]], 'span-info'))),
      h('details', h('summary', `Other attributes (${other.length})`), kvTable(other, 'other-attributes')),
      span.events && span.events.length ? h('details', h('summary', `Events (${span.events.length})`), h('pre', JSON.stringify(span.events, null, 2))) : '',
      h('details', h('summary', 'Resource'), h('pre', JSON.stringify(span.resource || {}, null, 2))));
  }
}

// Depth-first order without recursion (trees can be deep); a flattened answer links by parent id.
function flatten(roots) {
  const out = [];
  if (roots.some((s) => !Array.isArray(s.children))) {
    const depth = new Map();
    for (const span of roots) {
      const d = span.parent_span_id && depth.has(span.parent_span_id) ? depth.get(span.parent_span_id) + 1 : 0;
      depth.set(span.span_id, d);
      out.push({ span, depth: d });
    }
    return out;
  }
  const stack = roots.slice().reverse().map((span) => ({ span, depth: 0 }));
  while (stack.length) {
    const item = stack.pop();
    out.push(item);
    const children = item.span.children || [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ span: children[i], depth: item.depth + 1 });
  }
  return out;
}

function show(value) {
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
}

function scoresView(scores, byId) {
  if (!scores.length) return h('p.muted', 'No scores yet.');
  return table(['Name', 'Value', 'Type', 'Source', 'On', 'Rationale'], scores.map((s) => h('tr', { 'data-testid': 'score-row' },
    h('td', s.name), h('td.num', scoreValue(s)), h('td', s.value_type), h('td', { 'data-testid': 'score-source' }, sourceText(s.source)),
    h('td', s.span_id ? (byId.get(s.span_id) ? byId.get(s.span_id).span.name : s.span_id) : 'trace'),
    h('td', s.rationale || '—'))), { 'data-testid': 'scores-table' });
}
