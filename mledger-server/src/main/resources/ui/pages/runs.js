// Runs of one experiment: server-side search (our filter grammar, OR included), sorting, a column
// chooser and paging, so an experiment with many thousands of runs stays responsive.
import { get, post, mlflow } from '../api.js';
import { h, fmt, fmtTime, errorBox } from '../dom.js';

const PAGE_SIZES = [50, 100, 250, 500];
const quoteKey = (key) => '`' + key.replace(/`/g, '') + '`';

export async function render(main, [experimentId], query) {
  const exp = await get(mlflow('experiments/get'), { experiment_id: experimentId });
  const state = {
    filter: query.get('filter') || '',
    order: query.get('order') || 'attributes.start_time DESC',
    size: Number(query.get('size')) || 100,
    tokens: [null],
    page: 0,
    columns: null,
    selected: new Set(),
  };

  const filterInput = h('input', {
    type: 'search', value: state.filter, 'aria-label': 'Run filter', 'data-testid': 'run-filter',
    placeholder: "metrics.rmse < 0.5 and params.model = 'ridge' OR tags.team = 'x'",
  });
  const status = h('span.muted', { 'data-testid': 'run-count' });
  const message = h('div');
  const tableHost = h('div');
  const pager = h('div.toolbar');
  const compareButton = h('button.primary', { disabled: true, 'data-testid': 'compare-selected' }, 'Compare selected');
  const chooser = h('div.chooser');
  const sizeSelect = h('select', { 'aria-label': 'Runs per page' },
    PAGE_SIZES.map((n) => h('option', { value: n, selected: n === state.size }, n + ' / page')));

  filterInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { state.filter = filterInput.value.trim(); restart(); }
  });
  sizeSelect.addEventListener('change', () => { state.size = Number(sizeSelect.value); restart(); });
  compareButton.addEventListener('click', () => {
    location.hash = '#/compare?runs=' + [...state.selected].join(',');
  });

  main.replaceChildren(
    h('div.crumbs', h('a', { href: '#/experiments' }, 'Experiments'), ' / ', exp.experiment.name),
    h('h1', { 'data-testid': 'experiment-title' }, exp.experiment.name),
    h('div.toolbar', filterInput, h('button', { onclick: () => { state.filter = filterInput.value.trim(); restart(); } }, 'Search'),
      chooser, sizeSelect, compareButton),
    message, h('div.toolbar', status), tableHost, pager);

  function restart() {
    state.tokens = [null];
    state.page = 0;
    const params = new URLSearchParams({ filter: state.filter, order: state.order, size: state.size });
    history.replaceState(null, '', '#/experiments/' + encodeURIComponent(experimentId) + '?' + params);
    load();
  }

  async function load() {
    message.replaceChildren();
    let result;
    try {
      result = await post(mlflow('runs/search'), {
        experiment_ids: [experimentId], filter: state.filter, order_by: [state.order],
        max_results: state.size, page_token: state.tokens[state.page] || undefined,
      });
    } catch (error) {
      message.replaceChildren(errorBox(error));
      tableHost.replaceChildren();
      status.textContent = '';
      return;
    }
    const runs = result.runs || [];
    state.tokens[state.page + 1] = result.next_page_token || null;
    if (!state.columns) state.columns = defaultColumns(runs);
    renderChooser(runs);
    renderTable(runs);
    const first = state.page * state.size + 1;
    status.textContent = runs.length
      ? `Runs ${first}–${first + runs.length - 1}${result.next_page_token ? ' (more on next page)' : ''}`
      : 'No runs match.';
    pager.replaceChildren(
      h('button', { disabled: state.page === 0, 'data-testid': 'prev-page', onclick: () => { state.page--; load(); } }, '← Previous'),
      h('span.muted', 'Page ' + (state.page + 1)),
      h('button', { disabled: !result.next_page_token, 'data-testid': 'next-page', onclick: () => { state.page++; load(); } }, 'Next →'));
  }

  function defaultColumns(runs) {
    const metrics = new Set();
    const params = new Set();
    for (const run of runs) {
      (run.data.metrics || []).forEach((m) => metrics.add(m.key));
      (run.data.params || []).forEach((p) => params.add(p.key));
    }
    return [...[...metrics].sort().slice(0, 4).map((k) => 'metrics.' + k),
      ...[...params].sort().slice(0, 4).map((k) => 'params.' + k)];
  }

  function renderChooser(runs) {
    const available = new Set(state.columns);
    for (const run of runs) {
      (run.data.metrics || []).forEach((m) => available.add('metrics.' + m.key));
      (run.data.params || []).forEach((p) => available.add('params.' + p.key));
      (run.data.tags || []).filter((t) => !t.key.startsWith('mlflow.')).forEach((t) => available.add('tags.' + t.key));
    }
    const panel = h('div.panel', { hidden: true, 'data-testid': 'column-panel' },
      [...available].sort().map((column) => {
        const box = h('input', { type: 'checkbox', checked: state.columns.includes(column), dataset: { column } });
        box.addEventListener('change', () => {
          state.columns = box.checked ? [...state.columns, column] : state.columns.filter((c) => c !== column);
          load();
        });
        return h('label', box, ' ', column);
      }));
    const toggle = h('button', { 'aria-expanded': 'false', 'data-testid': 'choose-columns' }, 'Columns ▾');
    toggle.addEventListener('click', () => {
      panel.hidden = !panel.hidden;
      toggle.setAttribute('aria-expanded', String(!panel.hidden));
    });
    panel.addEventListener('keydown', (e) => { if (e.key === 'Escape') { panel.hidden = true; toggle.focus(); } });
    const wasOpen = chooser.querySelector('.panel') && !chooser.querySelector('.panel').hidden;
    panel.hidden = !wasOpen;
    chooser.replaceChildren(toggle, panel);
  }

  function sortKey(column) {
    if (column === 'run_name') return 'attributes.run_name';
    if (column === 'start_time') return 'attributes.start_time';
    const dot = column.indexOf('.');
    return column.slice(0, dot) + '.' + quoteKey(column.slice(dot + 1));
  }

  function header(label, column) {
    const key = sortKey(column);
    const [currentKey, direction] = state.order.split(/ (?=ASC$|DESC$)/);
    const sorted = currentKey === key;
    const th = h('th.sortable', {
      tabindex: 0, 'data-testid': 'sort-' + column,
      'aria-sort': sorted ? (direction === 'ASC' ? 'ascending' : 'descending') : 'none',
      class: column.startsWith('metrics.') ? 'sortable num' : 'sortable',
    }, label);
    const toggle = () => {
      state.order = key + (sorted && direction === 'DESC' ? ' ASC' : ' DESC');
      restart();
    };
    th.addEventListener('click', toggle);
    th.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); } });
    return th;
  }

  function cell(run, column) {
    const dot = column.indexOf('.');
    const kind = column.slice(0, dot);
    const key = column.slice(dot + 1);
    const found = (run.data[kind] || []).find((x) => x.key === key);
    if (kind === 'metrics') return h('td.num', found ? fmt(found.value) : '—');
    return h('td', found ? found.value : '—');
  }

  function renderTable(runs) {
    const all = h('input', { type: 'checkbox', 'aria-label': 'Select all runs on this page' });
    all.addEventListener('change', () => {
      runs.forEach((r) => (all.checked ? state.selected.add(r.info.run_id) : state.selected.delete(r.info.run_id)));
      renderTable(runs);
    });
    const rows = runs.map((run) => {
      const box = h('input', { type: 'checkbox', checked: state.selected.has(run.info.run_id), 'aria-label': 'Select ' + run.info.run_name, 'data-testid': 'select-run' });
      box.addEventListener('change', () => {
        box.checked ? state.selected.add(run.info.run_id) : state.selected.delete(run.info.run_id);
        updateCompare();
      });
      const parent = (run.data.tags || []).find((t) => t.key === 'mlflow.parentRunId');
      return h('tr', { 'data-testid': 'run-row' },
        h('td', box),
        h('td', parent ? '↳ ' : '', h('a', { href: '#/runs/' + run.info.run_id, 'data-testid': 'run-link' }, run.info.run_name || run.info.run_id)),
        h('td', fmtTime(Number(run.info.start_time))),
        h('td', run.info.status),
        state.columns.map((c) => cell(run, c)));
    });
    tableHost.replaceChildren(h('div.tablewrap', h('table', { 'data-testid': 'runs-table' },
      h('thead', h('tr', h('th', all), header('Run', 'run_name'), header('Started', 'start_time'), h('th', 'Status'),
        state.columns.map((c) => header(c.replace(/^(metrics|params|tags)\./, ''), c)))),
      h('tbody', rows))));
    updateCompare();
  }

  function updateCompare() {
    compareButton.disabled = state.selected.size < 2;
    compareButton.textContent = `Compare selected (${state.selected.size})`;
  }

  await load();
}
