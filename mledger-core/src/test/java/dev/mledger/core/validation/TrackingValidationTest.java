package dev.mledger.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.tracking.Dataset;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.ExperimentTag;
import dev.mledger.core.tracking.InputTag;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.core.validation.TrackingValidation.LongValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cases after MLflow's tests/utils/test_validation.py. */
class TrackingValidationTest {

  private static final String RUN_ID = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

  private static void assertInvalid(ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "test",
        "test_metric",
        "test-metric",
        "test.metric",
        "test/metric",
        "a b",
        "n:estimators",
        "loss/val",
        "123",
        "métrique",
        "abc\n"
      })
  void acceptsGoodNames(String name) {
    assertThatCode(() -> TrackingValidation.validateMetricKey(name)).doesNotThrowAnyException();
    assertThatCode(() -> TrackingValidation.validateParamKey(name)).doesNotThrowAnyException();
    assertThatCode(() -> TrackingValidation.validateTagKey(name)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a@b", "x,y", "val/AR@100", "timing(s)", "a\tb", "é\u0000"})
  void rejectsBadCharacters(String name) {
    assertInvalid(
        () -> TrackingValidation.validateMetricKey(name),
        "Invalid metric name: '" + name + "'. Names may only contain alphanumerics");
    assertInvalid(() -> TrackingValidation.validateParamKey(name), "Invalid parameter name");
    assertInvalid(() -> TrackingValidation.validateTagKey(name), "Invalid tag name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "/", "//", "a/../b", "./a", "a/", "a//b", "/a", "../a"})
  void rejectsNamesThatResolveToOtherPaths(String name) {
    assertInvalid(
        () -> TrackingValidation.validateMetricKey(name),
        "Names may be treated as files in certain cases");
  }

  @Test
  void pathMessageShowsWhatTheNameResolvesTo() {
    assertInvalid(
        () -> TrackingValidation.validateParamKey("a/../b"),
        "Invalid parameter name: 'a/../b'. Names may be treated as files in certain cases, and"
            + " must not resolve to other names when treated as such. This name would resolve to"
            + " 'b'");
  }

  @Test
  void nullKeysAreMissing() {
    assertInvalid(
        () -> TrackingValidation.validateMetricKey(null),
        "Metric name cannot be None. A key name must be provided.");
    assertInvalid(
        () -> TrackingValidation.validateParamKey(null), "Parameter name cannot be None.");
    assertInvalid(() -> TrackingValidation.validateTagKey(null), "Tag name cannot be None.");
  }

  @Test
  void metricsAcceptAnyDoubleButNotNegativeTimestamps() {
    for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -1e308, 0.0}) {
      assertThatCode(() -> TrackingValidation.validateMetric(new Metric("m", v, 0, -5)))
          .doesNotThrowAnyException();
    }
    assertInvalid(
        () -> TrackingValidation.validateMetric(new Metric("m", 1.0, -1, 0)),
        "Got invalid timestamp -1 for metric 'm' (value=1.0). Timestamp must be a nonnegative"
            + " long (64-bit integer) ");
    assertInvalid(
        () -> TrackingValidation.validateMetric(new Metric("k".repeat(251), 1.0, 0, 0)),
        "Metric name '" + "k".repeat(250) + "' had length 251, which exceeded length limit of 250");
  }

  @Test
  void longParamValuesAreTruncatedByDefaultOrRejected() {
    Param exact = new Param("p", "x".repeat(6000));
    assertThat(TrackingValidation.validateParam(exact)).isSameAs(exact);
    Param tooLong = new Param("p", "x".repeat(6001));
    assertThat(TrackingValidation.validateParam(tooLong).value()).hasSize(6000);
    assertInvalid(
        () -> TrackingValidation.validateParam(tooLong, LongValues.REJECT),
        "' had length 6001, which exceeded length limit of 6000");
    assertInvalid(
        () -> TrackingValidation.validateParam(new Param("k".repeat(251), "v")), "Param key '");
  }

  @Test
  void lengthsCountCodePointsLikePython() {
    String emoji = "\uD83D\uDE00".repeat(6000);
    Param param = new Param("p", emoji);
    assertThat(TrackingValidation.validateParam(param, LongValues.REJECT)).isSameAs(param);
    RunTag tag = new RunTag("t", "\uD83D\uDE00".repeat(8001));
    RunTag truncated = TrackingValidation.validateRunTag(tag);
    assertThat(truncated.value().codePointCount(0, truncated.value().length())).isEqualTo(8000);
  }

  @Test
  void runTagValuesAllow8000Characters() {
    RunTag ok = new RunTag("t", "v".repeat(8000));
    assertThat(TrackingValidation.validateRunTag(ok, LongValues.REJECT)).isSameAs(ok);
    assertInvalid(
        () ->
            TrackingValidation.validateRunTag(new RunTag("t", "v".repeat(8001)), LongValues.REJECT),
        "Tag value '");
    assertInvalid(
        () -> TrackingValidation.validateRunTag(new RunTag("a/../b", "v")), "Invalid tag name");
  }

  @Test
  void experimentTagsAreLimitedTo5000AndNeverTruncated() {
    assertThatCode(
            () ->
                TrackingValidation.validateExperimentTag(
                    new ExperimentTag("mlflow.note.content", "n".repeat(5000))))
        .doesNotThrowAnyException();
    assertInvalid(
        () -> TrackingValidation.validateExperimentTag(new ExperimentTag("k", "n".repeat(5001))),
        "had length 5001, which exceeded length limit of 5000");
  }

  @Test
  void experimentNames() {
    assertThatCode(() -> TrackingValidation.validateExperimentName("my exp / v2"))
        .doesNotThrowAnyException();
    assertInvalid(
        () -> TrackingValidation.validateExperimentName(""), "Invalid experiment name: ''");
    assertInvalid(
        () -> TrackingValidation.validateExperimentName(null), "Invalid experiment name: 'None'");
    assertThatCode(() -> TrackingValidation.validateExperimentName("e".repeat(500)))
        .doesNotThrowAnyException();
    assertInvalid(
        () -> TrackingValidation.validateExperimentName("e".repeat(501)),
        "Experiment name exceeds the maximum length of 500 characters");
    assertInvalid(
        () -> TrackingValidation.validateExperimentArtifactLocation("runs:/abc/model"),
        "Artifact location cannot be a runs:/ URI. Given: 'runs:/abc/model'");
  }

  @Test
  void runAndExperimentIds() {
    for (String id : List.of(RUN_ID, "a", "A-b_c", "1".repeat(256))) {
      assertThatCode(() -> TrackingValidation.validateRunId(id)).doesNotThrowAnyException();
    }
    for (String id : List.of("", "-abc", "_abc", "a/b", "a".repeat(257), "a b")) {
      assertInvalid(() -> TrackingValidation.validateRunId(id), "Invalid run ID: '" + id + "'");
    }
    assertThatCode(() -> TrackingValidation.validateExperimentId("123")).doesNotThrowAnyException();
    assertThatCode(() -> TrackingValidation.validateExperimentId(null)).doesNotThrowAnyException();
    assertInvalid(
        () -> TrackingValidation.validateExperimentId("1".repeat(65)), "Invalid experiment ID");
  }

  @Test
  void logBatchLimits() {
    List<Metric> metrics = Collections.nCopies(1001, new Metric("m", 1, 0, 0));
    assertInvalid(
        () -> TrackingValidation.validateLogBatch(RUN_ID, metrics, List.of(), List.of()),
        "A batch logging request can contain at most 1000 metrics. Got 1001 metrics. Please split"
            + " up metrics across multiple requests and try again.");
    List<Param> params = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      params.add(new Param("p" + i, "v"));
    }
    assertInvalid(
        () -> TrackingValidation.validateLogBatch(RUN_ID, List.of(), params, List.of()),
        "at most 100 params. Got 101 params.");
    List<RunTag> tags = Collections.nCopies(101, new RunTag("t", "v"));
    assertInvalid(
        () -> TrackingValidation.validateLogBatch(RUN_ID, List.of(), List.of(), tags),
        "at most 100 tags. Got 101 tags.");
    List<Metric> many = Collections.nCopies(950, new Metric("m", 1, 0, 0));
    List<Param> fifty = params.subList(0, 51);
    assertInvalid(
        () -> TrackingValidation.validateLogBatch(RUN_ID, many, fifty, List.of()),
        "A batch logging request can contain at most 1000 metrics, params, and tags. Got 1001"
            + " metrics, params, and tags.");
    assertInvalid(
        () -> TrackingValidation.validateLogBatchRequestSize(1_000_001),
        "Batched logging API requests must be at most 1000000 bytes, got a request of size"
            + " 1000001.");
  }

  @Test
  void logBatchRejectsRepeatedParamKeysEvenWithEqualValues() {
    List<Param> params =
        List.of(new Param("a", "1"), new Param("b", "2"), new Param("a", "1"), new Param("b", "3"));
    assertInvalid(
        () -> TrackingValidation.validateLogBatch(RUN_ID, List.of(), params, List.of()),
        "Duplicate parameter keys have been submitted: ['a', 'b']. Please ensure the request"
            + " contains only one param value per param key.");
  }

  @Test
  void logBatchChecksRunIdFirstAndReturnsTruncatedValues() {
    assertInvalid(
        () ->
            TrackingValidation.validateLogBatch(
                "bad id", List.of(new Metric("a@b", 1, 0, 0)), List.of(), List.of()),
        "Invalid run ID: 'bad id'");
    TrackingValidation.ValidatedBatch batch =
        TrackingValidation.validateLogBatch(
            RUN_ID,
            List.of(new Metric("m", Double.NaN, 1, 2)),
            List.of(new Param("p", "x".repeat(7000))),
            List.of(new RunTag("t", "v")));
    assertThat(batch.params().get(0).value()).hasSize(6000);
    assertThat(batch.metrics()).hasSize(1);
    assertThat(batch.tags()).containsExactly(new RunTag("t", "v"));
  }

  @Test
  void datasetInputs() {
    Dataset good = new Dataset("train", "abc123", "local", "file:///data", null, null);
    InputTag context = new InputTag("mlflow.data.context", "training");
    assertThatCode(
            () ->
                TrackingValidation.validateDatasetInputs(
                    List.of(new DatasetInput(List.of(context), good))))
        .doesNotThrowAnyException();
    assertInvalid(
        () -> TrackingValidation.validateDataset(new Dataset(null, "d", "local", "s", null, null)),
        "Dataset name cannot be None");
    assertInvalid(
        () ->
            TrackingValidation.validateDataset(
                new Dataset("n", "d".repeat(37), "local", "s", null, null)),
        "Dataset digest exceeds the maximum length of 36");
    assertInvalid(
        () ->
            TrackingValidation.validateDataset(
                new Dataset("n".repeat(501), "d", "local", "s", null, null)),
        "Dataset name exceeds the maximum length of 500");
    assertInvalid(
        () ->
            TrackingValidation.validateDataset(
                new Dataset("n", "d", "local", "s".repeat(65_536), null, null)),
        "Dataset source exceeds the maximum length of 65535");
    assertInvalid(
        () ->
            TrackingValidation.validateDataset(
                new Dataset("n", "d", "local", "s", "x".repeat(1_048_576), null)),
        "Dataset schema exceeds the maximum length of 1048575");
    assertInvalid(
        () -> TrackingValidation.validateInputTag(new InputTag("k".repeat(256), "v")),
        "InputTag key exceeds the maximum length of 255");
    assertInvalid(
        () -> TrackingValidation.validateInputTag(new InputTag("k", "v".repeat(501))),
        "InputTag value exceeds the maximum length of 500");
    assertInvalid(
        () -> TrackingValidation.validateInputTag(new InputTag("k", null)),
        "InputTag value cannot be None");
  }

  @Test
  void searchMaxResults() {
    for (long ok : new long[] {1, 1000, 50_000}) {
      assertThatCode(() -> TrackingValidation.validateSearchRunsMaxResults(ok))
          .doesNotThrowAnyException();
      assertThatCode(() -> TrackingValidation.validateSearchExperimentsMaxResults(ok))
          .doesNotThrowAnyException();
    }
    assertThatCode(() -> TrackingValidation.validateSearchRunsMaxResults((Long) null))
        .doesNotThrowAnyException();
    assertInvalid(
        () -> TrackingValidation.validateSearchRunsMaxResults(50_001),
        "Invalid value 50001 for parameter 'max_results' supplied. It must be at most 50000");
    assertInvalid(
        () -> TrackingValidation.validateSearchExperimentsMaxResults(0),
        "Invalid value 0 for parameter 'max_results' supplied. It must be a positive integer");
  }
}
