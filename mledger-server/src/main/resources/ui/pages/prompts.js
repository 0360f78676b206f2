// Prompt registry: every prompt with its newest version and aliases.
import { get } from '../api.js';
import { h, fmtTime, table } from '../dom.js';

export async function render(main) {
  const { prompts } = await get('/api/v1/prompts');
  main.replaceChildren(h('h1', 'Prompts'),
    prompts.length ? table(['Prompt', 'Description', 'Latest version', 'Aliases', 'Updated'], prompts.map((p) => h('tr', { 'data-testid': 'prompt-row' },
      h('td', h('a', { href: '#/prompts/' + encodeURIComponent(p.name), 'data-testid': 'prompt-link' }, p.name)),
      h('td', p.description || '—'), h('td.num', p.latest_version ? 'v' + p.latest_version : '—'),
      h('td', Object.entries(p.aliases || {}).map(([alias, v]) => h('span.pill', '@' + alias + ' → v' + v))),
      h('td', fmtTime(p.last_updated_time)))), { 'data-testid': 'prompts-table' })
      : h('p.muted', 'No prompts yet. Register one with ', h('code', "mledger prompts create NAME --template '...'"), '.'));
}
