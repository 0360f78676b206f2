package dev.mledger.store;

import dev.mledger.store.jdbc.JdbcStores;

/**
 * Every store of one mledger database, opened together over one connection pool and one schema
 * migration. The server and the CLI open a {@code Stores} once and hand out its parts; closing it
 * closes them all (the parts themselves are not closed separately).
 */
public interface Stores extends AutoCloseable {

  /** Experiments, runs, params, metrics, tags and dataset inputs (the MLflow tracking model). */
  TrackingStore tracking();

  /** Reproducibility envelopes of runs, write-once, mirrored into run tags. */
  dev.mledger.store.envelope.EnvelopeStore envelopes();

  /** Promotion-gate decisions, their approvals and the promotions made on them (append-only). */
  dev.mledger.store.gate.DecisionStore decisions();

  /** The model registry: registered models, versions, stages, aliases and their history. */
  dev.mledger.store.registry.ModelRegistryStore registry();

  /** Versioned datasets: immutable versions, manifests, provenance, profiles, current pointer. */
  dev.mledger.store.dataset.DatasetStore datasets();

  /** Lineage: OpenLineage events, recorded edges, and edges derived from runs' inputs. */
  dev.mledger.store.lineage.LineageStore lineage();

  /** LLM and GenAI tracking: prompts, OTLP traces, evaluation scores and model prices. */
  dev.mledger.store.llm.LlmStore llm();

  /** Production monitors: event logs, window reports, alerts, deliveries and retrain steps. */
  dev.mledger.store.monitor.MonitorStore monitors();

  /** The append-only, hash-chained audit trail of mutations. */
  dev.mledger.store.audit.AuditLog audit();

  /** Releases the database connections; stored data stays. */
  @Override
  void close();

  /**
   * Opens (creating and migrating as needed) the database at {@code storeUri}.
   *
   * @see TrackingStores#open(String, String) for the accepted URIs and the artifact root
   */
  static Stores open(String storeUri, String defaultArtifactRoot) {
    return JdbcStores.open(storeUri, defaultArtifactRoot);
  }
}
