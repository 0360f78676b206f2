/**
 * The lineage graph G = (V, E) over dataset versions, jobs, runs, model versions, endpoints, code
 * versions and artifacts: typed node ids ({@link dev.mledger.core.lineage.NodeId}), edges, the
 * traversals (upstream and downstream to a depth, cycle-safe), the dependency closure of a model
 * version and the Marquez-compatible graph document.
 *
 * <p>The graph is never held in memory as a whole: traversals ask a {@link
 * dev.mledger.core.lineage.LineageSource} for the edges around one frontier at a time, so the
 * stores can answer from SQL and derive edges (run inputs, registered versions) at query time.
 */
package dev.mledger.core.lineage;
