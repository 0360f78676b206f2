import { get, mlflow } from '../api.js';
import { h, fmtTime, table } from '../dom.js';

export async function render(main) {
  const models = [];
  let token;
  do {
    const page = await get(mlflow('registered-models/search'), token ? { max_results: 1000, page_token: token } : { max_results: 1000 });
    models.push(...(page.registered_models || []));
    token = page.next_page_token;
  } while (token);
  main.replaceChildren(h('h1', 'Registered models'),
    models.length ? table(['Name', 'Latest versions', 'Aliases', 'Updated'], models.map((m) => h('tr',
      h('td', h('a', { href: '#/models/' + encodeURIComponent(m.name), 'data-testid': 'model-link' }, m.name)),
      h('td', (m.latest_versions || []).map((v) => h('span.pill', 'v' + v.version + ' ' + v.current_stage))),
      h('td', (m.aliases || []).map((a) => h('span.pill', '@' + a.alias + ' → v' + a.version))),
      h('td', fmtTime(Number(m.last_updated_timestamp))))), { 'data-testid': 'models-table' })
      : h('p.muted', 'No registered models yet.'));
}
