package dev.mledger.server.mlflow;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.tracking.Dataset;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.ExperimentTag;
import dev.mledger.core.tracking.InputTag;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.store.NewRun;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The content checks MLflow 2.17.2 makes before storing ({@code mlflow/utils/validation.py}): key
 * syntax and length, value lengths, batch sizes and search page sizes. The store relies on them
 * having been made.
 */
final class RequestValidation {
  static final int MAX_METRICS_PER_BATCH = 1000;
  static final int MAX_PARAMS_TAGS_PER_BATCH = 100;
  static final int MAX_ENTITIES_PER_BATCH = 1000;
  static final int MAX_ENTITY_KEY_LENGTH = 250;
  static final int MAX_PARAM_VALUE_LENGTH = 6000;
  static final int MAX_TAG_VALUE_LENGTH = 8000;
  static final int MAX_EXPERIMENT_TAG_VALUE_LENGTH = 5000;
  static final int MAX_EXPERIMENT_NAME_LENGTH = 500;
  static final int MAX_DATASET_NAME_LENGTH = 500;
  static final int MAX_DATASET_DIGEST_LENGTH = 36;
  static final int MAX_DATASET_SOURCE_LENGTH = 65_535;
  static final int MAX_DATASET_SCHEMA_LENGTH = 1_048_575;
  static final int MAX_DATASET_PROFILE_LENGTH = 16_777_215;
  static final int MAX_INPUT_TAG_KEY_LENGTH = 255;
  static final int MAX_INPUT_TAG_VALUE_LENGTH = 500;
  static final int MAX_SEARCH_RESULTS = 50_000;

  private static final Pattern VALID_NAME = Pattern.compile("^[/\\w.\\- :]*$");

  private RequestValidation() {}

  static void createExperiment(String name, String artifactLocation, List<ExperimentTag> tags) {
    experimentName(name);
    if (artifactLocation != null && artifactLocation.startsWith("runs:")) {
      throw MledgerException.invalidParameter(
          "Artifact location cannot be a runs:/ URI. Given: '" + artifactLocation + "'");
    }
    tags.forEach(RequestValidation::experimentTag);
  }

  static void experimentName(String name) {
    if (name == null || name.isEmpty()) {
      throw MledgerException.invalidParameter("Invalid experiment name: '" + name + "'");
    }
    lengthLimit("Experiment name", MAX_EXPERIMENT_NAME_LENGTH, name);
  }

  static void experimentTag(ExperimentTag tag) {
    name("tag", tag.key());
    lengthLimit("Tag key", MAX_ENTITY_KEY_LENGTH, tag.key());
    lengthLimit("Tag value", MAX_EXPERIMENT_TAG_VALUE_LENGTH, tag.value());
  }

  static void createRun(NewRun run) {
    run.tags().forEach(RequestValidation::runTag);
  }

  static void runTag(RunTag tag) {
    name("tag", tag.key());
    lengthLimit("Tag key", MAX_ENTITY_KEY_LENGTH, tag.key());
    lengthLimit("Tag value", MAX_TAG_VALUE_LENGTH, tag.value());
  }

  /** {@code _validate_batch_log_limits} and {@code _validate_batch_log_data}. */
  static void batch(List<Metric> metrics, List<Param> params, List<RunTag> tags) {
    limit(metrics.size(), MAX_METRICS_PER_BATCH, "metrics");
    limit(params.size(), MAX_PARAMS_TAGS_PER_BATCH, "params");
    limit(tags.size(), MAX_PARAMS_TAGS_PER_BATCH, "tags");
    int total = metrics.size() + params.size() + tags.size();
    if (total > MAX_ENTITIES_PER_BATCH) {
      throw MledgerException.invalidParameter(
          "A batch logging request can contain at most "
              + MAX_ENTITIES_PER_BATCH
              + " metrics, params, and tags in total. Got "
              + total
              + " in total. Please split up metrics, params, and tags across multiple requests"
              + " and try again.");
    }
    for (Metric metric : metrics) {
      name("metric", metric.key());
      lengthLimit("Metric name", MAX_ENTITY_KEY_LENGTH, metric.key());
    }
    for (Param param : params) {
      name("parameter", param.key());
      lengthLimit("Param key", MAX_ENTITY_KEY_LENGTH, param.key());
      lengthLimit("Param value", MAX_PARAM_VALUE_LENGTH, param.value());
    }
    tags.forEach(RequestValidation::runTag);
  }

