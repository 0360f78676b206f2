package dev.mledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.tracking.Dataset;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.Experiment;
import dev.mledger.core.tracking.ExperimentTag;
import dev.mledger.core.tracking.InputTag;
import dev.mledger.core.tracking.LifecycleStage;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.MetricWithRunId;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.Run;
import dev.mledger.core.tracking.RunData;
import dev.mledger.core.tracking.RunInfo;
import dev.mledger.core.tracking.RunStatus;
import dev.mledger.core.tracking.RunTag;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Maps the core records to and from MLflow's proto-JSON. Reading is lenient the way protobuf's JSON
 * parser is: absent fields take their proto defaults, int64 values may arrive as numbers or
 * strings, doubles as numbers or the strings {@code "NaN"}, {@code "Infinity"}, {@code
 * "-Infinity"}.
 */
final class Wire {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Wire() {}

  static ObjectNode object() {
    return F.objectNode();
  }

  // ---- writing ----

  static ObjectNode metric(Metric metric) {
    ObjectNode json = F.objectNode();
    json.put("key", metric.key());
    putDouble(json, "value", metric.value());
    json.put("timestamp", metric.timestamp());
    json.put("step", metric.step());
    return json;
  }

  static ObjectNode keyValue(String key, String value) {
    ObjectNode json = F.objectNode();
    json.put("key", key);
    json.put("value", value);
    return json;
  }

  static ObjectNode datasetInput(DatasetInput input) {
    ObjectNode json = F.objectNode();
    ArrayNode tags = json.putArray("tags");
    input.tags().forEach(t -> tags.add(keyValue(t.key(), t.value())));
    Dataset d = input.dataset();
    ObjectNode dataset = json.putObject("dataset");
    dataset.put("name", d.name());
    dataset.put("digest", d.digest());
    dataset.put("source_type", d.sourceType());
    dataset.put("source", d.source());
    if (d.schema() != null) {
      dataset.put("schema", d.schema());
    }
    if (d.profile() != null) {
      dataset.put("profile", d.profile());
    }
    return json;
  }

  static <T> void putList(ObjectNode json, String field, List<T> items, Function<T, JsonNode> f) {
    ArrayNode array = json.putArray(field);
    items.forEach(item -> array.add(f.apply(item)));
  }

  /** Non-finite doubles travel as strings, as protobuf's JSON printer writes them. */
  private static void putDouble(ObjectNode json, String field, double value) {
    if (Double.isNaN(value)) {
      json.put(field, "NaN");
    } else if (Double.isInfinite(value)) {
      json.put(field, value > 0 ? "Infinity" : "-Infinity");
    } else {
      json.put(field, value);
    }
  }

  // ---- reading ----

  static Experiment experiment(JsonNode json) {
    return new Experiment(
        text(json, "experiment_id"),
        text(json, "name"),
        textOrNull(json, "artifact_location"),
        stage(json),
        longValue(json, "creation_time"),
        longValue(json, "last_update_time"),
        list(json, "tags", t -> new ExperimentTag(text(t, "key"), text(t, "value"))));
  }

  static Run run(JsonNode json) {
    JsonNode inputs = json.path("inputs");
    return new Run(
        runInfo(json.path("info")),
        runData(json.path("data")),
        list(inputs, "dataset_inputs", Wire::datasetInputOf));
  }

  static RunInfo runInfo(JsonNode json) {
    String runId = textOrNull(json, "run_id");
    if (runId == null) {
      runId = text(json, "run_uuid");
    }
    JsonNode endTime = json.get("end_time");
    return new RunInfo(
        runId,
        textOrNull(json, "run_name"),
        text(json, "experiment_id"),
        textOrNull(json, "user_id"),
        RunStatus.valueOf(json.path("status").asText("RUNNING")),
        longValue(json, "start_time"),
        endTime == null || endTime.isNull() ? null : endTime.asLong(),
        textOrNull(json, "artifact_uri"),
        stage(json));
  }

  static RunData runData(JsonNode json) {
    return new RunData(
        list(json, "metrics", Wire::metricOf),
        list(json, "params", p -> new Param(text(p, "key"), text(p, "value"))),
        list(json, "tags", t -> new RunTag(text(t, "key"), text(t, "value"))));
  }

  static Metric metricOf(JsonNode json) {
    return new Metric(
        text(json, "key"),
        doubleValue(json.get("value")),
        longValue(json, "timestamp"),
        longValue(json, "step"));
  }

  static MetricWithRunId metricWithRunIdOf(JsonNode json) {
    return new MetricWithRunId(text(json, "run_id"), metricOf(json));
  }

  static DatasetInput datasetInputOf(JsonNode json) {
    JsonNode d = json.path("dataset");
    return new DatasetInput(
        list(json, "tags", t -> new InputTag(text(t, "key"), text(t, "value"))),
        new Dataset(
            text(d, "name"),
            text(d, "digest"),
            text(d, "source_type"),
            text(d, "source"),
            textOrNull(d, "schema"),
            textOrNull(d, "profile")));
  }

  static <T> List<T> list(JsonNode json, String field, Function<JsonNode, T> f) {
    JsonNode array = json.get(field);
    if (array == null || !array.isArray()) {
      return List.of();
    }
    List<T> items = new ArrayList<>(array.size());
    array.forEach(element -> items.add(f.apply(element)));
    return items;
  }

  static String nextPageToken(JsonNode json) {
    String token = textOrNull(json, "next_page_token");
    return token == null || token.isEmpty() ? null : token;
  }

  /** A string field with proto3's default: absent means empty. */
  static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }

  static String textOrNull(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  static long longValue(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      return 0L;
    }
    return value.isNumber() ? value.asLong() : Long.parseLong(value.asText());
  }

  static double doubleValue(JsonNode value) {
    if (value == null || value.isNull()) {
      return 0.0;
    }
    if (value.isNumber()) {
      return value.asDouble();
    }
    return switch (value.asText()) {
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(value.asText());
    };
  }

  private static LifecycleStage stage(JsonNode json) {
    String stage = textOrNull(json, "lifecycle_stage");
    return stage == null ? LifecycleStage.ACTIVE : LifecycleStage.fromWire(stage);
  }
}
