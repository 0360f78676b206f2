// Helpers shared by the trace and prompt pages (not a route).
import { h, fmt } from '../dom.js';

export function fmtNanos(nanos) {
  return nanos ? new Date(Number(nanos) / 1e6).toISOString().replace('T', ' ').slice(0, 23) : '—';
}

export function fmtUsd(value) {
  if (value === null || value === undefined) return '—';
  return '$' + (value !== 0 && Math.abs(value) < 0.01 ? value.toPrecision(3) : value.toFixed(4));
}

export function statusPill(status, errorSpans) {
  const cls = status === 'ERROR' ? 'span.pill.sev-critical' : status === 'OK' ? 'span.pill.sev-ok' : 'span.pill';
  return h('span', h(cls, status), errorSpans ? h('span.muted', ` ${errorSpans} failed span${errorSpans > 1 ? 's' : ''}`) : null);
}

export function sourceText(source) {
  if (source.type === 'llm_judge') return `LLM judge ${source.name} (${source.version})`;
  if (source.type === 'human') return `human: ${source.name}`;
  return `code: ${source.name}`;
}

export function scoreValue(score) {
  return score.value_type === 'boolean' ? String(score.value) : fmt(score.value);
}
