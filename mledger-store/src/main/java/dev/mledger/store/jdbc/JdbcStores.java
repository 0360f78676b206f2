package dev.mledger.store.jdbc;

import dev.mledger.store.Stores;
import dev.mledger.store.TrackingStore;
import java.time.Clock;
import java.util.random.RandomGenerator;

/** {@link Stores} on one SQLite or PostgreSQL database. */
public final class JdbcStores implements Stores {
  private final Database db;
  private final JdbcTrackingStore tracking;
  private final JdbcLineageStore lineage;
  private final JdbcAuditLog audit;
  private final JdbcModelRegistryStore registry;
  private final JdbcDatasetStore datasets;
  private final JdbcEnvelopeStore envelopes;
  private final JdbcDecisionStore decisions;
  private final JdbcLlmStore llm;
  private final JdbcMonitorStore monitors;

  private JdbcStores(Database db, String defaultArtifactRoot) {
    this.db = db;
    this.tracking =
        new JdbcTrackingStore(
            db, defaultArtifactRoot, Clock.systemUTC(), RandomGenerator.getDefault());
    this.lineage = new JdbcLineageStore(db, Clock.systemUTC());
    this.audit = new JdbcAuditLog(db, Clock.systemUTC());
    this.registry = new JdbcModelRegistryStore(db, Clock.systemUTC());
    this.datasets = new JdbcDatasetStore(db, Clock.systemUTC());
    this.envelopes = new JdbcEnvelopeStore(db, Clock.systemUTC());
    this.decisions = new JdbcDecisionStore(db, Clock.systemUTC(), RandomGenerator.getDefault());
    this.llm = new JdbcLlmStore(db, Clock.systemUTC());
    this.monitors = new JdbcMonitorStore(db, Clock.systemUTC());
  }

  /** Opens the database at {@code storeUri}; see {@link Stores#open(String, String)}. */
  public static JdbcStores open(String storeUri, String defaultArtifactRoot) {
    Database db = Database.open(StoreLocation.parse(storeUri));
    try {
      return new JdbcStores(db, defaultArtifactRoot);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  @Override
  public TrackingStore tracking() {
    return tracking;
  }

  @Override
  public dev.mledger.store.envelope.EnvelopeStore envelopes() {
    return envelopes;
  }

  @Override
  public dev.mledger.store.gate.DecisionStore decisions() {
    return decisions;
  }

  @Override
  public dev.mledger.store.registry.ModelRegistryStore registry() {
    return registry;
  }

  @Override
  public dev.mledger.store.dataset.DatasetStore datasets() {
    return datasets;
  }

  @Override
  public dev.mledger.store.lineage.LineageStore lineage() {
    return lineage;
  }

  @Override
  public dev.mledger.store.audit.AuditLog audit() {
    return audit;
  }

  @Override
  public dev.mledger.store.llm.LlmStore llm() {
    return llm;
  }

  @Override
  public dev.mledger.store.monitor.MonitorStore monitors() {
    return monitors;
  }

  @Override
  public void close() {
    db.close();
  }
}
