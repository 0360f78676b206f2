package dev.mledger.server.testing;

import dev.mledger.store.Stores;
import dev.mledger.store.TrackingStore;

/** {@link Stores} that answer from {@code base} except for a replaced tracking store. */
final class StoresWithTracking implements Stores {
  private final Stores base;
  private final TrackingStore tracking;

  StoresWithTracking(Stores base, TrackingStore tracking) {
    this.base = base;
    this.tracking = tracking;
  }

  @Override
  public TrackingStore tracking() {
    return tracking;
  }

  @Override
  public dev.mledger.store.envelope.EnvelopeStore envelopes() {
    return base.envelopes();
  }

  @Override
  public dev.mledger.store.registry.ModelRegistryStore registry() {
    return base.registry();
  }

  @Override
  public dev.mledger.store.dataset.DatasetStore datasets() {
    return base.datasets();
  }

  @Override
  public dev.mledger.store.gate.DecisionStore decisions() {
    return base.decisions();
  }

  @Override
  public dev.mledger.store.lineage.LineageStore lineage() {
    return base.lineage();
  }

  @Override
  public dev.mledger.store.llm.LlmStore llm() {
    return base.llm();
  }

  @Override
  public dev.mledger.store.monitor.MonitorStore monitors() {
    return base.monitors();
  }

  @Override
  public dev.mledger.store.audit.AuditLog audit() {
    return base.audit();
  }

  @Override
  public void close() {
    tracking.close();
    base.close();
  }
}
