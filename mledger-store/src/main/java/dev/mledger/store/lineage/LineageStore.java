package dev.mledger.store.lineage;

import dev.mledger.core.lineage.LineageEdge;
import dev.mledger.core.lineage.LineageSource;
import dev.mledger.core.lineage.openlineage.OpenLineageEvent;
import java.util.List;

/**
 * Lineage recorded in the database, seen as a {@link LineageSource}:
 *
 * <ul>
 *   <li>OpenLineage events: stored raw, and materialized on write into nodes (dataset and job
 *       facets, the job's latest run) and edges (input dataset → job → output dataset; a dataset
 *       identity → each version of it an event names);
 *   <li>edges recorded explicitly with {@link #addEdge} (e.g. a model version → the endpoint that
 *       serves it);
 *   <li>edges derived at query time from the tracking tables, so that MLflow clients need to do
 *       nothing special: a run's dataset inputs ({@code log-inputs}) → the run, the run's git
 *       commit ({@code mlflow.source.git.commit}) → the run, and a dataset identity known from
 *       OpenLineage → the MLflow dataset versions with that name.
 * </ul>
 *
 * Model versions are not this store's business; {@link RegistryLineageSource} adds them.
 */
public interface LineageStore extends LineageSource {

  /**
   * Records an event. Re-delivering the same event (same canonical JSON) changes nothing.
   *
   * @return whether it was new
   */
  IngestResult ingest(OpenLineageEvent event);

  /** Records an edge (idempotent: a repeated edge only refreshes its last-seen time). */
  void addEdge(LineageEdge edge);

  /**
   * What moved on upstream of a model since {@code closure} was built: newer versions of its
   * mledger datasets, and code versions of later runs in the experiments of its runs. Oldest change
   * first within each kind.
   */
  List<dev.mledger.core.lineage.UpstreamChange> upstreamChanges(
      dev.mledger.core.lineage.DependencyClosure closure);

  /** The stored events of an OpenLineage run, oldest event time first. */
  List<StoredLineageEvent> events(String openLineageRunId);
}
