// One prompt: versions with templates, variables and commit messages, aliases, a diff between two
// versions and the paired comparison of two versions on the same evaluation set.
import { get, post } from '../api.js';
import { h, fmt, fmtTime, kvTable, table, errorBox } from '../dom.js';

export async function render(main, [name], query) {
  const { prompt, versions } = await get('/api/v1/prompts/' + encodeURIComponent(name));
  if (!versions.length) {
    main.replaceChildren(crumbs(name), h('h1', name), h('p.muted', 'This prompt has no versions yet.'));
    return;
  }
  const numbers = versions.map((v) => v.version);
  const pick = (key, fallback) => (numbers.includes(Number(query.get(key))) ? Number(query.get(key)) : fallback);
  const state = {
    version: pick('version', numbers[0]),
    a: pick('a', numbers[0]),
    b: pick('b', numbers[Math.min(1, numbers.length - 1)]),
  };
  const aliasesOf = (v) => Object.entries(prompt.aliases || {}).filter(([, n]) => n === v).map(([a]) => h('span.pill', { 'data-testid': 'prompt-alias' }, '@' + a));
  const shown = h('div', { 'data-testid': 'version-detail' });
  const diff = h('div', { 'data-testid': 'prompt-diff' });
  const versionSelect = (id, key) => h('select', { id, 'data-testid': id, onchange: (e) => { state[key] = Number(e.target.value); remember(); drawDiff(); } },
    versions.map((v) => h('option', { value: v.version, selected: v.version === state[key] }, `v${v.version} — ${v.commit_message || 'no message'}`)));
  const selectA = versionSelect('diff-a', 'a');
  const selectB = versionSelect('diff-b', 'b');

  const rows = versions.map((v) => h('tr', { 'data-testid': 'prompt-version-row', dataset: { version: String(v.version) } },
    h('td', h('a', { href: '#', onclick: (e) => { e.preventDefault(); state.version = v.version; remember(); drawVersion(); } }, 'v' + v.version)),
    h('td', aliasesOf(v.version)), h('td', v.commit_message || '—'), h('td', (v.variables || []).map((x) => h('code.pill', x))),
    h('td', v.created_by || '—'), h('td', fmtTime(v.creation_time))));

  main.replaceChildren(crumbs(name),
    h('h1', { 'data-testid': 'prompt-title' }, name),
    prompt.description ? h('p', prompt.description) : '',
    h('section.card', h('h2', 'Versions'), table(['Version', 'Aliases', 'Commit message', 'Variables', 'Author', 'Created'], rows, { 'data-testid': 'prompt-versions' })),
    h('section.card', h('h2', 'Version'), shown),
    h('section.card', h('h2', 'Diff between two versions'),
      h('div.toolbar', h('label', { for: 'diff-a' }, 'From'), selectA, h('label', { for: 'diff-b' }, 'to'), selectB), diff),
    evaluationsSection(name),
    compareSection(name, versions));
  drawVersion();
  drawDiff();

  function remember() {
    const q = new URLSearchParams({ version: state.version, a: state.a, b: state.b });
    history.replaceState(null, '', `#/prompts/${encodeURIComponent(name)}?${q}`);
  }

  function drawVersion() {
    const v = versions.find((x) => x.version === state.version);
    rows.forEach((r) => r.classList.toggle('differs', Number(r.dataset.version) === v.version));
    shown.dataset.version = String(v.version);
    shown.replaceChildren(
      kvTable([['URI', h('code', v.uri)], ['Aliases', h('span', aliasesOf(v.version).length ? aliasesOf(v.version) : '—')],
        ['Commit message', v.commit_message || '—'], ['Variables', (v.variables || []).join(', ') || 'none'],
        ['Tags', Object.entries(v.tags || {}).map(([k, x]) => `${k}=${x}`).join(', ') || '—'],
        ['Traces', h('a', { href: '#/traces?' + new URLSearchParams({ prompt_version: v.uri }) }, 'traces that used this version')]], 'version-info'),
      h('pre', { 'data-testid': 'template' }, highlightVariables(v.template)));
  }

  function drawDiff() {
    const a = versions.find((x) => x.version === state.a);
    const b = versions.find((x) => x.version === state.b);
    const lines = lineDiff(a.template.split('\n'), b.template.split('\n'));
    const added = lines.filter((l) => l.op === '+').length;
    const removed = lines.filter((l) => l.op === '-').length;
    diff.replaceChildren(
      h('p.muted', { 'data-testid': 'diff-summary' }, a.version === b.version ? 'Same version.' : `v${a.version} → v${b.version}: ${added} line${added === 1 ? '' : 's'} added, ${removed} removed.`),
      h('pre.diff', { 'aria-label': `Diff from version ${a.version} to ${b.version}` }, lines.map((l) => h('div', {
        class: l.op === '+' ? 'add' : l.op === '-' ? 'del' : 'same', 'data-testid': l.op === '+' ? 'diff-add' : l.op === '-' ? 'diff-del' : null,
      }, (l.op === ' ' ? '  ' : l.op + ' ') + l.text))));
  }
}

function crumbs(name) {
  return h('div.crumbs', h('a', { href: '#/prompts' }, 'Prompts'), ' / ', name);
}

function highlightVariables(template) {
  const parts = [];
  const pattern = /\{\{\s*[A-Za-z_][A-Za-z0-9_.]*\s*\}\}/g;
  let last = 0;
  for (const match of template.matchAll(pattern)) {
    parts.push(template.slice(last, match.index), h('mark', match[0]));
    last = match.index + match[0].length;
  }
  parts.push(template.slice(last));
  return parts;
}

