// Monitors: what each one watches, its newest window and the alerts still open, by severity.
import { get } from '../api.js';
import { h, fmt, fmtTime, table, errorBox } from '../dom.js';
import { openAlerts, severityPills, windowText } from './monitoring.js';

export async function render(main) {
  const { monitors } = await get('/api/v1/monitors');
  if (!monitors.length) {
    main.replaceChildren(h('h1', 'Monitors'), h('p.muted', 'No monitors yet. Create one with ',
      h('code', 'mledger monitor create monitor.json'), ' or POST /api/v1/monitors.'));
    return;
  }
  const rows = monitors.map((m) => {
    const status = h('td', { 'data-testid': 'monitor-status' }, '…');
    const last = h('td', '…');
    const alerts = h('td', { 'data-testid': 'monitor-alerts' }, '…');
    Promise.all([get(`/api/v1/monitors/${m.id}/reports`, { limit: 1 }), get(`/api/v1/monitors/${m.id}/alerts`, { limit: 1000 })])
      .then(([{ reports }, { alerts: list }]) => {
        const report = reports[0];
        const open = openAlerts(list);
        last.replaceChildren(report ? `${fmtTime(report.window_end)} · ${report.rows} rows · drift share ${fmt(report.drift_share)}` : '—');
        status.replaceChildren(statusPill(report, open));
        alerts.replaceChildren(open.length ? h('span', severityPills(open)) : h('span.muted', 'none'));
      })
      .catch((error) => status.replaceChildren(errorBox(error)));
    return h('tr', { 'data-testid': 'monitor-row' },
      h('td', h('a', { href: '#/monitors/' + encodeURIComponent(m.id), 'data-testid': 'monitor-link' }, m.name)),
      h('td', h('a', { href: '#/models/' + encodeURIComponent(m.model) }, m.model), m.version ? ' v' + m.version : ''),
      h('td', windowText(m.window)), h('td.num', fmt(m.events)), status, last, alerts);
  });
  main.replaceChildren(h('h1', 'Monitors'),
    table(['Monitor', 'Model / endpoint', 'Window', 'Events', 'Status', 'Last window', 'Open alerts'], rows, { 'data-testid': 'monitors-table' }));
}

function statusPill(report, open) {
  if (!report) return h('span.pill', 'waiting for a full window');
  if (open.some((a) => a.severity === 'critical')) return h('span.pill.sev-critical', 'critical');
  if (open.length) return h('span.pill.sev-warning', 'alerting');
  return h('span.pill.sev-ok', report.drifted_features > 0 ? 'drift below alert thresholds' : 'healthy');
}
