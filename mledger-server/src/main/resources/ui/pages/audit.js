// The hash-chained audit log, newest first: filter by subject type and actor, page with the
// server's cursor, expand an entry's details, and re-verify the whole chain.
import { get } from '../api.js';
import { h, fmtTime, table, errorBox } from '../dom.js';

const PAGE = 50;

export async function render(main, params, query) {
  const type = query.get('type') || '';
  const actor = query.get('actor') || '';
  // `before` is the cursor of the shown page; `trail` the cursors of the newer pages ('0' for the
  // newest), so that "Newer" can go back.
  const before = query.get('before') || '';
  const trail = (query.get('trail') || '').split(',').filter(Boolean);
  const go = (next) => {
    const q = Object.entries({ type, actor, before, trail: trail.join(','), ...next }).filter(([, v]) => v);
    location.hash = '#/audit' + (q.length ? '?' + new URLSearchParams(q) : '');
  };

  const [facets, page] = await Promise.all([
    get('/api/v1/audit/facets'),
    get('/api/v1/audit', { order: 'desc', limit: PAGE, ...(type ? { subject_type: type } : {}), ...(actor ? { actor } : {}), ...(before ? { before } : {}) }),
  ]);
  const choose = (label, testid, values, value, key) => h('label', label + ' ',
    h('select', { 'data-testid': testid, onchange: (e) => go({ [key]: e.target.value, before: '', trail: '' }) },
      h('option', { value: '' }, 'all'), values.map((v) => h('option', { value: v, selected: v === value }, v))));

  const entries = page.entries;
  const first = trail.length * PAGE + 1;
  const status = entries.length
    ? `Entries ${first}–${first + entries.length - 1} of ${page.total}, newest first`
    : 'No entries match.';
  const verifyResult = h('div', { 'data-testid': 'verify-result', 'aria-live': 'polite' });
  const verifyButton = h('button.primary', { 'data-testid': 'verify-chain', onclick: () => verify(verifyButton, verifyResult) }, 'Verify chain');

  main.replaceChildren(
    h('h1', 'Audit log'),
    h('p.muted', 'Every registry, gate and dataset change, appended to a SHA-256 hash chain: each entry hashes its content and the previous entry\'s hash, so an edit, deletion or reordering breaks the chain.'),
    h('div.toolbar',
      choose('Entity type', 'audit-type', facets.subject_types, type, 'type'),
      choose('Actor', 'audit-actor', facets.actors, actor, 'actor'),
      h('span.muted', { 'data-testid': 'audit-count' }, status),
      h('span', { style: 'flex:1' }), verifyButton),
    verifyResult,
    entries.length ? table(['#', 'Time', 'Actor', 'Action', 'Entity', 'Hash', ''],
      entries.map((e) => entryRows(e)).flat(), { 'data-testid': 'audit-table' }) : h('p.muted', { 'data-testid': 'audit-empty' }, 'No entries match.'),
    h('div.toolbar', { style: 'margin-top:8px' },
      h('button', { 'data-testid': 'newer-page', disabled: !trail.length,
        onclick: () => go({ before: trail[trail.length - 1] === '0' ? '' : trail[trail.length - 1], trail: trail.slice(0, -1).join(',') }) }, '← Newer'),
      h('button', { 'data-testid': 'older-page', disabled: page.next_before === null,
        onclick: () => go({ before: String(page.next_before), trail: [...trail, before || '0'].join(',') }) }, 'Older →')));
}

function entryRows(e) {
  const detail = h('tr.detail', { hidden: true }, h('td', { colspan: 7 },
    h('p', 'Hash ', h('code', e.hash), h('br'), 'Previous ', h('code', e.previousHash)),
    h('pre', JSON.stringify(e.details, null, 2))));
  const toggle = h('button', { 'aria-expanded': 'false', 'aria-label': 'Details of entry ' + e.sequence, onclick: () => {
    detail.hidden = !detail.hidden;
    toggle.setAttribute('aria-expanded', String(!detail.hidden));
  } }, 'Details');
  return [h('tr', { 'data-testid': 'audit-row', dataset: { sequence: e.sequence } },
    h('td.num', e.sequence), h('td', fmtTime(e.timestamp)), h('td', e.actor), h('td', h('code', e.action)),
    h('td', h('span.pill', e.subjectType), ' ', entityLink(e)),
    h('td', h('code', { title: e.hash }, e.hash.slice(0, 12))), h('td', toggle)), detail];
}

function entityLink(e) {
  const id = e.subjectId;
  if (e.subjectType === 'registered_model') return h('a', { href: '#/models/' + encodeURIComponent(id) }, id);
  if (e.subjectType === 'model_version' && id.includes('/')) {
    return h('a', { href: '#/models/' + encodeURIComponent(id.slice(0, id.lastIndexOf('/'))) }, id);
  }
  if (e.subjectType === 'dataset' && id !== '?') {
    const [name, version] = id.split('@');
    return h('a', { href: '#/datasets/' + encodeURIComponent(name) + (version ? '?version=' + encodeURIComponent(version) : '') }, id);
  }
  return id;
}

async function verify(button, host) {
  button.disabled = true;
  host.replaceChildren(h('p.muted', 'Verifying every entry…'));
  try {
    const result = await get('/api/v1/audit/verify');
    host.replaceChildren(result.intact
      ? h('p.verified', { 'data-testid': 'verify-ok' }, `✓ Chain intact: ${result.entries} entries verified; head #${result.head_sequence} `,
        h('code', result.head_hash), '. Record the head hash to detect a truncated tail later (', h('code', 'mledger audit verify --expect-head'), ').')
      : h('p.error', { role: 'alert', 'data-testid': 'verify-broken' },
        `✗ Chain broken at entry #${result.sequence} (${result.problem.replace('_', ' ')}): ${result.message} ${result.entries_checked} entries verified before it.`));
  } catch (error) {
    host.replaceChildren(errorBox(error));
  } finally {
    button.disabled = false;
  }
}
