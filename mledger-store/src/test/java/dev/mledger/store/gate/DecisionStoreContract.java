package dev.mledger.store.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.gate.DecisionApproval;
import dev.mledger.core.gate.DecisionDocuments;
import dev.mledger.core.gate.GateDecision;
import dev.mledger.core.gate.GateDefinition;
import dev.mledger.core.gate.GateEvaluator;
import dev.mledger.core.gate.Guardrail;
import dev.mledger.core.gate.GuardrailKind;
import dev.mledger.core.gate.ModelEvidence;
import dev.mledger.core.gate.PromotionOverride;
import dev.mledger.core.gate.PromotionRecord;
import dev.mledger.core.gate.PromotionTarget;
import dev.mledger.core.gate.RecordedDecision;
import dev.mledger.store.Stores;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Behaviour every {@link DecisionStore} implementation must show; run per database. */
abstract class DecisionStoreContract {
  private static final GateDefinition LATENCY_GATE =
      new GateDefinition(
          "latency",
          "",
          List.of(new Guardrail("p95", GuardrailKind.P95_LATENCY_MS, "latency_p95_ms", 200)));

  private Stores stores;
  private DecisionStore decisions;

  /** A fresh, empty database. */
  protected abstract Stores openEmptyStores();

  /** A plain JDBC connection to the database the last {@link #openEmptyStores()} opened. */
  protected abstract Connection rawConnection() throws SQLException;

  /** Removes the append-only protection so a test can simulate tampering. */
  protected abstract void allowUpdates(Statement statement) throws SQLException;

  @BeforeEach
  void open() {
    stores = openEmptyStores();
    decisions = stores.decisions();
  }

  @AfterEach
  void close() {
    stores.close();
  }

  private static GateDecision decision(String version, double latency) {
    return GateEvaluator.evaluate(
        LATENCY_GATE,
        new ModelEvidence(
            "churn", version, "run-" + version, Map.of("latency_p95_ms", latency), List.of()),
        null,
        Instant.parse("2024-10-01T12:00:00Z"));
  }

  @Test
  void aRecordedDecisionReadsBackWithItsDigest() {
    GateDecision decision = decision("2", 150);
    RecordedDecision recorded = decisions.record(decision);

    assertThat(recorded.id()).matches("[0-9a-f]{32}");
    assertThat(recorded.digest()).isEqualTo(DecisionDocuments.digest(decision));
    assertThat(recorded.approvals()).isEmpty();
    RecordedDecision read = decisions.get(recorded.id());
    assertThat(read.decision()).isEqualTo(decision);
    assertThat(read.digest()).isEqualTo(recorded.digest());
    assertThat(read.recordedAt()).isEqualTo(recorded.recordedAt());
  }

  @Test
  void decisionsAreListedNewestFirstPerModelAndVersion() throws InterruptedException {
    RecordedDecision first = decisions.record(decision("2", 150));
    Thread.sleep(2);
    RecordedDecision second = decisions.record(decision("3", 150));
    Thread.sleep(2);
    RecordedDecision third = decisions.record(decision("2", 250));

    assertThat(decisions.list("churn", null))
        .extracting(RecordedDecision::id)
        .containsExactly(third.id(), second.id(), first.id());
    assertThat(decisions.list("churn", "2"))
        .extracting(RecordedDecision::id)
        .containsExactly(third.id(), first.id());
    assertThat(decisions.list("other", null)).isEmpty();
  }

  @Test
  void approvalsAreAppendedToPassedDecisionsOnly() {
    RecordedDecision passed = decisions.record(decision("2", 150));
    assertThat(passed.authorizesPromotion()).isFalse();

    RecordedDecision approved = decisions.approve(passed.id(), "alice", "reviewed the evidence");
    assertThat(approved.approvals())
        .extracting(DecisionApproval::approver, DecisionApproval::comment)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", "reviewed the evidence"));
    assertThat(approved.authorizesPromotion()).isTrue();
    decisions.approve(passed.id(), "bob", null);
    assertThat(decisions.get(passed.id()).approvals())
        .extracting(DecisionApproval::approver)
        .containsExactly("alice", "bob");
    assertThat(decisions.list("churn", "2").get(0).approvals()).hasSize(2);

    assertError(
            ErrorCode.RESOURCE_ALREADY_EXISTS,
            () -> decisions.approve(passed.id(), "alice", "again"))
        .hasMessage("Decision " + passed.id() + " was already approved by 'alice'.");

    RecordedDecision failed = decisions.record(decision("3", 250));
    assertError(ErrorCode.INVALID_STATE, () -> decisions.approve(failed.id(), "alice", "ok"))
        .hasMessageStartingWith("Decision " + failed.id() + " did not pass (failed: p95)");
    assertThat(decisions.get(failed.id()).approvals()).isEmpty();
  }

