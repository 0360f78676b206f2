package dev.mledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.search.Comparator;
import dev.mledger.core.search.EntityType;
import dev.mledger.core.search.FilterExpr;
import dev.mledger.core.search.FilterValue;
import dev.mledger.core.search.OrderBy;
import dev.mledger.core.search.PageToken;
import dev.mledger.core.tracking.Dataset;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.Experiment;
import dev.mledger.core.tracking.ExperimentTag;
import dev.mledger.core.tracking.InputTag;
import dev.mledger.core.tracking.LifecycleStage;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.MetricWithRunId;
import dev.mledger.core.tracking.Page;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.Run;
import dev.mledger.core.tracking.RunInfo;
import dev.mledger.core.tracking.RunStatus;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.core.tracking.ViewType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TrackingStore} must have, written against the SPI only. Subclasses
 * supply a fresh, empty store per test; the same suite runs on SQLite and PostgreSQL, and other
 * modules can run it against their own implementations (it ships in this module's test-jar).
 *
 * <p>Semantics follow MLflow 2.17's SqlAlchemyStore: error codes and messages, run-name and
 * latest-metric rules, search NULL placement and tie-breaks.
 */
public abstract class TrackingStoreContract {
  /** The root the server passes when it proxies artifacts; the trickiest one to join onto. */
  protected static final String ARTIFACT_ROOT = "mlflow-artifacts:";

  protected TrackingStore store;

  /**
   * Opens a store over an empty database (no experiment but the Default one) with the given default
   * artifact root. Each call must yield an independent database.
   */
  protected abstract TrackingStore openEmptyStore(String defaultArtifactRoot);

  @BeforeEach
  void openStore() {
    store = openEmptyStore(ARTIFACT_ROOT);
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  // =============================================================================================
  // experiments
  // =============================================================================================

  @Test
  void theDefaultExperimentExistsOnFirstOpen() {
    Experiment experiment = store.getExperiment(TrackingStore.DEFAULT_EXPERIMENT_ID);

    assertThat(experiment.name()).isEqualTo("Default");
    assertThat(experiment.artifactLocation()).isEqualTo("mlflow-artifacts:/0");
    assertThat(experiment.lifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
    assertThat(experiment.creationTime()).isPositive();
    assertThat(store.getExperimentByName("Default")).contains(experiment);
  }

  @Test
  void experimentsGetSequentialIdsAndADefaultArtifactLocationUnderTheRoot() {
    String first = store.createExperiment("first", null, List.of());
    String second = store.createExperiment("second", "", List.of());

    assertThat(first).isEqualTo("1");
    assertThat(second).isEqualTo("2");
    assertThat(store.getExperiment(first).artifactLocation()).isEqualTo("mlflow-artifacts:/1");
    assertThat(store.getExperiment(second).artifactLocation()).isEqualTo("mlflow-artifacts:/2");
  }

  @Test
  void artifactRootsWithATrailingSlashOrAPathJoinCleanly() {
    store.close();
    store = openEmptyStore("s3://bucket/mlruns/");
    String id = store.createExperiment("exp", null, List.of());
    String runId = newRun(id, 1).info().runId();

    assertThat(store.getExperiment("0").artifactLocation()).isEqualTo("s3://bucket/mlruns/0");
    assertThat(store.getRun(runId).info().artifactUri())
        .isEqualTo("s3://bucket/mlruns/" + id + "/" + runId + "/artifacts");
  }

  @Test
  void createExperimentKeepsAnExplicitArtifactLocationAndTags() {
    String id =
        store.createExperiment(
            "with-tags",
            "file:///tmp/somewhere",
            List.of(new ExperimentTag("team", "vision"), new ExperimentTag("note", null)));

    Experiment experiment = store.getExperiment(id);
    assertThat(experiment.artifactLocation()).isEqualTo("file:///tmp/somewhere");
    assertThat(experiment.tags())
        .containsExactlyInAnyOrder(
            new ExperimentTag("team", "vision"), new ExperimentTag("note", null));
    assertThat(experiment.lastUpdateTime()).isEqualTo(experiment.creationTime());
  }

  @Test
  void experimentNamesAreUniqueEvenAgainstDeletedExperiments() {
    String id = store.createExperiment("taken", null, List.of());

    assertError(
            ErrorCode.RESOURCE_ALREADY_EXISTS,
            () -> store.createExperiment("taken", null, List.of()))
        .hasMessageStartingWith("Experiment(name=taken) already exists");

    store.deleteExperiment(id);
    assertError(
        ErrorCode.RESOURCE_ALREADY_EXISTS, () -> store.createExperiment("taken", null, List.of()));
  }

  @Test
  void experimentNamesAreCaseSensitive() {
    store.createExperiment("Model", null, List.of());
    String other = store.createExperiment("model", null, List.of());

    assertThat(store.getExperimentByName("model").map(Experiment::experimentId)).contains(other);
  }

  @Test
  void anEmptyExperimentNameIsRejected() {
    assertError(
        ErrorCode.INVALID_PARAMETER_VALUE, () -> store.createExperiment("", null, List.of()));
  }

  @Test
  void unknownExperimentsAreReportedAsMissing() {
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.getExperiment("12345"))
        .hasMessage("No Experiment with id=12345 exists");
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.getExperiment("not-a-number"));
    assertThat(store.getExperimentByName("nope")).isEmpty();
  }

  @Test
  void getExperimentByNameFindsDeletedExperimentsToo() {
    String id = store.createExperiment("gone", null, List.of());
    store.deleteExperiment(id);

    assertThat(store.getExperimentByName("gone"))
        .hasValueSatisfying(e -> assertThat(e.lifecycleStage()).isEqualTo(LifecycleStage.DELETED));
  }

  @Test
  void renameChangesTheNameAndFreesTheOldOne() {
    String id = store.createExperiment("old", null, List.of());
    long created = store.getExperiment(id).lastUpdateTime();

    store.renameExperiment(id, "new");

    Experiment renamed = store.getExperiment(id);
    assertThat(renamed.name()).isEqualTo("new");
    assertThat(renamed.lastUpdateTime()).isGreaterThanOrEqualTo(created);
    assertThat(store.getExperimentByName("old")).isEmpty();
    store.createExperiment("old", null, List.of());
  }

  @Test
  void renameRejectsTakenNamesDeletedExperimentsAndUnknownIds() {
    String id = store.createExperiment("a", null, List.of());
    store.createExperiment("b", null, List.of());

    assertError(ErrorCode.RESOURCE_ALREADY_EXISTS, () -> store.renameExperiment(id, "b"));
    assertThat(store.getExperiment(id).name()).isEqualTo("a");

    store.deleteExperiment(id);
    assertError(ErrorCode.INVALID_STATE, () -> store.renameExperiment(id, "c"))
        .hasMessage("Cannot rename a non-active experiment.");
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.renameExperiment("999", "c"));
  }

  @Test
  void deletingAnExperimentSoftDeletesItsRunsAndRestoringBringsThemBack() {
    String id = store.createExperiment("exp", null, List.of());
    String run = newRun(id, 1).info().runId();

    store.deleteExperiment(id);

    assertThat(store.getExperiment(id).lifecycleStage()).isEqualTo(LifecycleStage.DELETED);
    assertThat(store.getRun(run).info().lifecycleStage()).isEqualTo(LifecycleStage.DELETED);
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.deleteExperiment(id));

    store.restoreExperiment(id);

    assertThat(store.getExperiment(id).lifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
    assertThat(store.getRun(run).info().lifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.restoreExperiment(id));
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.deleteExperiment("4242"));
  }

  @Test
  void experimentTagsAreUpsertedAndNeedAnActiveExperiment() {
    String id = store.createExperiment("exp", null, List.of(new ExperimentTag("k", "v1")));

    store.setExperimentTag(id, new ExperimentTag("k", "v2"));
    store.setExperimentTag(id, new ExperimentTag("other", "x"));

    assertThat(store.getExperiment(id).tags())
        .containsExactlyInAnyOrder(new ExperimentTag("k", "v2"), new ExperimentTag("other", "x"));

    store.deleteExperiment(id);
    assertError(
            ErrorCode.INVALID_PARAMETER_VALUE,
            () -> store.setExperimentTag(id, new ExperimentTag("k", "v3")))
        .hasMessage(
            "The experiment " + id + " must be in the 'active' state. Current state is deleted.");
    assertError(
        ErrorCode.RESOURCE_DOES_NOT_EXIST,
        () -> store.setExperimentTag("777", new ExperimentTag("k", "v")));
  }

  // =============================================================================================
  // runs
  // =============================================================================================

  @Test
  void createRunFillsInMlflowDefaults() {
    String exp = store.createExperiment("exp", null, List.of());

    Run run = store.createRun(new NewRun(exp, "alice", 1_000L, null, List.of()));

    RunInfo info = run.info();
    assertThat(info.runId()).matches("[0-9a-f]{32}");
    assertThat(info.experimentId()).isEqualTo(exp);
    assertThat(info.userId()).isEqualTo("alice");
    assertThat(info.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(info.startTime()).isEqualTo(1_000L);
    assertThat(info.endTime()).isNull();
    assertThat(info.lifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
    assertThat(info.artifactUri())
        .isEqualTo("mlflow-artifacts:/" + exp + "/" + info.runId() + "/artifacts");
    assertThat(info.runName()).matches("[a-z]+-[a-z]+-\\d{1,3}");
    assertThat(run.data().tags()).containsExactly(new RunTag("mlflow.runName", info.runName()));
    assertThat(run.data().metrics()).isEmpty();
    assertThat(run.data().params()).isEmpty();
    assertThat(run.inputs()).isEmpty();
    assertThat(store.getRun(info.runId())).isEqualTo(run);
  }

  @Test
  void aGivenRunNameIsMirroredIntoTheRunNameTagAndViceVersa() {
    Run named = store.createRun(new NewRun("0", "u", 1, "my-run", List.of(new RunTag("a", "b"))));
    assertThat(named.info().runName()).isEqualTo("my-run");
    assertThat(named.data().tags())
        .containsExactlyInAnyOrder(new RunTag("a", "b"), new RunTag("mlflow.runName", "my-run"));

    Run tagged =
        store.createRun(
            new NewRun("0", "u", 1, null, List.of(new RunTag("mlflow.runName", "from-tag"))));
    assertThat(tagged.info().runName()).isEqualTo("from-tag");

    Run both =
        store.createRun(
            new NewRun("0", "u", 1, "same", List.of(new RunTag("mlflow.runName", "same"))));
    assertThat(both.info().runName()).isEqualTo("same");
  }

  @Test
  void aRunNameThatContradictsTheRunNameTagIsRejected() {
    assertError(
            ErrorCode.INVALID_PARAMETER_VALUE,
            () ->
                store.createRun(
                    new NewRun("0", "u", 1, "a", List.of(new RunTag("mlflow.runName", "b")))))
        .hasMessage(
            "Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different"
                + " values (run_name='a', mlflow.runName='b').");
  }

  @Test
  void createRunNeedsAnExistingActiveExperiment() {
    assertError(
            ErrorCode.RESOURCE_DOES_NOT_EXIST,
            () -> store.createRun(new NewRun("31337", "u", 1, null, List.of())))
        .hasMessage("No Experiment with id=31337 exists");

    String exp = store.createExperiment("exp", null, List.of());
    store.deleteExperiment(exp);
    assertError(
            ErrorCode.INVALID_PARAMETER_VALUE,
            () -> store.createRun(new NewRun(exp, "u", 1, null, List.of())))
        .hasMessage(
            "The experiment " + exp + " must be in the 'active' state. Current state is deleted.");
  }

  @Test
  void unknownRunsAreReportedAsMissing() {
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.getRun("deadbeef"))
        .hasMessage("Run with id=deadbeef not found");
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.deleteRun("deadbeef"));
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.restoreRun("deadbeef"));
    assertError(
        ErrorCode.RESOURCE_DOES_NOT_EXIST,
        () -> store.updateRun("deadbeef", RunStatus.FINISHED, 5L, null));
    assertError(
        ErrorCode.RESOURCE_DOES_NOT_EXIST,
        () -> store.logBatch("deadbeef", List.of(), List.of(new Param("a", "1")), List.of()));
    assertError(
        ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.setTag("deadbeef", new RunTag("a", "b")));
  }

  @Test
  void updateRunChangesOnlyTheGivenFields() {
    String runId = newRun("0", 10).info().runId();

    RunInfo finished = store.updateRun(runId, RunStatus.FINISHED, 20L, null);

    assertThat(finished.status()).isEqualTo(RunStatus.FINISHED);
    assertThat(finished.endTime()).isEqualTo(20L);
    assertThat(store.getRun(runId).info()).isEqualTo(finished);

    RunInfo renamed = store.updateRun(runId, null, null, "renamed");
    assertThat(renamed.status()).isEqualTo(RunStatus.FINISHED);
    assertThat(renamed.endTime()).isEqualTo(20L);
    assertThat(renamed.runName()).isEqualTo("renamed");
    assertThat(store.getRun(runId).data().tags()).contains(new RunTag("mlflow.runName", "renamed"));
  }

  @Test
  void settingTheRunNameTagRenamesTheRun() {
    String runId = newRun("0", 10).info().runId();

    store.setTag(runId, new RunTag("mlflow.runName", "via-tag"));
    assertThat(store.getRun(runId).info().runName()).isEqualTo("via-tag");

    store.logBatch(runId, List.of(), List.of(), List.of(new RunTag("mlflow.runName", "via-batch")));
    Run run = store.getRun(runId);
    assertThat(run.info().runName()).isEqualTo("via-batch");
    assertThat(run.data().tags()).contains(new RunTag("mlflow.runName", "via-batch"));
  }

  @Test
  void deletedRunsCanBeReadAndRestored() {
    String runId = newRun("0", 10).info().runId();

    store.deleteRun(runId);
    assertThat(store.getRun(runId).info().lifecycleStage()).isEqualTo(LifecycleStage.DELETED);

    store.restoreRun(runId);
    assertThat(store.getRun(runId).info().lifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
  }

  @Test
  void writesToADeletedRunAreRejectedAsMlflowDoes() {
    String runId = newRun("0", 10).info().runId();
    store.setTag(runId, new RunTag("present", "yes"));
    store.deleteRun(runId);
    String message =
        "The run " + runId + " must be in the 'active' state. Current state is deleted.";

    List<ThrowingCallable> writes =
        List.of(
            () -> store.updateRun(runId, RunStatus.FINISHED, 1L, null),
            () -> store.setTag(runId, new RunTag("a", "b")),
            () -> store.deleteTag(runId, "present"),
            () -> store.logBatch(runId, List.of(metric("m", 1, 1, 0)), List.of(), List.of()),
            () -> store.logInputs(runId, List.of(input("ds", "d1", "training"))),
            () -> store.recordLoggedModel(runId, "{\"artifact_path\": \"model\"}"));
    for (ThrowingCallable write : writes) {
      assertError(ErrorCode.INVALID_PARAMETER_VALUE, write).hasMessage(message);
    }
    store.restoreRun(runId);
    Run run = store.getRun(runId);
    assertThat(run.data().metrics()).isEmpty();
    assertThat(run.data().tags()).contains(new RunTag("present", "yes"));
  }

  @Test
  void tagsAreUpsertedAndDeleted() {
    String runId = newRun("0", 10).info().runId();

    store.setTag(runId, new RunTag("k", "v1"));
    store.setTag(runId, new RunTag("k", "v2"));
    assertThat(store.getRun(runId).data().tags()).contains(new RunTag("k", "v2"));

    store.deleteTag(runId, "k");
    assertThat(store.getRun(runId).data().tags()).extracting(RunTag::key).doesNotContain("k");

    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.deleteTag(runId, "k"))
        .hasMessage("No tag with name: k in run with id " + runId);
  }

  @Test
  void deletingTheRunNameTagKeepsTheRunsNameAndEmptyNamesChangeNothing() {
    String runId = newRun("0", 10, "keep-me").info().runId();

    store.updateRun(runId, null, null, "");
    store.setTag(runId, new RunTag("mlflow.runName", ""));
    assertThat(store.getRun(runId).info().runName()).isEqualTo("keep-me");

    store.deleteTag(runId, "mlflow.runName");
    Run run = store.getRun(runId);
    assertThat(run.info().runName()).isEqualTo("keep-me");
    assertThat(run.data().tags()).extracting(RunTag::key).doesNotContain("mlflow.runName");
  }

  @Test
  void repeatedTagKeysInOneRequestKeepTheLastValue() {
    Run run =
        store.createRun(
            new NewRun(
                "0", "u", 1, "r", List.of(new RunTag("k", "first"), new RunTag("k", "last"))));
    store.logBatch(
        run.info().runId(),
        List.of(),
        List.of(),
        List.of(new RunTag("j", "first"), new RunTag("j", "last")));

    assertThat(store.getRun(run.info().runId()).data().tags())
        .contains(new RunTag("k", "last"), new RunTag("j", "last"));
  }

  // =============================================================================================
  // log-batch
  // =============================================================================================

  @Test
  void logBatchRecordsMetricsParamsAndTags() {
    String runId = newRun("0", 10).info().runId();

    store.logBatch(
        runId,
        List.of(
            metric("loss", 0.5, 100, 0), metric("loss", 0.25, 200, 1), metric("acc", 0.9, 200, 1)),
        List.of(new Param("lr", "0.01"), new Param("depth", "3")),
        List.of(new RunTag("team", "a")));

    Run run = store.getRun(runId);
    assertThat(run.data().metrics())
        .containsExactlyInAnyOrder(metric("loss", 0.25, 200, 1), metric("acc", 0.9, 200, 1));
    assertThat(run.data().params())
        .containsExactlyInAnyOrder(new Param("lr", "0.01"), new Param("depth", "3"));
    assertThat(run.data().tags()).contains(new RunTag("team", "a"));
    assertThat(history(runId, "loss"))
        .containsExactly(metric("loss", 0.5, 100, 0), metric("loss", 0.25, 200, 1));
  }

  @Test
  void reloggingAParamWithTheSameValueIsFine() {
    String runId = newRun("0", 10).info().runId();
    store.logBatch(runId, List.of(), List.of(new Param("lr", "0.01")), List.of());

    store.logBatch(
        runId, List.of(), List.of(new Param("lr", "0.01"), new Param("lr", "0.01")), List.of());

    assertThat(store.getRun(runId).data().params()).containsExactly(new Param("lr", "0.01"));
  }

  @Test
  void changingAParamFailsTheWholeBatchWithMlflowsMessage() {
    String runId = newRun("0", 10).info().runId();
    store.logBatch(runId, List.of(), List.of(new Param("lr", "0.01")), List.of());

    assertError(
            ErrorCode.INVALID_PARAMETER_VALUE,
            () ->
                store.logBatch(
                    runId,
                    List.of(metric("loss", 1, 1, 0)),
                    List.of(new Param("fresh", "1"), new Param("lr", "0.02")),
                    List.of(new RunTag("t", "v"))))
        .hasMessage(
            "Changing param values is not allowed. Params were already logged="
                + "'[{'key': 'lr', 'old_value': '0.01', 'new_value': '0.02'}]' for run ID='"
                + runId
                + "'.");

    Run run = store.getRun(runId);
    assertThat(run.data().params()).containsExactly(new Param("lr", "0.01"));
    assertThat(run.data().metrics()).isEmpty();
    assertThat(run.data().tags()).extracting(RunTag::key).doesNotContain("t");
    assertThat(history(runId, "loss")).isEmpty();
  }

  @Test
  void aBatchThatGivesOneParamTwoValuesIsRejectedWhole() {
    String runId = newRun("0", 10).info().runId();

    assertError(
            ErrorCode.INVALID_PARAMETER_VALUE,
            () ->
                store.logBatch(
                    runId,
                    List.of(metric("m", 1, 1, 1)),
                    List.of(new Param("p", "1"), new Param("p", "2")),
                    List.of()))
        .hasMessageContaining("Duplicate parameter keys have been submitted: ['p']");
    assertThat(store.getRun(runId).data().metrics()).isEmpty();
  }

  @Test
  void theLatestMetricIsTheValueAtTheHighestStepThenTimestampThenValue() {
    String runId = newRun("0", 10).info().runId();

    store.logBatch(runId, List.of(metric("m", 5, 100, 3)), List.of(), List.of());
    store.logBatch(runId, List.of(metric("m", 9, 999, 2)), List.of(), List.of());
    assertThat(latest(runId, "m")).isEqualTo(metric("m", 5, 100, 3));

    store.logBatch(runId, List.of(metric("m", 4, 101, 3)), List.of(), List.of());
    assertThat(latest(runId, "m")).isEqualTo(metric("m", 4, 101, 3));

    store.logBatch(
        runId, List.of(metric("m", 7, 101, 3), metric("m", 6, 101, 3)), List.of(), List.of());
    assertThat(latest(runId, "m")).isEqualTo(metric("m", 7, 101, 3));

    store.logBatch(runId, List.of(metric("m", -1, 5, 4)), List.of(), List.of());
    assertThat(latest(runId, "m")).isEqualTo(metric("m", -1, 5, 4));
    assertThat(history(runId, "m")).hasSize(6);
  }

  @Test
  void nanAndInfinitiesRoundTripThroughHistoryAndLatestValues() {
    String runId = newRun("0", 10).info().runId();

    store.logBatch(
        runId,
        List.of(
            metric("nan", Double.NaN, 1, 0),
            metric("pinf", Double.POSITIVE_INFINITY, 1, 0),
            metric("ninf", Double.NEGATIVE_INFINITY, 1, 0),
            metric("mixed", 1.5, 1, 0),
            metric("mixed", Double.NaN, 2, 1),
            metric("mixed", 0.0, 3, 2)),
        List.of(),
        List.of());

    assertThat(latest(runId, "nan").value()).isNaN();
    assertThat(latest(runId, "pinf").value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(latest(runId, "ninf").value()).isEqualTo(Double.NEGATIVE_INFINITY);
    List<Metric> mixed = history(runId, "mixed");
    assertThat(mixed).extracting(Metric::step).containsExactly(0L, 1L, 2L);
    assertThat(mixed.get(0).value()).isEqualTo(1.5);
    assertThat(mixed.get(1).value()).isNaN();
    assertThat(mixed.get(2).value()).isEqualTo(0.0);
    assertThat(latest(runId, "mixed").value()).isEqualTo(0.0);
  }

  @Test
  void identicalObservationsAreStoredOnce() {
    String runId = newRun("0", 10).info().runId();
    Metric m = metric("m", 1.0, 5, 1);

    store.logBatch(runId, List.of(m, m), List.of(), List.of());
    store.logBatch(runId, List.of(m, metric("m", Double.NaN, 5, 1)), List.of(), List.of());

    assertThat(history(runId, "m")).hasSize(2);
  }

  @Test
  void aThousandMetricBatchIsWrittenAtOnce() {
    String runId = newRun("0", 10).info().runId();
    List<Metric> batch = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      batch.add(metric("k" + (i % 10), i, 1_000 + i, i / 10));
    }

    store.logBatch(runId, batch, List.of(), List.of());

    Run run = store.getRun(runId);
    assertThat(run.data().metrics()).hasSize(10);
    assertThat(latest(runId, "k9")).isEqualTo(metric("k9", 999, 1_999, 99));
    assertThat(history(runId, "k0")).hasSize(100);
  }

  // =============================================================================================
  // metric history
  // =============================================================================================

  @Test
  void historyIsOrderedByStepTimestampAndValueAndPagesWithTokens() {
    String runId = newRun("0", 10).info().runId();
    store.logBatch(
        runId,
        List.of(
            metric("m", 3, 30, 2),
            metric("m", 1, 10, 0),
            metric("m", 2, 20, 1),
            metric("m", 0.5, 15, 1),
            metric("m", 0.1, 15, 1),
            metric("other", 9, 1, 0)),
        List.of(),
        List.of());

    assertThat(history(runId, "m"))
        .containsExactly(
            metric("m", 1, 10, 0),
            metric("m", 0.1, 15, 1),
            metric("m", 0.5, 15, 1),
            metric("m", 2, 20, 1),
            metric("m", 3, 30, 2));

    Page<Metric> first = store.getMetricHistory(runId, "m", 2, 0);
    assertThat(first.items()).containsExactly(metric("m", 1, 10, 0), metric("m", 0.1, 15, 1));
    Page<Metric> second =
        store.getMetricHistory(runId, "m", 2, PageToken.decode(first.nextPageToken()));
    assertThat(second.items()).containsExactly(metric("m", 0.5, 15, 1), metric("m", 2, 20, 1));
    Page<Metric> last =
        store.getMetricHistory(runId, "m", 2, PageToken.decode(second.nextPageToken()));
    assertThat(last.items()).containsExactly(metric("m", 3, 30, 2));
    assertThat(last.nextPageToken()).isNull();
    assertThat(store.getMetricHistory(runId, "m", 5, 0).nextPageToken()).isNull();
    assertThat(store.getMetricHistory(runId, "missing", null, 0).items()).isEmpty();
  }

  @Test
  void historyOfAnUnknownRunIsEmptyAndPageSizesMustBePositive() {
    assertThat(store.getMetricHistory("no-such-run", "m", null, 0).items()).isEmpty();
    assertError(ErrorCode.INVALID_PARAMETER_VALUE, () -> store.getMetricHistory("r", "m", 0, 0));
    assertError(
        ErrorCode.INVALID_PARAMETER_VALUE, () -> search("0", null, ViewType.ALL, 0, List.of(), 0));
    assertError(
        ErrorCode.INVALID_PARAMETER_VALUE,
        () -> store.searchExperiments(new ExperimentSearch(null, ViewType.ALL, 0, List.of(), 0)));
  }

  @Test
  void historiesOf26000PointsComeBackCompleteAndInOrder() {
    String runId = newRun("0", 10).info().runId();
    int points = 26_000;
    for (int from = 0; from < points; from += 1000) {
      List<Metric> batch = new ArrayList<>(1000);
      for (int step = from + 999; step >= from; step--) {
        batch.add(metric("loss", 1.0 / (step + 1), 1_000_000L + step, step));
      }
      store.logBatch(runId, batch, List.of(), List.of());
    }

    List<Metric> all = history(runId, "loss");
    assertThat(all).hasSize(points);
    assertThat(all).extracting(Metric::step).isSorted();
    assertThat(all.get(points - 1))
        .isEqualTo(metric("loss", 1.0 / points, 1_000_000L + points - 1, points - 1));
    assertThat(latest(runId, "loss").step()).isEqualTo(points - 1);

    List<Metric> paged = new ArrayList<>();
    int offset = 0;
    while (true) {
      Page<Metric> page = store.getMetricHistory(runId, "loss", 10_000, offset);
      paged.addAll(page.items());
      if (page.nextPageToken() == null) {
        break;
      }
      offset = PageToken.decode(page.nextPageToken());
    }
    assertThat(paged).isEqualTo(all);
  }

  @Test
  void bulkIntervalHistoryCoversSeveralRunsWithinAStepRange() {
    String a = newRun("0", 1).info().runId();
    String b = newRun("0", 2).info().runId();
    for (String run : List.of(a, b)) {
      List<Metric> batch = new ArrayList<>();
      for (int step = 0; step < 10; step++) {
        batch.add(metric("m", step * 10.0, 100 + step, step));
      }
      batch.add(metric("other", 1, 1, 5));
      store.logBatch(run, batch, List.of(), List.of());
    }

    List<MetricWithRunId> result =
        store.getMetricHistoryBulkInterval(List.of(b, a, "missing"), "m", 3L, 5L);

    List<String> sortedRuns = new ArrayList<>(List.of(a, b));
    sortedRuns.sort(null);
    assertThat(result).hasSize(6);
    assertThat(result).extracting(MetricWithRunId::runId).isSorted();
    assertThat(result.subList(0, 3))
        .extracting(r -> r.runId() + ":" + r.metric().step())
        .containsExactly(
            sortedRuns.get(0) + ":3", sortedRuns.get(0) + ":4", sortedRuns.get(0) + ":5");
    assertThat(store.getMetricHistoryBulkInterval(List.of(a), "m", null, null)).hasSize(10);
    assertThat(store.getMetricHistoryBulkInterval(List.of(a), "m", 8L, null))
        .extracting(r -> r.metric().step())
        .containsExactly(8L, 9L);
    assertThat(store.getMetricHistoryBulkInterval(List.of(), "m", null, null)).isEmpty();
  }

  // =============================================================================================
  // inputs and logged models
  // =============================================================================================

  @Test
  void datasetInputsAreRecordedOncePerRunAndSharedWithinTheExperiment() {
    String exp = store.createExperiment("exp", null, List.of());
    String a = newRun(exp, 1).info().runId();
    String b = newRun(exp, 2).info().runId();

    store.logInputs(a, List.of(input("train", "d1", "training"), input("train", "d1", "other")));
    store.logInputs(a, List.of(input("train", "d1", "again"), input("eval", "d2", "eval")));
    store.logInputs(b, List.of(input("train", "d1", "training")));

    Run runA = store.getRun(a);
    assertThat(runA.inputs()).hasSize(2);
    DatasetInput train =
        runA.inputs().stream()
            .filter(i -> i.dataset().name().equals("train"))
            .findFirst()
            .orElseThrow();
    assertThat(train.tags()).containsExactly(new InputTag("mlflow.data.context", "training"));
    assertThat(train.dataset())
        .isEqualTo(
            new Dataset("train", "d1", "local", "{\"uri\": \"/data/train\"}", "{\"s\": 1}", null));
    assertThat(store.getRun(b).inputs())
        .extracting(i -> i.dataset().digest())
        .containsExactly("d1");
  }

  @Test
  void incompleteDatasetsAreRejected() {
    String runId = newRun("0", 1).info().runId();
    Dataset noDigest = new Dataset("n", null, "local", "src", null, null);

    assertError(
        ErrorCode.INVALID_PARAMETER_VALUE,
        () -> store.logInputs(runId, List.of(new DatasetInput(List.of(), noDigest))));
  }

  @Test
  void loggedModelsAreAppendedToTheHistoryTag() throws Exception {
    String runId = newRun("0", 1).info().runId();

    store.recordLoggedModel(runId, "{\"artifact_path\": \"model\", \"flavors\": {}}");
    store.recordLoggedModel(runId, "{\"artifact_path\": \"model2\"}");

    String history =
        store.getRun(runId).data().tags().stream()
            .filter(t -> t.key().equals("mlflow.log-model.history"))
            .findFirst()
            .orElseThrow()
            .value();
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(history);
    assertThat(json.isArray()).isTrue();
    assertThat(json.size()).isEqualTo(2);
    assertThat(json.get(0).get("artifact_path").asText()).isEqualTo("model");
    assertThat(json.get(1).get("artifact_path").asText()).isEqualTo("model2");

    assertError(
        ErrorCode.INVALID_PARAMETER_VALUE, () -> store.recordLoggedModel(runId, "not json"));
    assertError(ErrorCode.INVALID_PARAMETER_VALUE, () -> store.recordLoggedModel(runId, "[1]"));
  }

  @Test
  void aLoggedModelHistoryOverTheTagLimitIsRejectedAndTheOldHistoryKept() throws Exception {
    String runId = newRun("0", 1).info().runId();
    String big = "{\"artifact_path\": \"" + "x".repeat(5_000) + "\"}";
    store.recordLoggedModel(runId, big);

    assertError(ErrorCode.INVALID_PARAMETER_VALUE, () -> store.recordLoggedModel(runId, big))
        .hasMessageContaining("which exceeded length limit of 8000");

    String history =
        store.getRun(runId).data().tags().stream()
            .filter(t -> t.key().equals("mlflow.log-model.history"))
            .findFirst()
            .orElseThrow()
            .value();
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(history).size())
        .isEqualTo(1);
  }

  // =============================================================================================
  // concurrency
  // =============================================================================================

  @Test
  void concurrentWritersNeverFailAndLoseNothing() throws Exception {
    String exp = store.createExperiment("busy", null, List.of());
    String shared = newRun(exp, 1).info().runId();
    int threads = 8;
    int rounds = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<String>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Callable<String> work =
            () -> {
              start.await();
              String own = newRun(exp, 100 + thread).info().runId();
              for (int i = 0; i < rounds; i++) {
                List<Metric> metrics = new ArrayList<>();
                for (int k = 0; k < 20; k++) {
                  metrics.add(metric("m" + k, i, 1_000 + i, i));
                }
                store.logBatch(own, metrics, List.of(new Param("p" + i, "v")), List.of());
                store.logBatch(
                    shared,
                    List.of(metric("t" + thread, i, 1_000 + i, i)),
                    List.of(new Param("shared", "same")),
                    List.of(new RunTag("t" + thread, Integer.toString(i))));
                store.getRun(shared);
              }
              return own;
            };
        futures.add(pool.submit(work));
      }
      start.countDown();
      List<String> own = new ArrayList<>();
      for (Future<String> f : futures) {
        own.add(f.get(120, TimeUnit.SECONDS));
      }
      for (String runId : own) {
        Run run = store.getRun(runId);
        assertThat(run.data().params()).hasSize(rounds);
        assertThat(history(runId, "m7")).hasSize(rounds);
      }
      Run sharedRun = store.getRun(shared);
      assertThat(sharedRun.data().metrics()).hasSize(threads);
      assertThat(sharedRun.data().metrics())
          .allSatisfy(m -> assertThat(m.step()).isEqualTo(rounds - 1));
      assertThat(sharedRun.data().params()).containsExactly(new Param("shared", "same"));
    } finally {
      pool.shutdownNow();
    }
  }

  // =============================================================================================
  // search runs
  // =============================================================================================

  @Test
  void runsComeNewestFirstWithRunIdBreakingTies() {
    String exp = store.createExperiment("exp", null, List.of());
    String old = newRun(exp, 100, "old").info().runId();
    String tieA = newRun(exp, 200, "tie-a").info().runId();
    String tieB = newRun(exp, 200, "tie-b").info().runId();
    List<String> tie = new ArrayList<>(List.of(tieA, tieB));
    tie.sort(null);

    List<String> ids = searchIds(exp, null);

    assertThat(ids).containsExactly(tie.get(0), tie.get(1), old);
  }

  @Test
  void searchReturnsRunsWithTheirDataAndInputs() {
    String exp = store.createExperiment("exp", null, List.of());
    String runId = newRun(exp, 1, "full").info().runId();
    store.logBatch(
        runId,
        List.of(metric("m", 1, 1, 1)),
        List.of(new Param("p", "v")),
        List.of(new RunTag("t", "x")));
    store.logInputs(runId, List.of(input("ds", "d", "training")));

    Run found = search(exp, null, ViewType.ACTIVE_ONLY, 10, List.of(), 0).items().get(0);

    assertThat(found).isEqualTo(store.getRun(runId));
  }

  @Test
  void metricFiltersCompareTheLatestValue() {
    String exp = store.createExperiment("exp", null, List.of());
    runWith(exp, "low", 1, Map.of(), Map.of(), Map.of("acc", 0.5));
    runWith(exp, "high", 2, Map.of(), Map.of(), Map.of("acc", 0.9));
    String climber = runWith(exp, "climber", 3, Map.of(), Map.of(), Map.of("acc", 0.95));
    store.logBatch(climber, List.of(metric("acc", 0.1, 5, 10)), List.of(), List.of());
    runWith(exp, "none", 4, Map.of(), Map.of(), Map.of());

    assertThat(names(exp, cmp(EntityType.METRIC, "acc", Comparator.GT, num(0.6))))
        .containsExactly("high");
    assertThat(names(exp, cmp(EntityType.METRIC, "acc", Comparator.GTE, num(0.5))))
        .containsExactly("high", "low");
    assertThat(names(exp, cmp(EntityType.METRIC, "acc", Comparator.LT, num(0.5))))
        .containsExactly("climber");
    assertThat(names(exp, cmp(EntityType.METRIC, "acc", Comparator.LTE, num(0.5))))
        .containsExactly("climber", "low");
    assertThat(names(exp, cmp(EntityType.METRIC, "acc", Comparator.EQ, num(0.9))))
        .containsExactly("high");
    assertThat(names(exp, cmp(EntityType.METRIC, "acc", Comparator.NEQ, num(0.9))))
        .containsExactly("climber", "low");
  }

  @Test
  void nanMetricsMatchOnlyInequality() {
    String exp = store.createExperiment("exp", null, List.of());
    runWith(exp, "nan", 1, Map.of(), Map.of(), Map.of("m", Double.NaN));
    runWith(exp, "zero", 2, Map.of(), Map.of(), Map.of("m", 0.0));
    runWith(exp, "inf", 3, Map.of(), Map.of(), Map.of("m", Double.POSITIVE_INFINITY));

    assertThat(names(exp, cmp(EntityType.METRIC, "m", Comparator.LT, num(1))))
        .containsExactly("zero");
    assertThat(names(exp, cmp(EntityType.METRIC, "m", Comparator.GT, num(1e308))))
        .containsExactly("inf");
    assertThat(names(exp, cmp(EntityType.METRIC, "m", Comparator.NEQ, num(0))))
        .containsExactly("inf", "nan");
  }

  @Test
  void paramAndTagFiltersSupportEqualityAndLikeWithMlflowsCaseRules() {
    String exp = store.createExperiment("exp", null, List.of());
    runWith(exp, "adam", 1, Map.of("optimizer", "Adam"), Map.of("env", "Prod"), Map.of());
    runWith(exp, "adamw", 2, Map.of("optimizer", "adamw"), Map.of("env", "prod"), Map.of());
    runWith(exp, "sgd", 3, Map.of("optimizer", "sgd"), Map.of("env", "dev"), Map.of());
    runWith(exp, "bare", 4, Map.of(), Map.of(), Map.of());

    assertThat(names(exp, cmp(EntityType.PARAM, "optimizer", Comparator.EQ, text("adamw"))))
        .containsExactly("adamw");
    assertThat(names(exp, cmp(EntityType.PARAM, "optimizer", Comparator.EQ, text("ADAMW"))))
        .isEmpty();
    assertThat(names(exp, cmp(EntityType.PARAM, "optimizer", Comparator.NEQ, text("sgd"))))
        .containsExactly("adamw", "adam");
    assertThat(names(exp, cmp(EntityType.PARAM, "optimizer", Comparator.LIKE, text("adam%"))))
        .containsExactly("adamw");
    assertThat(names(exp, cmp(EntityType.PARAM, "optimizer", Comparator.LIKE, text("A%"))))
        .containsExactly("adam");
    assertThat(names(exp, cmp(EntityType.PARAM, "optimizer", Comparator.ILIKE, text("ADAM%"))))
        .containsExactly("adamw", "adam");
    assertThat(names(exp, cmp(EntityType.PARAM, "optimizer", Comparator.LIKE, text("_gd"))))
        .containsExactly("sgd");
    assertThat(names(exp, cmp(EntityType.TAG, "env", Comparator.EQ, text("prod"))))
        .containsExactly("adamw");
    assertThat(names(exp, cmp(EntityType.TAG, "env", Comparator.LIKE, text("%rod"))))
        .containsExactly("adamw", "adam");
    assertThat(names(exp, cmp(EntityType.TAG, "env", Comparator.ILIKE, text("PROD"))))
        .containsExactly("adamw", "adam");
    assertThat(names(exp, cmp(EntityType.TAG, "env", Comparator.NEQ, text("dev"))))
        .containsExactly("adamw", "adam");
    assertThat(names(exp, cmp(EntityType.TAG, "env", Comparator.IN, list("dev", "Prod"))))
        .containsExactly("sgd", "adam");
  }

  @Test
  void longParamValuesAreSearchableByExactValue() {
    String exp = store.createExperiment("exp", null, List.of());
    String longValue = "x".repeat(5_000) + "-end";
    runWith(exp, "long", 1, Map.of("blob", longValue), Map.of(), Map.of());
    runWith(exp, "similar", 2, Map.of("blob", "x".repeat(5_000) + "-other"), Map.of(), Map.of());

    assertThat(names(exp, cmp(EntityType.PARAM, "blob", Comparator.EQ, text(longValue))))
        .containsExactly("long");
  }

  @Test
  void likeTreatsBackslashAsTheEscapeCharacter() {
    String exp = store.createExperiment("exp", null, List.of());
    runWith(exp, "literal", 1, Map.of("p", "50%_off"), Map.of(), Map.of());
    runWith(exp, "wild", 2, Map.of("p", "50 percent off"), Map.of(), Map.of());

    assertThat(names(exp, cmp(EntityType.PARAM, "p", Comparator.LIKE, text("50\\%\\_off"))))
        .containsExactly("literal");
    assertThat(names(exp, cmp(EntityType.PARAM, "p", Comparator.LIKE, text("50%off"))))
        .containsExactly("wild", "literal");
  }

  @Test
  void filtersCombineWithAndOrAndNesting() {
    String exp = store.createExperiment("exp", null, List.of());
    runWith(exp, "a", 1, Map.of("model", "cnn"), Map.of(), Map.of("acc", 0.9));
    runWith(exp, "b", 2, Map.of("model", "cnn"), Map.of(), Map.of("acc", 0.5));
    runWith(exp, "c", 3, Map.of("model", "rnn"), Map.of(), Map.of("acc", 0.95));
    runWith(exp, "d", 4, Map.of("model", "mlp"), Map.of(), Map.of("acc", 0.99));

    FilterExpr cnn = cmp(EntityType.PARAM, "model", Comparator.EQ, text("cnn"));
    FilterExpr rnn = cmp(EntityType.PARAM, "model", Comparator.EQ, text("rnn"));
    FilterExpr good = cmp(EntityType.METRIC, "acc", Comparator.GT, num(0.8));

    assertThat(names(exp, and(cnn, good))).containsExactly("a");
    assertThat(names(exp, or(cnn, good))).containsExactly("d", "c", "b", "a");
    assertThat(names(exp, and(or(cnn, rnn), good))).containsExactly("c", "a");
    assertThat(names(exp, or(and(cnn, good), and(rnn, good)))).containsExactly("c", "a");
    assertThat(names(exp, and())).containsExactly("d", "c", "b", "a");
    assertThat(names(exp, or())).isEmpty();
  }

  @Test
  void attributeFiltersCoverIdsNamesStatusUsersTimesAndUris() {
    String exp = store.createExperiment("exp", null, List.of());
    String a = store.createRun(new NewRun(exp, "alice", 100, "Alpha", List.of())).info().runId();
    String b = store.createRun(new NewRun(exp, "bob", 200, "beta", List.of())).info().runId();
    String c = store.createRun(new NewRun(exp, "carol", 300, "gamma", List.of())).info().runId();
    store.updateRun(b, RunStatus.FINISHED, 250L, null);
    store.updateRun(c, RunStatus.FAILED, 400L, null);

    assertThat(names(exp, cmp(EntityType.ATTRIBUTE, "run_id", Comparator.IN, list(a, c))))
        .containsExactly("gamma", "Alpha");
    assertThat(names(exp, cmp(EntityType.ATTRIBUTE, "run_id", Comparator.NOT_IN, list(a, c))))
        .containsExactly("beta");
    assertThat(names(exp, cmp(EntityType.ATTRIBUTE, "run_id", Comparator.EQ, text(b))))
        .containsExactly("beta");
    assertThat(names(exp, cmp(EntityType.ATTRIBUTE, "run_name", Comparator.EQ, text("Alpha"))))
        .containsExactly("Alpha");
    assertThat(names(exp, cmp(EntityType.ATTRIBUTE, "run_name", Comparator.LIKE, text("a%"))))
        .isEmpty();
    assertThat(names(exp, cmp(EntityType.ATTRIBUTE, "run_name", Comparator.ILIKE, text("a%"))))
        .containsExactly("Alpha");
    assertThat(names(exp, cmp(EntityType.ATTRIBUTE, "status", Comparator.EQ, text("FINISHED"))))
        .containsExactly("beta");
    assertThat(names(exp, cmp(EntityType.ATTRIBUTE, "status", Comparator.NEQ, text("RUNNING"))))
        .containsExactly("gamma", "beta");
    assertThat(names(exp, cmp(EntityType.ATTRIBUTE, "user_id", Comparator.EQ, text("carol"))))
        .containsExactly("gamma");
    assertThat(names(exp, cmp(EntityType.ATTRIBUTE, "start_time", Comparator.GTE, num(200))))
        .containsExactly("gamma", "beta");
    assertThat(names(exp, cmp(EntityType.ATTRIBUTE, "start_time", Comparator.LT, num(200))))
        .containsExactly("Alpha");
    assertThat(names(exp, cmp(EntityType.ATTRIBUTE, "end_time", Comparator.GT, num(300))))
        .containsExactly("gamma");
    assertThat(names(exp, cmp(EntityType.ATTRIBUTE, "end_time", Comparator.LTE, num(300))))
        .containsExactly("beta");
    assertThat(
            names(
                exp,
                cmp(EntityType.ATTRIBUTE, "artifact_uri", Comparator.LIKE, text("%" + a + "%"))))
        .containsExactly("Alpha");
  }

  @Test
  void lifecycleIsFilterableAndViewTypesSelectStages() {
    String exp = store.createExperiment("exp", null, List.of());
    newRun(exp, 1, "live");
    String gone = newRun(exp, 2, "gone").info().runId();
    store.deleteRun(gone);

    assertThat(namesIn(exp, null, ViewType.ACTIVE_ONLY)).containsExactly("live");
    assertThat(namesIn(exp, null, ViewType.DELETED_ONLY)).containsExactly("gone");
    assertThat(namesIn(exp, null, ViewType.ALL)).containsExactly("gone", "live");
    assertThat(
            namesIn(
                exp,
                cmp(EntityType.ATTRIBUTE, "lifecycle_stage", Comparator.EQ, text("deleted")),
                ViewType.ALL))
        .containsExactly("gone");
  }

  @Test
  void datasetFiltersMatchNameDigestAndContext() {
    String exp = store.createExperiment("exp", null, List.of());
    String a = newRun(exp, 1, "a").info().runId();
    String b = newRun(exp, 2, "b").info().runId();
    newRun(exp, 3, "c");
    store.logInputs(a, List.of(input("train", "d1", "training")));
    store.logInputs(
        b, List.of(input("train", "d2", "evaluation"), input("extra", "d9", "training")));

    assertThat(names(exp, cmp(EntityType.DATASET, "name", Comparator.EQ, text("train"))))
        .containsExactly("b", "a");
    assertThat(names(exp, cmp(EntityType.DATASET, "digest", Comparator.EQ, text("d1"))))
        .containsExactly("a");
    assertThat(names(exp, cmp(EntityType.DATASET, "digest", Comparator.IN, list("d2", "d9"))))
        .containsExactly("b");
    assertThat(names(exp, cmp(EntityType.DATASET, "context", Comparator.EQ, text("evaluation"))))
        .containsExactly("b");
    assertThat(names(exp, cmp(EntityType.DATASET, "name", Comparator.LIKE, text("tr%"))))
        .containsExactly("b", "a");
    assertThat(
            names(
                exp,
                and(
                    cmp(EntityType.DATASET, "name", Comparator.EQ, text("train")),
                    cmp(EntityType.DATASET, "context", Comparator.EQ, text("training")))))
        .containsExactly("b", "a");
  }

  @Test
  void orderingByAMetricPutsNanAndThenMissingValuesLastInBothDirections() {
    String exp = store.createExperiment("exp", null, List.of());
    runWith(exp, "mid", 1, Map.of(), Map.of(), Map.of("m", 2.0));
    runWith(exp, "low", 2, Map.of(), Map.of(), Map.of("m", -1.0));
    runWith(exp, "high", 3, Map.of(), Map.of(), Map.of("m", 9.0));
    runWith(exp, "nan", 4, Map.of(), Map.of(), Map.of("m", Double.NaN));
    runWith(exp, "missing", 5, Map.of(), Map.of(), Map.of());

    assertThat(ordered(exp, new OrderBy(EntityType.METRIC, "m", true)))
        .containsExactly("low", "mid", "high", "nan", "missing");
    assertThat(ordered(exp, new OrderBy(EntityType.METRIC, "m", false)))
        .containsExactly("high", "mid", "low", "nan", "missing");
  }

  @Test
  void orderingByParamsTagsAndAttributesKeepsMissingValuesLast() {
    String exp = store.createExperiment("exp", null, List.of());
    String b = runWith(exp, "b", 1, Map.of("p", "2"), Map.of("t", "y"), Map.of());
    runWith(exp, "a", 2, Map.of("p", "1"), Map.of(), Map.of());
    String c = runWith(exp, "c", 3, Map.of(), Map.of("t", "x"), Map.of());
    store.updateRun(b, RunStatus.FINISHED, 50L, null);
    store.updateRun(c, RunStatus.FINISHED, 60L, null);

    assertThat(ordered(exp, new OrderBy(EntityType.PARAM, "p", true)))
        .containsExactly("a", "b", "c");
    assertThat(ordered(exp, new OrderBy(EntityType.PARAM, "p", false)))
        .containsExactly("b", "a", "c");
    assertThat(ordered(exp, new OrderBy(EntityType.TAG, "t", true))).containsExactly("c", "b", "a");
    assertThat(ordered(exp, new OrderBy(EntityType.ATTRIBUTE, "end_time", false)))
        .containsExactly("c", "b", "a");
    assertThat(ordered(exp, new OrderBy(EntityType.ATTRIBUTE, "end_time", true)))
        .containsExactly("b", "c", "a");
    assertThat(ordered(exp, new OrderBy(EntityType.ATTRIBUTE, "run_name", true)))
        .containsExactly("a", "b", "c");
    assertThat(ordered(exp, new OrderBy(EntityType.ATTRIBUTE, "start_time", true)))
        .containsExactly("b", "a", "c");
  }

  @Test
  void severalOrderByKeysApplyInSequence() {
    String exp = store.createExperiment("exp", null, List.of());
    runWith(exp, "x1", 1, Map.of("group", "x"), Map.of(), Map.of("m", 1.0));
    runWith(exp, "y2", 2, Map.of("group", "y"), Map.of(), Map.of("m", 2.0));
    runWith(exp, "x3", 3, Map.of("group", "x"), Map.of(), Map.of("m", 3.0));

    assertThat(
            ordered(
                exp,
                new OrderBy(EntityType.PARAM, "group", true),
                new OrderBy(EntityType.METRIC, "m", false)))
        .containsExactly("x3", "x1", "y2");
  }

  @Test
  void duplicateOrderByKeysAreRejected() {
    assertError(
        ErrorCode.INVALID_PARAMETER_VALUE,
        () ->
            search(
                "0",
                null,
                ViewType.ALL,
                10,
                List.of(
                    new OrderBy(EntityType.METRIC, "m", true),
                    new OrderBy(EntityType.METRIC, "m", false)),
                0));
  }

  @Test
  void pagesWalkTheWholeResultWithoutGapsOrRepeats() {
    String exp = store.createExperiment("exp", null, List.of());
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 23; i++) {
      created.add(runWith(exp, "r" + i, i % 5, Map.of(), Map.of(), Map.of("m", (double) (i % 7))));
    }

    List<String> walked = new ArrayList<>();
    int offset = 0;
    int pages = 0;
    while (true) {
      Page<Run> page =
          search(
              exp,
              null,
              ViewType.ACTIVE_ONLY,
              5,
              List.of(new OrderBy(EntityType.METRIC, "m", false)),
              offset);
      page.items().forEach(r -> walked.add(r.info().runId()));
      pages++;
      if (page.nextPageToken() == null) {
        break;
      }
      offset = PageToken.decode(page.nextPageToken());
    }

    assertThat(pages).isEqualTo(5);
    assertThat(walked).doesNotHaveDuplicates().hasSize(23);
    assertThat(new HashSet<>(walked)).isEqualTo(created);
    Page<Run> exact = search(exp, null, ViewType.ACTIVE_ONLY, 23, List.of(), 0);
    assertThat(exact.items()).hasSize(23);
    assertThat(exact.nextPageToken()).isNull();
  }

  @Test
  void searchSpansTheGivenExperimentsOnly() {
    String one = store.createExperiment("one", null, List.of());
    String two = store.createExperiment("two", null, List.of());
    String three = store.createExperiment("three", null, List.of());
    newRun(one, 1, "in-one");
    newRun(two, 2, "in-two");
    newRun(three, 3, "in-three");

    Page<Run> page =
        store.searchRuns(
            new RunSearch(List.of(one, two, "bogus"), null, ViewType.ALL, 10, List.of(), 0));

    assertThat(page.items())
        .extracting(r -> r.info().runName())
        .containsExactly("in-two", "in-one");
    assertThat(
            store
                .searchRuns(new RunSearch(List.of(), null, ViewType.ALL, 10, List.of(), 0))
                .items())
        .isEmpty();
  }

  @Test
  void filterValuesAreBoundNotSpliced() {
    String exp = store.createExperiment("exp", null, List.of());
    runWith(exp, "victim", 1, Map.of("p", "v"), Map.of(), Map.of());
    String hostile = "v' OR '1'='1'; DROP TABLE runs; --";

    assertThat(names(exp, cmp(EntityType.PARAM, "p", Comparator.EQ, text(hostile)))).isEmpty();
    assertThat(names(exp, cmp(EntityType.PARAM, hostile, Comparator.EQ, text("v")))).isEmpty();
    assertThat(ordered(exp, new OrderBy(EntityType.TAG, hostile, true))).containsExactly("victim");
  }

  @Test
  void malformedFiltersAreInvalidParameters() {
    List<FilterExpr> bad =
        List.of(
            cmp(EntityType.METRIC, "m", Comparator.LIKE, text("x")),
            cmp(EntityType.METRIC, "m", Comparator.GT, text("x")),
            cmp(EntityType.PARAM, "p", Comparator.GT, text("x")),
            cmp(EntityType.ATTRIBUTE, "no_such_attribute", Comparator.EQ, text("x")),
            cmp(EntityType.ATTRIBUTE, "start_time", Comparator.EQ, text("x")),
            cmp(EntityType.DATASET, "size", Comparator.EQ, text("x")));
    for (FilterExpr filter : bad) {
      assertError(
          ErrorCode.INVALID_PARAMETER_VALUE,
          () -> search("0", filter, ViewType.ALL, 10, List.of(), 0));
    }
  }

  // =============================================================================================
  // search experiments
  // =============================================================================================

  @Test
  void experimentsComeNewestFirstAndViewTypesSelectStages() throws Exception {
    Thread.sleep(3);
    String first = store.createExperiment("first", null, List.of());
    Thread.sleep(3);
    String second = store.createExperiment("second", null, List.of());
    store.deleteExperiment(first);

    assertThat(experimentNames(null, ViewType.ACTIVE_ONLY, List.of()))
        .containsExactly("second", "Default");
    assertThat(experimentNames(null, ViewType.DELETED_ONLY, List.of())).containsExactly("first");
    assertThat(experimentNames(null, ViewType.ALL, List.of()))
        .containsExactly("second", "first", "Default");
    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void experimentFiltersCoverNamesTimesAndTags() throws Exception {
    Thread.sleep(3);
    store.createExperiment("Vision-CNN", null, List.of(new ExperimentTag("team", "cv")));
    store.createExperiment("vision-vit", null, List.of(new ExperimentTag("team", "CV")));
    store.createExperiment("nlp", null, List.of(new ExperimentTag("team", "nlp")));
    long created = store.getExperimentByName("nlp").orElseThrow().creationTime();

    assertThat(
            experimentNames(
                cmp(EntityType.ATTRIBUTE, "name", Comparator.LIKE, text("vision%")),
                ViewType.ALL,
                List.of()))
        .containsExactly("vision-vit");
    assertThat(
            experimentNames(
                cmp(EntityType.ATTRIBUTE, "name", Comparator.ILIKE, text("vision%")),
                ViewType.ALL,
                byName()))
        .containsExactly("Vision-CNN", "vision-vit");
    assertThat(
            experimentNames(
                cmp(EntityType.ATTRIBUTE, "name", Comparator.EQ, text("nlp")),
                ViewType.ALL,
                List.of()))
        .containsExactly("nlp");
    assertThat(
            experimentNames(
                cmp(EntityType.ATTRIBUTE, "name", Comparator.NEQ, text("nlp")),
                ViewType.ALL,
                byName()))
        .containsExactly("Default", "Vision-CNN", "vision-vit");
    assertThat(
            experimentNames(
                cmp(EntityType.TAG, "team", Comparator.EQ, text("cv")), ViewType.ALL, List.of()))
        .containsExactly("Vision-CNN");
    assertThat(
            experimentNames(
                cmp(EntityType.TAG, "team", Comparator.ILIKE, text("cv")), ViewType.ALL, byName()))
        .containsExactly("Vision-CNN", "vision-vit");
    assertThat(
            experimentNames(
                cmp(EntityType.ATTRIBUTE, "creation_time", Comparator.GTE, num(created)),
                ViewType.ALL,
                byName()))
        .contains("nlp")
        .doesNotContain("Default");
    assertThat(
            experimentNames(
                or(
                    cmp(EntityType.TAG, "team", Comparator.EQ, text("nlp")),
                    cmp(EntityType.ATTRIBUTE, "name", Comparator.EQ, text("Default"))),
                ViewType.ALL,
                byName()))
        .containsExactly("Default", "nlp");
  }

  @Test
  void experimentSearchOrdersAndPages() {
    for (String name : List.of("c", "a", "e", "b", "d")) {
      store.createExperiment(name, null, List.of());
    }

    assertThat(
            experimentNames(
                null, ViewType.ALL, List.of(new OrderBy(EntityType.ATTRIBUTE, "name", false))))
        .containsExactly("e", "d", "c", "b", "a", "Default");
    assertThat(
            experimentNames(
                null,
                ViewType.ALL,
                List.of(new OrderBy(EntityType.ATTRIBUTE, "experiment_id", true))))
        .containsExactly("Default", "c", "a", "e", "b", "d");

    List<String> walked = new ArrayList<>();
    int offset = 0;
    while (true) {
      Page<Experiment> page =
          store.searchExperiments(new ExperimentSearch(null, ViewType.ALL, 2, byName(), offset));
      page.items().forEach(e -> walked.add(e.name()));
      if (page.nextPageToken() == null) {
        break;
      }
      offset = PageToken.decode(page.nextPageToken());
    }
    assertThat(walked).containsExactly("Default", "a", "b", "c", "d", "e");
  }

  @Test
  void experimentSearchReturnsTags() {
    String id = store.createExperiment("tagged", null, List.of(new ExperimentTag("k", "v")));

    Experiment found =
        store
            .searchExperiments(
                new ExperimentSearch(
                    cmp(EntityType.ATTRIBUTE, "name", Comparator.EQ, text("tagged")),
                    ViewType.ALL,
                    10,
                    List.of(),
                    0))
            .items()
            .get(0);

    assertThat(found).isEqualTo(store.getExperiment(id));
  }

  // =============================================================================================
  // helpers
  // =============================================================================================

  protected static Metric metric(String key, double value, long timestamp, long step) {
    return new Metric(key, value, timestamp, step);
  }

  protected static DatasetInput input(String name, String digest, String context) {
    return new DatasetInput(
        List.of(new InputTag("mlflow.data.context", context)),
        new Dataset(
            name, digest, "local", "{\"uri\": \"/data/" + name + "\"}", "{\"s\": 1}", null));
  }

  protected Run newRun(String experimentId, long startTime) {
    return store.createRun(new NewRun(experimentId, "tester", startTime, null, List.of()));
  }

  protected Run newRun(String experimentId, long startTime, String name) {
    return store.createRun(new NewRun(experimentId, "tester", startTime, name, List.of()));
  }

  /** Creates a run named {@code name} and logs the given params, tags and metrics to it. */
  protected String runWith(
      String experimentId,
      String name,
      long startTime,
      Map<String, String> params,
      Map<String, String> tags,
      Map<String, Double> metrics) {
    String runId = newRun(experimentId, startTime, name).info().runId();
    store.logBatch(
        runId,
        metrics.entrySet().stream().map(e -> metric(e.getKey(), e.getValue(), 1, 0)).toList(),
        params.entrySet().stream().map(e -> new Param(e.getKey(), e.getValue())).toList(),
        tags.entrySet().stream().map(e -> new RunTag(e.getKey(), e.getValue())).toList());
    return runId;
  }

  protected List<Metric> history(String runId, String key) {
    return store.getMetricHistory(runId, key, null, 0).items();
  }

  protected Metric latest(String runId, String key) {
    return store.getRun(runId).data().metrics().stream()
        .filter(m -> m.key().equals(key))
        .findFirst()
        .orElseThrow();
  }

  protected Page<Run> search(
      String experimentId,
      FilterExpr filter,
      ViewType viewType,
      int maxResults,
      List<OrderBy> orderBy,
      int offset) {
    return store.searchRuns(
        new RunSearch(List.of(experimentId), filter, viewType, maxResults, orderBy, offset));
  }

  protected List<String> searchIds(String experimentId, FilterExpr filter) {
    return search(experimentId, filter, ViewType.ACTIVE_ONLY, 1000, List.of(), 0).items().stream()
        .map(r -> r.info().runId())
        .toList();
  }

  /** Names of the matching active runs, in the default order (newest first). */
  protected List<String> names(String experimentId, FilterExpr filter) {
    return namesIn(experimentId, filter, ViewType.ACTIVE_ONLY);
  }

  protected List<String> namesIn(String experimentId, FilterExpr filter, ViewType viewType) {
    return search(experimentId, filter, viewType, 1000, List.of(), 0).items().stream()
        .map(r -> r.info().runName())
        .toList();
  }

  protected List<String> ordered(String experimentId, OrderBy... orderBy) {
    return search(experimentId, null, ViewType.ACTIVE_ONLY, 1000, Arrays.asList(orderBy), 0)
        .items()
        .stream()
        .map(r -> r.info().runName())
        .toList();
  }

  protected List<String> experimentNames(
      FilterExpr filter, ViewType viewType, List<OrderBy> orderBy) {
    return store
        .searchExperiments(new ExperimentSearch(filter, viewType, 1000, orderBy, 0))
        .items()
        .stream()
        .map(Experiment::name)
        .collect(Collectors.toList());
  }

  protected static List<OrderBy> byName() {
    return List.of(new OrderBy(EntityType.ATTRIBUTE, "name", true));
  }

  protected static FilterExpr cmp(EntityType type, String key, Comparator op, FilterValue value) {
    return new FilterExpr.Comparison(type, key, op, value);
  }

  protected static FilterExpr and(FilterExpr... terms) {
    return new FilterExpr.And(List.of(terms));
  }

  protected static FilterExpr or(FilterExpr... terms) {
    return new FilterExpr.Or(List.of(terms));
  }

  protected static FilterValue num(double value) {
    return new FilterValue.Number(value);
  }

  protected static FilterValue text(String value) {
    return new FilterValue.Text(value);
  }

  protected static FilterValue list(String... values) {
    return new FilterValue.TextList(List.of(values));
  }

  protected static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertError(
      ErrorCode code, ThrowingCallable call) {
    return assertThatThrownBy(call)
        .isInstanceOf(MledgerException.class)
        .satisfies(e -> assertThat(((MledgerException) e).code()).isEqualTo(code));
  }
}
