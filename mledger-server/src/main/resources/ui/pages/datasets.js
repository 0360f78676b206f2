// Every versioned dataset with what its current version is: size, owner, license, freshness.
import { get } from '../api.js';
import { h, fmt, fmtTime, table } from '../dom.js';
import { fmtBytes, fmtAge } from '../units.js';

export async function render(main) {
  const { datasets } = await get('/api/v1/datasets');
  const filter = h('input', { type: 'search', placeholder: 'Filter by name, owner or license…', 'aria-label': 'Filter datasets', 'data-testid': 'dataset-filter' });
  const rows = datasets.map((d) => h('tr', { 'data-testid': 'dataset-row', dataset: { text: [d.name, d.owner, d.license].join(' ').toLowerCase() } },
    h('td', h('a', { href: '#/datasets/' + encodeURIComponent(d.name), 'data-testid': 'dataset-link' }, d.name)),
    h('td', h('span.pill', { title: 'Latest version' }, 'v' + d.latest_version),
      d.current_version !== d.latest_version ? h('span.pill.warn', { title: 'Current version (rolled back)' }, 'current v' + d.current_version) : ''),
    h('td.num', fmt(d.versions)),
    h('td.num', { title: d.size === undefined ? '' : d.size + ' bytes' }, fmtBytes(d.size)),
    h('td.num', fmt(d.files)),
    h('td.num', fmt(d.rows)),
    h('td', d.owner || '—'),
    h('td', d.license || h('span.neg', 'undeclared')),
    h('td', { title: 'Current version recorded ' + fmtTime(d.created_at) }, fmtAge(d.created_at))));
  filter.addEventListener('input', () => {
    const q = filter.value.toLowerCase();
    let shown = 0;
    rows.forEach((r) => {
      r.hidden = !r.dataset.text.includes(q);
      if (!r.hidden) shown++;
    });
    count.textContent = shown + ' of ' + datasets.length + ' datasets';
  });
  const count = h('span.muted', { 'data-testid': 'dataset-count', 'aria-live': 'polite' }, datasets.length + ' datasets');
  main.replaceChildren(
    h('h1', 'Datasets'),
    ...(datasets.length
      ? [h('div.toolbar', filter, count),
        table(['Name', 'Version', 'Versions', 'Size', 'Files', 'Rows', 'Owner', 'License', 'Freshness'].map((name, i) => h(i >= 2 && i <= 5 ? 'th.num' : 'th', name)),
          rows, { 'data-testid': 'datasets-table' })]
      : [h('p.muted', 'No datasets yet. Record one with ', h('code', 'mledger data add NAME PATH'), '.')]));
  if (datasets.length) filter.focus();
}
