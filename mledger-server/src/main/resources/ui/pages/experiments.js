import { get, post, mlflow } from '../api.js';
import { h, fmtTime, table } from '../dom.js';

export async function render(main) {
  const experiments = [];
  let token;
  do {
    const page = await post(mlflow('experiments/search'),
      { max_results: 1000, order_by: ['last_update_time DESC'], page_token: token });
    experiments.push(...(page.experiments || []));
    token = page.next_page_token;
  } while (token);
  const filter = h('input', { type: 'search', placeholder: 'Filter by name…', 'aria-label': 'Filter experiments', 'data-testid': 'experiment-filter' });
  const rows = experiments.map((e) => h('tr', { dataset: { name: e.name.toLowerCase() } },
    h('td', h('a', { href: '#/experiments/' + encodeURIComponent(e.experiment_id), 'data-testid': 'experiment-link' }, e.name)),
    h('td.num', e.experiment_id),
    h('td', fmtTime(Number(e.creation_time))),
    h('td', fmtTime(Number(e.last_update_time))),
    h('td', (e.tags || []).filter((t) => !t.key.startsWith('mlflow.')).map((t) => h('span.pill', t.key + '=' + t.value)))));
  filter.addEventListener('input', () => {
    const q = filter.value.toLowerCase();
    rows.forEach((r) => { r.hidden = !r.dataset.name.includes(q); });
  });
  main.replaceChildren(
    h('h1', 'Experiments'),
    h('div.toolbar', filter, h('span.muted', experiments.length + ' experiments')),
    table(['Name', 'ID', 'Created', 'Updated', 'Tags'], rows, { 'data-testid': 'experiments-table' }));
  filter.focus();
}
