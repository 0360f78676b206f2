// Helpers shared by the monitor pages (not a route).
import { h } from '../dom.js';

export const SEVERITIES = ['critical', 'warning', 'info'];

// The alert log holds transitions; an alert is open while the newest transition of its
// (feature, statistic) key is anything but a resolution.
export function openAlerts(alerts) {
  const newest = new Map();
  for (const a of alerts) {
    const key = a.feature + '\u0000' + a.statistic;
    const seen = newest.get(key);
    if (!seen || a.created_time > seen.created_time) newest.set(key, a);
  }
  return [...newest.values()].filter((a) => a.kind !== 'resolved');
}

export function severityPills(open) {
  return SEVERITIES.map((s) => {
    const n = open.filter((a) => a.severity === s).length;
    return n ? h('span.pill.sev-' + s, { 'data-severity': s }, `${n} ${s}`) : null;
  });
}

export function windowText(window) {
  if (!window) return '—';
  if (window.count) return `every ${window.count} events`;
  const s = window.duration_seconds;
  return s % 3600 === 0 ? `${s / 3600} h buckets` : s % 60 === 0 ? `${s / 60} min buckets` : `${s} s buckets`;
}