// Longest-common-subsequence line diff; templates are short, so the O(n·m) table is fine.
export function lineDiff(a, b) {
  const n = a.length;
  const m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ op: ' ', text: a[i] });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push({ op: '-', text: a[i++] });
    } else {
      out.push({ op: '+', text: b[j++] });
    }
  }
  return out;
}

// Paired comparison of two versions over the examples both answered (POST /api/v1/prompts/compare).
function compareSection(name, versions) {
  const result = h('div', { 'data-testid': 'compare-result' });
  const uri = (v) => `prompts:/${name}/${v}`;
  const options = () => versions.map((v) => h('option', { value: v.version }, 'v' + v.version));
  const a = h('select', { id: 'cmp-a', 'data-testid': 'cmp-a' }, options());
  const b = h('select', { id: 'cmp-b', 'data-testid': 'cmp-b' }, options());
  if (versions.length > 1) b.value = String(versions[1].version);
  const evalSet = h('input', { id: 'cmp-eval-set', 'data-testid': 'cmp-eval-set', placeholder: 'golden', size: 12, list: 'cmp-eval-sets' });
  const score = h('input', { id: 'cmp-score', 'data-testid': 'cmp-score', placeholder: 'relevance', size: 12 });
  const sets = h('datalist', { id: 'cmp-eval-sets' });
  // Offer the evaluation sets the newest version's traces were run on.
  get('/api/v1/traces', { prompt_version: uri(versions[0].version), max_results: 1000 }).then(({ traces }) => {
    const names = [...new Set(traces.map((t) => t.eval_set).filter(Boolean))];
    sets.replaceChildren(...names.map((s) => h('option', { value: s })));
    if (names.length === 1 && !evalSet.value) evalSet.value = names[0];
  }).catch(() => {});
  const form = h('form.toolbar', { onsubmit: async (e) => {
    e.preventDefault();
    result.replaceChildren(h('p.muted', 'Comparing…'));
    try {
      const r = await post('/api/v1/prompts/compare', { a: uri(a.value), b: uri(b.value), eval_set: evalSet.value.trim(), score: score.value.trim() });
      result.replaceChildren(comparisonView(r));
    } catch (error) {
      result.replaceChildren(errorBox(error));
    }
  } },
  h('label', { for: 'cmp-a' }, 'Version A'), a, h('label', { for: 'cmp-b' }, 'vs B'), b,
  h('label', { for: 'cmp-eval-set' }, 'Evaluation set'), evalSet, sets,
  h('label', { for: 'cmp-score' }, 'Score'), score, h('button.primary', { type: 'submit', 'data-testid': 'cmp-run' }, 'Compare'));
  return h('section.card', h('h2', 'Compare two versions on an evaluation set'),
    h('p.muted', 'Pairs the traces of both versions by evaluation example; Δ = score(A) − score(B).'), form, result);
}

function comparisonView(r) {
  const significant = r.p_value !== null && r.p_value < 1 - r.confidence;
  const verdict = r.mean_delta === 0 || !significant
    ? `No significant difference at ${Math.round(r.confidence * 100)} % (p = ${fmt(r.p_value)}).`
    : `${r.mean_delta > 0 ? r.a : r.b} scores higher: Δ = ${fmt(r.mean_delta)} (p = ${fmt(r.p_value)}).`;
  return h('div', h('p', { 'data-testid': 'compare-verdict' }, h('strong', verdict)),
    kvTable([['Paired examples', r.paired_examples], ['Mean A', r.mean_a], ['Mean B', r.mean_b], ['Mean Δ (A − B)', r.mean_delta],
      ['Standard error', r.se], [`${Math.round(r.confidence * 100)} % interval of Δ`, `[${fmt(r.ci_low)}, ${fmt(r.ci_high)}]`],
      ['Paired t', `t = ${fmt(r.t)}, df = ${r.df}, p = ${fmt(r.p_value)}`], ['Wilcoxon signed-rank p', r.wilcoxon_p_value],
      ['Only answered by A', (r.examples_only_in_a || []).join(', ') || '—'], ['Only answered by B', (r.examples_only_in_b || []).join(', ') || '—']], 'compare-stats'));
}

// Dataset–model–prompt triples this prompt was evaluated in, with their score summaries.
function evaluationsSection(name) {
  const host = h('div', { 'data-testid': 'evaluations' }, h('p.muted', 'Loading…'));
  get('/api/v1/llm/evaluations').then(({ evaluations }) => {
    const mine = evaluations.filter((e) => e.prompt_version && e.prompt_version.startsWith(`prompts:/${name}/`));
    host.replaceChildren(mine.length
      ? table(['Prompt version', 'Evaluation set', 'Model', 'Traces', 'Last run', 'Scores', 'Lineage'], mine.map((e) => h('tr', { 'data-testid': 'evaluation-row' },
        h('td', e.prompt_version), h('td', e.eval_set), h('td', e.model || '—'), h('td.num', e.traces), h('td', fmtTime(e.last_start_time_ms)),
        h('td', e.scores.map((s) => h('span.pill', `${s.name}: ${s.mean !== null ? fmt(s.mean) : Object.entries(s.labels).map(([l, n]) => `${l}×${n}`).join(' ')} (n=${s.count})`))),
        h('td', h('a', { href: '#/lineage?' + new URLSearchParams({ node: e.node_id }) }, 'graph')))))
      : h('p.muted', 'No evaluation traces name this prompt (root spans with mledger.eval.set and mledger.prompt.version).'));
  }).catch((error) => host.replaceChildren(errorBox(error)));
  return h('section.card', h('h2', 'Evaluations'), host);
}