  @Test
  void unknownDecisionsAndBlankInputAreClearErrors() {
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> decisions.get("nope"))
        .hasMessage("Gate decision 'nope' does not exist.");
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> decisions.approve("nope", "a", ""));
    String id = decisions.record(decision("2", 150)).id();
    assertError(ErrorCode.INVALID_PARAMETER_VALUE, () -> decisions.approve(id, " ", ""))
        .hasMessage("approver must be a non-empty string.");
  }

  @Test
  void promotionsRecordTheirDecisionOrOverride() {
    RecordedDecision decision = decisions.record(decision("2", 150));
    PromotionRecord gated =
        decisions.recordPromotion(
            "churn", "2", new PromotionTarget.Alias("champion"), decision.id(), null, "alice");
    PromotionRecord overridden =
        decisions.recordPromotion(
            "churn",
            "3",
            new PromotionTarget.Stage("Production"),
            null,
            new PromotionOverride("hotfix for incident 42", "carol"),
            "carol");

    assertThat(decisions.promotions("churn")).containsExactly(gated, overridden);
    assertThat(overridden.id()).isGreaterThan(gated.id());
    assertThat(decisions.promotions("other")).isEmpty();

    assertError(
            ErrorCode.INVALID_PARAMETER_VALUE,
            () ->
                decisions.recordPromotion(
                    "churn", "2", new PromotionTarget.Alias("champion"), null, null, "alice"))
        .hasMessageContaining("decision or on an explicit override");
    assertError(
        ErrorCode.RESOURCE_DOES_NOT_EXIST,
        () ->
            decisions.recordPromotion(
                "churn", "2", new PromotionTarget.Alias("champion"), "missing", null, "alice"));
  }

  @Test
  void storedRecordsCannotBeChangedOrDeleted() throws SQLException {
    RecordedDecision decision = decisions.record(decision("2", 150));
    decisions.approve(decision.id(), "alice", "");
    decisions.recordPromotion(
        "churn", "2", new PromotionTarget.Alias("champion"), decision.id(), null, "alice");
    try (Connection c = rawConnection();
        Statement st = c.createStatement()) {
      for (String sql :
          List.of(
              "UPDATE gate_decisions SET passed = 0",
              "DELETE FROM gate_decisions",
              "UPDATE gate_decision_approvals SET approver = 'mallory'",
              "DELETE FROM gate_decision_approvals",
              "UPDATE model_promotions SET version = '9'",
              "DELETE FROM model_promotions")) {
        assertThatThrownBy(() -> st.executeUpdate(sql))
            .as(sql)
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("immutable");
      }
    }
    assertThat(decisions.get(decision.id()).approvals()).hasSize(1);
  }

  @Test
  void aTamperedDocumentIsReportedInsteadOfServed() throws SQLException {
    RecordedDecision decision = decisions.record(decision("2", 150));
    try (Connection c = rawConnection();
        Statement st = c.createStatement()) {
      allowUpdates(st);
      st.executeUpdate("UPDATE gate_decisions SET document = replace(document, '150', '140')");
    }
    assertError(ErrorCode.INTERNAL_ERROR, () -> decisions.get(decision.id()))
        .hasMessageStartingWith("Stored gate decision " + decision.id() + " is corrupted")
        .hasMessageContaining("no longer matches its digest");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertError(
      ErrorCode code, Executable call) {
    return assertThatThrownBy(call::execute)
        .isInstanceOfSatisfying(MledgerException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