  static void datasetInputs(List<DatasetInput> inputs) {
    for (DatasetInput input : inputs) {
      Dataset dataset = input.dataset();
      if (dataset == null) {
        throw MledgerException.invalidParameter("Dataset input must specify a dataset.");
      }
      required("Dataset name", dataset.name());
      required("Dataset digest", dataset.digest());
      required("Dataset source_type", dataset.sourceType());
      required("Dataset source", dataset.source());
      lengthLimit("Dataset name", MAX_DATASET_NAME_LENGTH, dataset.name());
      lengthLimit("Dataset digest", MAX_DATASET_DIGEST_LENGTH, dataset.digest());
      lengthLimit("Dataset source", MAX_DATASET_SOURCE_LENGTH, dataset.source());
      lengthLimit("Dataset schema", MAX_DATASET_SCHEMA_LENGTH, dataset.schema());
      lengthLimit("Dataset profile", MAX_DATASET_PROFILE_LENGTH, dataset.profile());
      for (InputTag tag : input.tags()) {
        required("Input tag key", tag.key());
        required("Input tag value", tag.value());
        lengthLimit("Input tag key", MAX_INPUT_TAG_KEY_LENGTH, tag.key());
        lengthLimit("Input tag value", MAX_INPUT_TAG_VALUE_LENGTH, tag.value());
      }
    }
  }

  /** {@code SearchUtils._validate_max_results_param}. */
  static void searchMaxResults(long maxResults) {
    if (maxResults < 1) {
      throw MledgerException.invalidParameter(
          "Invalid value "
              + maxResults
              + " for parameter 'max_results' supplied. It must be a positive integer");
    }
    if (maxResults > MAX_SEARCH_RESULTS) {
      throw MledgerException.invalidParameter(
          "Invalid value "
              + maxResults
              + " for parameter 'max_results' supplied. It must be at most "
              + MAX_SEARCH_RESULTS);
    }
  }

  private static void limit(int count, int max, String what) {
    if (count > max) {
      throw MledgerException.invalidParameter(
          "A batch logging request can contain at most "
              + max
              + " "
              + what
              + ". Got "
              + count
              + " "
              + what
              + ". Please split up "
              + what
              + " across multiple requests and try again.");
    }
  }

  /** {@code _validate_metric_name}, {@code _validate_param_name}, {@code _validate_tag_name}. */
  private static void name(String entity, String name) {
    if (name == null || !VALID_NAME.matcher(name).matches()) {
      throw MledgerException.invalidParameter(
          "Invalid "
              + entity
              + " name: '"
              + name
              + "'. Names may only contain alphanumerics, underscores (_), dashes (-), periods"
              + " (.), spaces ( ), colon(:) and slashes (/).");
    }
    String normalized = normalizePath(name);
    if (!normalized.equals(name)
        || normalized.equals(".")
        || normalized.startsWith("..")
        || normalized.startsWith("/")) {
      throw MledgerException.invalidParameter(
          "Invalid "
              + entity
              + " name: '"
              + name
              + "'. Names may be treated as files in certain cases, and must not resolve to other"
              + " names when treated as such. This name would resolve to '"
              + normalized
              + "'");
    }
  }

  private static void required(String what, String value) {
    if (value == null || value.isEmpty()) {
      throw MledgerException.invalidParameter(what + " must be specified.");
    }
  }

  private static void lengthLimit(String entity, int limit, String value) {
    if (value != null && value.length() > limit) {
      throw MledgerException.invalidParameter(
          entity
              + " '"
              + value.substring(0, Math.min(value.length(), 250))
              + "' had length "
              + value.length()
              + ", which exceeded length limit of "
              + limit);
    }
  }

  /** Python's {@code posixpath.normpath}. */
  static String normalizePath(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    int leadingSlashes =
        path.startsWith("//") && !path.startsWith("///") ? 2 : path.startsWith("/") ? 1 : 0;
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")
          && leadingSlashes == 0
          && (parts.isEmpty() || parts.peekLast().equals(".."))) {
        parts.addLast(part);
      } else if (part.equals("..")) {
        if (!parts.isEmpty()) {
          parts.removeLast();
        }
      } else {
        parts.addLast(part);
      }
    }
    String joined = "/".repeat(leadingSlashes) + String.join("/", parts);
    return joined.isEmpty() ? "." : joined;
  }
}
