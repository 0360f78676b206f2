package dev.mledger.store.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.audit.AuditEntry;
import dev.mledger.core.audit.AuditEvent;
import dev.mledger.core.audit.ChainVerification;
import dev.mledger.core.dataset.DatasetKind;
import dev.mledger.core.dataset.ManifestEntry;
import dev.mledger.core.dataset.Provenance;
import dev.mledger.core.dataset.SemanticVersion;
import dev.mledger.core.dataset.VersionBump;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.gate.Direction;
import dev.mledger.core.gate.GateDecision;
import dev.mledger.core.gate.GateDefinition;
import dev.mledger.core.gate.MetricThreshold;
import dev.mledger.core.gate.OutcomeStatus;
import dev.mledger.core.gate.PromotionTarget;
import dev.mledger.core.gate.RecordedDecision;
import dev.mledger.core.gate.RuleOutcome;
import dev.mledger.core.gate.ThresholdBound;
import dev.mledger.core.registry.ChangeContext;
import dev.mledger.core.registry.RegisteredModelTag;
import dev.mledger.core.registry.Stage;
import dev.mledger.store.Stores;
import dev.mledger.store.dataset.NewDatasetVersion;
import dev.mledger.store.registry.NewModelVersion;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registry, gate and dataset mutations append their audit entry in their own transaction: an entry
 * exists exactly when the mutation committed, and the chain stays linear under concurrent writers.
 */
public abstract class AuditedMutationsContract {
  private static final String HASH = "c".repeat(64);
  protected Stores stores;

  /** A fresh, empty database. */
  protected abstract Stores openEmptyStores();

  /** A second, independent {@link Stores} (own connection pool) on the same database. */
  protected abstract Stores reopen();

  /** Runs SQL directly on the database. */
  protected abstract void executeRaw(String sql) throws SQLException;

  /** Statements that make every insert into {@code audit_log} fail. */
  protected abstract List<String> refuseAuditAppends();

  /** Statements that undo {@link #refuseAuditAppends()}. */
  protected abstract List<String> allowAuditAppends();

  @BeforeEach
  void open() {
    stores = openEmptyStores();
  }

  @AfterEach
  void close() {
    AuditScope.clear();
    stores.close();
  }

  private List<AuditEntry> entries() {
    return stores.audit().list(0, 1_000);
  }

  private static GateDecision decision(String candidate) {
    GateDefinition gate =
        new GateDefinition(
            "release",
            null,
            List.of(
                new MetricThreshold(
                    "r2",
                    "test_r2",
                    Direction.HIGHER_IS_BETTER,
                    new ThresholdBound.Absolute(0.8))));
    RuleOutcome passed =
        new RuleOutcome("r2", MetricThreshold.TYPE, OutcomeStatus.PASSED, "0.9 >= 0.8.", Map.of());
    return new GateDecision(
        gate,
        "churn",
        candidate,
        "run-" + candidate,
        null,
        null,
        List.of(candidate),
        Instant.parse("2026-01-02T03:04:05Z"),
        List.of(passed));
  }

  private static NewDatasetVersion dataset(String version) {
    return new NewDatasetVersion(
        "users",
        SemanticVersion.parse(version),
        VersionBump.PATCH,
        DatasetKind.FILE,
        "u.csv",
        List.of(new ManifestEntry("u.csv", 10, HASH)),
        new Provenance(null, null, null, null, null, "dora"),
        List.of(),
        null);
  }

  @Test
  void everyRegistryGateAndDatasetMutationAppendsItsOwnEntry() {
    ChangeContext alice = new ChangeContext("alice", "release", null);
    var registry = stores.registry();
    registry.createRegisteredModel("churn", List.of(new RegisteredModelTag("team", "ads")), "m");
    registry.setRegisteredModelTag("churn", new RegisteredModelTag("tier", "1"));
    registry.createModelVersion(
        new NewModelVersion("churn", "s3://b/m", null, List.of(), null, "", "bob"));
    registry.transitionStage("churn", 1, Stage.STAGING, false, alice);
    registry.setAlias("churn", "champion", 1, alice);
    RecordedDecision recorded = stores.decisions().record(decision("1"));
    stores.decisions().approve(recorded.id(), "carol", "ok");
    stores
        .decisions()
        .recordPromotion(
            "churn", "1", new PromotionTarget.Alias("champion"), recorded.id(), null, "alice");
    stores.datasets().add(dataset("1.0.0"), "dora");
    stores.datasets().add(dataset("1.0.1"), "dora");
    stores.datasets().rollback("users", SemanticVersion.parse("1.0.0"), "dora", "bad rows");
    registry.deleteAlias("churn", "champion", alice);

    List<AuditEntry> entries = entries();
    assertThat(entries)
        .extracting(AuditEntry::action)
        .containsExactly(
            "registry.registered_model.create",
            "registry.registered_model.set_tag",
            "registry.model_version.create",
            "registry.model_version.transition_stage",
            "registry.alias.set",
            "gate.decision.record",
            "gate.decision.approve",
            "gate.promotion.record",
            "dataset.add",
            "dataset.add",
            "dataset.rollback",
            "registry.alias.delete");
    assertThat(entries)
        .extracting(AuditEntry::actor)
        .containsExactly(
            "unknown", "unknown", "bob", "alice", "alice", "unknown", "carol", "alice", "dora",
            "dora", "dora", "alice");
    assertThat(entries.get(3).subjectId()).isEqualTo("churn/1");
    assertThat(entries.get(3).details())
        .containsEntry("from", "None")
        .containsEntry("to", "Staging")
        .containsEntry("reason", "release");
    assertThat(entries.get(5).subjectId()).isEqualTo(recorded.id());
    assertThat(entries.get(8).subjectId()).isEqualTo("users@1.0.0");
    assertThat(entries.get(8).details())
        .containsEntry("sha256", stores.datasets().versions("users").get(1).sha256());
    assertThat(entries.get(10).details())
        .containsEntry("version", "1.0.0")
        .containsEntry("previous_version", "1.0.1")
        .containsEntry("reason", "bad rows");
    assertThat(stores.audit().verify(null).intact()).isTrue();
  }

