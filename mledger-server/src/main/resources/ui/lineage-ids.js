// Lineage node ids as the server writes them (dev.mledger.core.lineage.NodeId): '%' and the
// separators inside a component are percent-escaped so that every id parses back.
function escape(text, chars) {
  let out = '';
  for (const c of text) {
    out += c === '%' || chars.includes(c) ? '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0') : c;
  }
  return out;
}

/** The node of an mledger dataset version, as it appears once a run logged it as an input. */
export function datasetNode(name, version, sha256) {
  // `mledger data add --run` logs the source mledger://datasets/NAME/versions/V with MLflow's
  // 32-digit digest prefix, which the lineage graph names the OpenLineage way.
  return 'dataset:' + escape('mledger://datasets', '/@') + '/' + escape(name + '/versions/' + version, '@') + '@' + sha256.slice(0, 32);
}

export const runNode = (runId) => 'run:' + runId;
export const modelNode = (name, version) => 'model:' + escape(name, '') + '/' + version;
export const jobNode = (namespace, name) => 'job:' + escape(namespace, '/') + '/' + escape(name, '');
