package dev.mledger.core.validation;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.tracking.Dataset;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.ExperimentTag;
import dev.mledger.core.tracking.InputTag;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.RunTag;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The input rules of MLflow 2.17's tracking API ({@code mlflow/utils/validation.py} and the checks
 * its SQL store makes), with MLflow's limits and messages. Every failure is a {@link
 * MledgerException} with {@code INVALID_PARAMETER_VALUE}.
 *
 * <p>Param and run-tag values longer than their limit are truncated by default, as an MLflow server
 * does with {@code MLFLOW_TRUNCATE_LONG_VALUES} at its default (true); pass {@link
 * LongValues#REJECT} to refuse them instead. Methods that may truncate return the value to store.
 */
public final class TrackingValidation {

  /** What to do with a param or run-tag value over its length limit. */
  public enum LongValues {
    /** Keep the first {@code limit} characters (MLflow's default). */
    TRUNCATE,
    /** Fail with INVALID_PARAMETER_VALUE. */
    REJECT
  }

  public static final int MAX_PARAMS_TAGS_PER_BATCH = 100;
  public static final int MAX_METRICS_PER_BATCH = 1000;
  public static final int MAX_ENTITIES_PER_BATCH = 1000;
  public static final int MAX_BATCH_LOG_REQUEST_SIZE = 1_000_000;
  public static final int MAX_PARAM_VAL_LENGTH = 6000;
  public static final int MAX_TAG_VAL_LENGTH = 8000;
  public static final int MAX_EXPERIMENT_NAME_LENGTH = 500;
  public static final int MAX_EXPERIMENT_TAG_KEY_LENGTH = 250;
  public static final int MAX_EXPERIMENT_TAG_VAL_LENGTH = 5000;
  public static final int MAX_ENTITY_KEY_LENGTH = 250;
  public static final int MAX_DATASET_NAME_SIZE = 500;
  public static final int MAX_DATASET_DIGEST_SIZE = 36;
  public static final int MAX_DATASET_SCHEMA_SIZE = 1_048_575;
  public static final int MAX_DATASET_SOURCE_SIZE = 65_535;
  public static final int MAX_DATASET_PROFILE_SIZE = 16_777_215;
  public static final int MAX_INPUT_TAG_KEY_SIZE = 255;
  public static final int MAX_INPUT_TAG_VALUE_SIZE = 500;

  /** Upper bound of {@code max_results} for search-runs and search-experiments. */
  public static final int SEARCH_MAX_RESULTS_THRESHOLD = 50_000;

  /** Default {@code max_results} of search-runs and search-experiments. */
  public static final int SEARCH_MAX_RESULTS_DEFAULT = 1000;

  /**
   * Page size MLflow's clients request from get-history. MLflow's own SQL store does not page
   * metric history (it returns every value whatever {@code max_results} says).
   */
  public static final int GET_METRIC_HISTORY_MAX_RESULTS = 25_000;

  /**
   * Python's {@code ^[/\w.\- :]*$}. {@code $} also matches before a final newline, so MLflow
   * accepts a name ending in one; the optional {@code \n} keeps that.
   */
  private static final Pattern VALID_NAME =
      Pattern.compile("[/\\w.\\- :]*\\n?", Pattern.UNICODE_CHARACTER_CLASS);

  private static final Pattern RUN_ID =
      Pattern.compile("[a-zA-Z0-9][\\w\\-]{0,255}\\n?", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern EXPERIMENT_ID =
      Pattern.compile("[a-zA-Z0-9][\\w\\-]{0,63}\\n?", Pattern.UNICODE_CHARACTER_CLASS);

  private static final String BAD_CHARACTERS =
      "Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ),"
          + " colon(:) and slashes (/).";
  private static final String MISSING_KEY = "A key name must be provided.";

  private TrackingValidation() {}

  // ---- keys ----------------------------------------------------------------------------------

  /** A metric key: allowed characters and no path tricks ({@code _validate_metric_name}). */
  public static void validateMetricKey(String key) {
    validateName("Metric name", "metric name", key);
  }

  /** A param key ({@code _validate_param_name}). */
  public static void validateParamKey(String key) {
    validateName("Parameter name", "parameter name", key);
  }

  /** A run, experiment or input tag key ({@code _validate_tag_name}). */
  public static void validateTagKey(String key) {
    validateName("Tag name", "tag name", key);
  }

  private static void validateName(String noneLabel, String label, String name) {
    if (name == null) {
      throw invalid(noneLabel + " cannot be None. " + MISSING_KEY);
    }
    if (!VALID_NAME.matcher(name).matches()) {
      throw invalid("Invalid " + label + ": '" + name + "'. " + BAD_CHARACTERS);
    }
    String norm = PythonFormat.normpath(name);
    if (!norm.equals(name) || norm.equals(".") || norm.startsWith("..") || norm.startsWith("/")) {
      throw invalid(
          "Invalid "
              + label
              + ": '"
              + name
              + "'. Names may be treated as files in certain cases, and must not resolve to other"
              + " names when treated as such. This name would resolve to '"
              + norm
              + "'");
    }
  }

  // ---- entities ------------------------------------------------------------------------------

  /**
   * A metric ({@code _validate_metric}): key rules, non-negative timestamp, key length. Any double
   * is a valid value, NaN and ±Infinity included.
   */
  public static void validateMetric(Metric metric) {
    validateMetricKey(metric.key());
    if (metric.timestamp() < 0) {
      throw invalid(
          "Got invalid timestamp "
              + metric.timestamp()
              + " for metric '"
              + metric.key()
              + "' (value="
              + PythonFormat.pyFloat(metric.value())
              + "). Timestamp must be a nonnegative long (64-bit integer) ");
    }
    lengthLimit("Metric name", MAX_ENTITY_KEY_LENGTH, metric.key());
  }

  /** A param, truncating an over-long value as MLflow does by default. */
  public static Param validateParam(Param param) {
    return validateParam(param, LongValues.TRUNCATE);
  }

  /** A param ({@code _validate_param}); returns it, its value truncated if so asked. */
  public static Param validateParam(Param param, LongValues longValues) {
    validateParamKey(param.key());
    lengthLimit("Param key", MAX_ENTITY_KEY_LENGTH, param.key());
    String value = limitValue("Param value", MAX_PARAM_VAL_LENGTH, param.value(), longValues);
    return value == param.value() ? param : new Param(param.key(), value);
  }

  /** A run tag, truncating an over-long value as MLflow does by default. */
  public static RunTag validateRunTag(RunTag tag) {
    return validateRunTag(tag, LongValues.TRUNCATE);
  }

  /** A run tag ({@code _validate_tag}); returns it, its value truncated if so asked. */
  public static RunTag validateRunTag(RunTag tag, LongValues longValues) {
    validateTagKey(tag.key());
    lengthLimit("Tag key", MAX_ENTITY_KEY_LENGTH, tag.key());
    String value = limitValue("Tag value", MAX_TAG_VAL_LENGTH, tag.value(), longValues);
    return value == tag.value() ? tag : new RunTag(tag.key(), value);
  }

  /** An experiment tag ({@code _validate_experiment_tag}); never truncated. */
  public static void validateExperimentTag(ExperimentTag tag) {
    validateTagKey(tag.key());
    lengthLimit("Tag key", MAX_EXPERIMENT_TAG_KEY_LENGTH, tag.key());
    lengthLimit("Tag value", MAX_EXPERIMENT_TAG_VAL_LENGTH, tag.value());
  }

  /** An experiment name: present, non-empty, at most 500 characters. */
  public static void validateExperimentName(String name) {
    if (name == null || name.isEmpty()) {
      throw invalid("Invalid experiment name: '" + (name == null ? "None" : name) + "'");
    }
    if (PythonFormat.length(name) > MAX_EXPERIMENT_NAME_LENGTH) {
      throw invalid(
          "Experiment name exceeds the maximum length of "
              + MAX_EXPERIMENT_NAME_LENGTH
              + " characters");
    }
  }

  /** An experiment's artifact location may not be a {@code runs:/} URI. */
  public static void validateExperimentArtifactLocation(String artifactLocation) {
    if (artifactLocation != null && artifactLocation.startsWith("runs:")) {
      throw invalid("Artifact location cannot be a runs:/ URI. Given: '" + artifactLocation + "'");
    }
  }

  /** A run id: an alphanumeric followed by up to 255 word characters or dashes. */
  public static void validateRunId(String runId) {
    if (runId == null || !RUN_ID.matcher(runId).matches()) {
      throw invalid("Invalid run ID: '" + (runId == null ? "None" : runId) + "'");
    }
  }

  /** An experiment id, when given: an alphanumeric followed by up to 63 word chars or dashes. */
  public static void validateExperimentId(String experimentId) {
    if (experimentId != null && !EXPERIMENT_ID.matcher(experimentId).matches()) {
      throw invalid("Invalid experiment ID: '" + experimentId + "'");
    }
  }

  // ---- log-batch -----------------------------------------------------------------------------

  /** The entities of a log-batch request after validation (values possibly truncated). */
  public record ValidatedBatch(List<Metric> metrics, List<Param> params, List<RunTag> tags) {
    public ValidatedBatch {
      metrics = List.copyOf(metrics);
      params = List.copyOf(params);
      tags = List.copyOf(tags);
    }
  }

  /** A log-batch request, truncating over-long values as MLflow does by default. */
  public static ValidatedBatch validateLogBatch(
      String runId, List<Metric> metrics, List<Param> params, List<RunTag> tags) {
    return validateLogBatch(runId, metrics, params, tags, LongValues.TRUNCATE);
  }

  /**
   * A log-batch request, in MLflow's order: run id, each entity, batch sizes, then duplicate param
   * keys (any repeated key is refused, even with the same value).
   */
  public static ValidatedBatch validateLogBatch(
      String runId,
      List<Metric> metrics,
      List<Param> params,
      List<RunTag> tags,
      LongValues longValues) {
    validateRunId(runId);
    metrics.forEach(TrackingValidation::validateMetric);
    List<Param> checkedParams = new ArrayList<>(params.size());
    for (Param p : params) {
      checkedParams.add(validateParam(p, longValues));
    }
    List<RunTag> checkedTags = new ArrayList<>(tags.size());
    for (RunTag t : tags) {
      checkedTags.add(validateRunTag(t, longValues));
    }
    validateBatchLimits(metrics.size(), params.size(), tags.size());
    validateParamKeysUnique(checkedParams);
    return new ValidatedBatch(metrics, checkedParams, checkedTags);
  }

  /** MLflow's per-kind and total entity limits of one log-batch request. */
  public static void validateBatchLimits(int metrics, int params, int tags) {
    batchLimit("metrics", MAX_METRICS_PER_BATCH, metrics);
    batchLimit("params", MAX_PARAMS_TAGS_PER_BATCH, params);
    batchLimit("tags", MAX_PARAMS_TAGS_PER_BATCH, tags);
    batchLimit("metrics, params, and tags", MAX_ENTITIES_PER_BATCH, metrics + params + tags);
  }

  private static void batchLimit(String entity, int limit, int length) {
    if (length > limit) {
      throw invalid(
          "A batch logging request can contain at most "
              + limit
              + " "
              + entity
              + ". Got "
              + length
              + " "
              + entity
              + ". Please split up "
              + entity
              + " across multiple requests and try again.");
    }
  }

  /** The raw body of a log-batch request may be at most 1,000,000 bytes. */
  public static void validateLogBatchRequestSize(long bytes) {
    if (bytes > MAX_BATCH_LOG_REQUEST_SIZE) {
      throw invalid(
          "Batched logging API requests must be at most "
              + MAX_BATCH_LOG_REQUEST_SIZE
              + " bytes, got a request of size "
              + bytes
              + ".");
    }
  }

  /** No param key may appear twice in one request ({@code _validate_param_keys_unique}). */
  public static void validateParamKeysUnique(List<Param> params) {
    Set<String> seen = new LinkedHashSet<>();
    List<String> duplicates = new ArrayList<>();
    for (Param p : params) {
      if (!seen.add(p.key())) {
        duplicates.add(p.key());
      }
    }
    if (!duplicates.isEmpty()) {
      throw invalid(
          "Duplicate parameter keys have been submitted: "
              + PythonFormat.pyList(duplicates)
              + ". Please ensure the request contains only one param value per param key.");
    }
  }

  // ---- datasets ------------------------------------------------------------------------------

  /** The dataset inputs of a log-inputs request ({@code _validate_dataset_inputs}). */
  public static void validateDatasetInputs(List<DatasetInput> inputs) {
    for (DatasetInput input : inputs) {
      validateDataset(input.dataset());
      for (InputTag tag : input.tags()) {
        validateInputTag(tag);
      }
    }
  }

  /** One dataset: required fields and MLflow's size limits. */
  public static void validateDataset(Dataset dataset) {
    if (dataset == null) {
      throw invalid("Dataset cannot be None");
    }
    required(dataset.name(), "Dataset name cannot be None");
    required(dataset.digest(), "Dataset digest cannot be None");
    required(dataset.sourceType(), "Dataset source_type cannot be None");
    required(dataset.source(), "Dataset source cannot be None");
    maxSize("Dataset name", MAX_DATASET_NAME_SIZE, dataset.name());
    maxSize("Dataset digest", MAX_DATASET_DIGEST_SIZE, dataset.digest());
    maxSize("Dataset source", MAX_DATASET_SOURCE_SIZE, dataset.source());
    maxSize("Dataset schema", MAX_DATASET_SCHEMA_SIZE, dataset.schema());
    maxSize("Dataset profile", MAX_DATASET_PROFILE_SIZE, dataset.profile());
  }

  /** One dataset-input tag: key and value present and within MLflow's sizes. */
  public static void validateInputTag(InputTag tag) {
    if (tag == null) {
      throw invalid("InputTag cannot be None");
    }
    required(tag.key(), "InputTag key cannot be None");
    required(tag.value(), "InputTag value cannot be None");
    maxSize("InputTag key", MAX_INPUT_TAG_KEY_SIZE, tag.key());
    maxSize("InputTag value", MAX_INPUT_TAG_VALUE_SIZE, tag.value());
  }

  // ---- search --------------------------------------------------------------------------------

  /** {@code max_results} of search-runs: absent (null) or between 1 and 50,000. */
  public static void validateSearchRunsMaxResults(Long maxResults) {
    if (maxResults != null) {
      validateMaxResults(maxResults);
    }
  }

  /** {@code max_results} of search-runs. */
  public static void validateSearchRunsMaxResults(long maxResults) {
    validateMaxResults(maxResults);
  }

  /** {@code max_results} of search-experiments: between 1 and 50,000. */
  public static void validateSearchExperimentsMaxResults(long maxResults) {
    validateMaxResults(maxResults);
  }

  /** {@code _validate_max_results_param}, worded as since MLflow 2.16 (mlflow/mlflow#12965). */
  private static void validateMaxResults(long maxResults) {
    if (maxResults < 1) {
      throw invalid(
          "Invalid value "
              + maxResults
              + " for parameter 'max_results' supplied. It must be a positive integer");
    }
    if (maxResults > SEARCH_MAX_RESULTS_THRESHOLD) {
      throw invalid(
          "Invalid value "
              + maxResults
              + " for parameter 'max_results' supplied. It must be at most "
              + SEARCH_MAX_RESULTS_THRESHOLD);
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static void lengthLimit(String entity, int limit, String value) {
    limitValue(entity, limit, value, LongValues.REJECT);
  }

  /** {@code _validate_length_limit}: lengths count code points, as Python's {@code len}. */
  private static String limitValue(String entity, int limit, String value, LongValues policy) {
    if (value == null) {
      return null;
    }
    int length = PythonFormat.length(value);
    if (length <= limit) {
      return value;
    }
    if (policy == LongValues.TRUNCATE) {
      return PythonFormat.prefix(value, limit);
    }
    throw invalid(
        entity
            + " '"
            + PythonFormat.prefix(value, 250)
            + "' had length "
            + length
            + ", which exceeded length limit of "
            + limit);
  }

  private static void required(String value, String message) {
    if (value == null) {
      throw invalid(message);
    }
  }

  private static void maxSize(String what, int limit, String value) {
    if (value != null && PythonFormat.length(value) > limit) {
      throw invalid(what + " exceeds the maximum length of " + limit);
    }
  }

  private static MledgerException invalid(String message) {
    return MledgerException.invalidParameter(message);
  }
}