  @Test
  void aScopeIsOneEntryWrittenWithItsFirstCommittedMutation() {
    AuditEvent request =
        new AuditEvent(
            "erin", "POST /api/v1/registry/x", "registered_model", "churn", Map.of("k", "v"));
    try (AuditScope scope = AuditScope.open(request)) {
      // Refused: rolled back with nothing recorded, so the scope's entry is still to be written.
      assertThatThrownBy(() -> stores.registry().setRegisteredModelTag("churn", tag()))
          .isInstanceOf(MledgerException.class);
      assertThat(entries()).isEmpty();
      stores.registry().createRegisteredModel("churn", List.of(), null);
      stores.registry().setRegisteredModelTag("churn", tag());
      stores.decisions().record(decision("1"));
    }
    stores.registry().deleteRegisteredModelTag("churn", "team");

    List<AuditEntry> entries = entries();
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).actor()).isEqualTo("erin");
    assertThat(entries.get(0).action()).isEqualTo("POST /api/v1/registry/x");
    assertThat(entries.get(0).details()).isEqualTo(Map.of("k", "v"));
    assertThat(entries.get(1).action()).isEqualTo("registry.registered_model.delete_tag");
  }

  private static RegisteredModelTag tag() {
    return new RegisteredModelTag("team", "ads");
  }

  @Test
  void aRejectedMutationLeavesNoEntry() {
    stores.registry().createRegisteredModel("churn", List.of(), null);
    assertThatThrownBy(() -> stores.registry().createRegisteredModel("churn", List.of(), null))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_ALREADY_EXISTS));
    assertThatThrownBy(
            () -> stores.registry().setAlias("churn", "champion", 7, ChangeContext.by("x")))
        .isInstanceOf(MledgerException.class);
    RecordedDecision failed =
        stores
            .decisions()
            .record(
                new GateDecision(
                    decision("1").gate(),
                    "churn",
                    "1",
                    "run-1",
                    null,
                    null,
                    List.of("1"),
                    Instant.parse("2026-01-02T03:04:05Z"),
                    List.of(
                        new RuleOutcome(
                            "r2", MetricThreshold.TYPE, OutcomeStatus.FAILED, "low.", Map.of()))));
    assertThatThrownBy(() -> stores.decisions().approve(failed.id(), "carol", ""))
        .isInstanceOf(MledgerException.class);
    stores.datasets().add(dataset("1.0.0"), "dora");
    assertThatThrownBy(() -> stores.datasets().add(dataset("1.0.0"), "dora"))
        .isInstanceOf(MledgerException.class);

    assertThat(entries())
        .extracting(AuditEntry::action)
        .containsExactly("registry.registered_model.create", "gate.decision.record", "dataset.add");
  }

  @Test
  void aFailingAppendRollsTheMutationBack() throws SQLException {
    for (String sql : refuseAuditAppends()) {
      executeRaw(sql);
    }
    assertThatThrownBy(() -> stores.registry().createRegisteredModel("churn", List.of(), null))
        .isInstanceOf(MledgerException.class);
    assertThatThrownBy(() -> stores.datasets().add(dataset("1.0.0"), "dora"))
        .isInstanceOf(MledgerException.class);
    assertThatThrownBy(() -> stores.decisions().record(decision("1")))
        .isInstanceOf(MledgerException.class);
    for (String sql : allowAuditAppends()) {
      executeRaw(sql);
    }

    assertThatThrownBy(() -> stores.registry().getRegisteredModel("churn"))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
    assertThat(stores.datasets().versions("users")).isEmpty();
    assertThat(stores.decisions().list("churn", null)).isEmpty();
    assertThat(entries()).isEmpty();
    // Nothing half-done is left behind: the same mutations now go through, each with its entry.
    stores.registry().createRegisteredModel("churn", List.of(), null);
    assertThat(entries()).hasSize(1);
  }

  @Test
  void concurrentMutationsFromTwoPoolsChainWithoutForks() throws Exception {
    int n = 40;
    try (Stores other = reopen()) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          int k = i;
          Stores target = k % 2 == 0 ? stores : other;
          Callable<Object> task =
              () -> {
                if (k % 3 == 0) {
                  try (AuditScope scope =
                      AuditScope.open(
                          new AuditEvent(
                              "user-" + k, "POST /x", "registered_model", "m" + k, Map.of()))) {
                    target.registry().createRegisteredModel("m" + k, List.of(), null);
                    target.registry().setRegisteredModelTag("m" + k, tag());
                  }
                } else {
                  target.registry().createRegisteredModel("m" + k, List.of(), null);
                }
                return null;
              };
          futures.add(pool.submit(task));
        }
        for (Future<?> f : futures) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
    }
    List<AuditEntry> entries = entries();
    assertThat(entries).hasSize(n);
    assertThat(entries).extracting(AuditEntry::sequence).doesNotHaveDuplicates();
    ChainVerification verification = stores.audit().verify(entries.get(n - 1).hash());
    assertThat(verification)
        .as(verification.toString())
        .isInstanceOfSatisfying(
            ChainVerification.Intact.class, intact -> assertThat(intact.entries()).isEqualTo(n));
  }
}
