// Hash router: every page is a module exporting render(main, params, query).
import { h, errorBox } from './dom.js';

const routes = [
  [/^\/experiments$/, 'experiments', () => import('./pages/experiments.js')],
  [/^\/experiments\/([^/]+)$/, 'experiments', () => import('./pages/runs.js')],
  [/^\/runs\/([^/]+)$/, 'experiments', () => import('./pages/run.js')],
  [/^\/compare$/, 'experiments', () => import('./pages/compare.js')],
  [/^\/models$/, 'models', () => import('./pages/models.js')],
  [/^\/models\/(.+)$/, 'models', () => import('./pages/model.js')],
  [/^\/monitors$/, 'monitors', () => import('./pages/monitors.js')],
  [/^\/monitors\/([^/]+)$/, 'monitors', () => import('./pages/monitor.js')],
  [/^\/traces$/, 'traces', () => import('./pages/traces.js')],
  [/^\/traces\/([^/]+)$/, 'traces', () => import('./pages/trace.js')],
  [/^\/prompts$/, 'prompts', () => import('./pages/prompts.js')],
  [/^\/prompts\/([^/]+)$/, 'prompts', () => import('./pages/prompt.js')],
  [/^\/datasets$/, 'datasets', () => import('./pages/datasets.js')],
  [/^\/datasets\/([^/]+)$/, 'datasets', () => import('./pages/dataset.js')],
  [/^\/datasets\/([^/]+)\/diff$/, 'datasets', () => import('./pages/dataset-diff.js')],
  [/^\/lineage$/, 'lineage', () => import('./pages/lineage.js')],
  [/^\/audit$/, 'audit', () => import('./pages/audit.js')],
];

let renderId = 0;

async function route() {
  const hash = location.hash.replace(/^#/, '') || '/experiments';
  const [path, search] = hash.split('?');
  const main = document.getElementById('main');
  const id = ++renderId;
  for (const [pattern, section, load] of routes) {
    const match = pattern.exec(path);
    if (!match) continue;
    document.querySelectorAll('[data-nav]').forEach((a) =>
      a.classList.toggle('active', a.dataset.nav === section));
    try {
      const page = await load();
      if (id !== renderId) return;
      main.replaceChildren(h('p.muted', 'Loading…'));
      const params = match.slice(1).map(decodeURIComponent);
      await page.render(main, params, new URLSearchParams(search || ''), () => id !== renderId);
    } catch (error) {
      if (id === renderId) main.replaceChildren(errorBox(error));
    }
    return;
  }
  main.replaceChildren(h('h1', 'Not found'), h('p', 'No page at ', h('code', path), '.'));
}

window.addEventListener('hashchange', route);
if (!location.hash) history.replaceState(null, '', '#/experiments');
route();
