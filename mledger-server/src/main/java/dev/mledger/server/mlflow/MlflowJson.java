package dev.mledger.server.mlflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.tracking.Dataset;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.Experiment;
import dev.mledger.core.tracking.ExperimentTag;
import dev.mledger.core.tracking.InputTag;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.MetricWithRunId;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.Run;
import dev.mledger.core.tracking.RunData;
import dev.mledger.core.tracking.RunInfo;
import dev.mledger.core.tracking.RunTag;
import java.util.List;
import java.util.function.Function;

/**
 * Builds response bodies exactly as MLflow 2.17.2 writes them: its entities' {@code to_proto()}
 * decides which fields are set, protobuf's JSON printer emits set fields in field-number order
 * under their proto names (enums by name, NaN and infinities as strings), and {@code
 * message_to_json} turns int64 fields back into JSON numbers.
 */
final class MlflowJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private MlflowJson() {}

  static ObjectNode object() {
    return F.objectNode();
  }

  /** mlflow.Experiment: fields 1-7; zero timestamps are left unset by {@code to_proto}. */
  static ObjectNode experiment(Experiment experiment) {
    ObjectNode json = F.objectNode();
    json.put("experiment_id", experiment.experimentId());
    json.put("name", experiment.name());
    putIfNotNull(json, "artifact_location", experiment.artifactLocation());
    json.put("lifecycle_stage", experiment.lifecycleStage().wireName());
    if (experiment.lastUpdateTime() != 0) {
      json.put("last_update_time", experiment.lastUpdateTime());
    }
    if (experiment.creationTime() != 0) {
      json.put("creation_time", experiment.creationTime());
    }
    putList(json, "tags", experiment.tags(), (ExperimentTag t) -> keyValue(t.key(), t.value()));
    return json;
  }

  /** mlflow.Run: info, data and inputs are always present, possibly as empty objects. */
  static ObjectNode run(Run run) {
    ObjectNode json = F.objectNode();
    json.set("info", runInfo(run.info()));
    json.set("data", runData(run.data()));
    ObjectNode inputs = json.putObject("inputs");
    putList(inputs, "dataset_inputs", run.inputs(), MlflowJson::datasetInput);
    return json;
  }

  /**
   * mlflow.RunInfo in field-number order: run_uuid (1) first, run_id (15) last. An unset or zero
   * end time and an empty artifact URI are omitted, as {@code RunInfo.to_proto} does.
   */
  static ObjectNode runInfo(RunInfo info) {
    ObjectNode json = F.objectNode();
    json.put("run_uuid", info.runId());
    json.put("experiment_id", info.experimentId());
    putIfNotNull(json, "run_name", info.runName());
    putIfNotNull(json, "user_id", info.userId());
    json.put("status", info.status().name());
    json.put("start_time", info.startTime());
    if (info.endTime() != null && info.endTime() != 0) {
      json.put("end_time", info.endTime());
    }
    if (info.artifactUri() != null && !info.artifactUri().isEmpty()) {
      json.put("artifact_uri", info.artifactUri());
    }
    json.put("lifecycle_stage", info.lifecycleStage().wireName());
    json.put("run_id", info.runId());
    return json;
  }

  static ObjectNode runData(RunData data) {
    ObjectNode json = F.objectNode();
    putList(json, "metrics", data.metrics(), MlflowJson::metric);
    putList(json, "params", data.params(), (Param p) -> keyValue(p.key(), p.value()));
    putList(json, "tags", data.tags(), (RunTag t) -> keyValue(t.key(), t.value()));
    return json;
  }

  static ObjectNode metric(Metric metric) {
    ObjectNode json = F.objectNode();
    json.put("key", metric.key());
    putDouble(json, "value", metric.value());
    json.put("timestamp", metric.timestamp());
    json.put("step", metric.step());
    return json;
  }

  static ObjectNode metricWithRunId(MetricWithRunId entry) {
    ObjectNode json = metric(entry.metric());
    json.put("run_id", entry.runId());
    return json;
  }

  static ObjectNode datasetInput(DatasetInput input) {
    ObjectNode json = F.objectNode();
    putList(json, "tags", input.tags(), (InputTag t) -> keyValue(t.key(), t.value()));
    Dataset dataset = input.dataset();
    ObjectNode datasetJson = json.putObject("dataset");
    datasetJson.put("name", dataset.name());
    datasetJson.put("digest", dataset.digest());
    datasetJson.put("source_type", dataset.sourceType());
    datasetJson.put("source", dataset.source());
    putIfNotNull(datasetJson, "schema", dataset.schema());
    putIfNotNull(datasetJson, "profile", dataset.profile());
    return json;
  }

  /** Adds a repeated field; protobuf's printer leaves empty repeated fields out. */
  static <T> void putList(
      ObjectNode json, String field, List<T> items, Function<T, ObjectNode> mapper) {
    if (items == null || items.isEmpty()) {
      return;
    }
    ArrayNode array = json.putArray(field);
    for (T item : items) {
      array.add(mapper.apply(item));
    }
  }

  /** Adds {@code next_page_token} when there is a next page. */
  static void putPageToken(ObjectNode json, String token) {
    if (token != null && !token.isEmpty()) {
      json.put("next_page_token", token);
    }
  }

  private static ObjectNode keyValue(String key, String value) {
    ObjectNode json = F.objectNode();
    putIfNotNull(json, "key", key);
    putIfNotNull(json, "value", value);
    return json;
  }

  /** protobuf's JSON printer writes non-finite doubles as the strings "NaN" and "Infinity". */
  private static void putDouble(ObjectNode json, String field, double value) {
    if (Double.isNaN(value)) {
      json.put(field, "NaN");
    } else if (Double.isInfinite(value)) {
      json.put(field, value > 0 ? "Infinity" : "-Infinity");
    } else {
      json.put(field, value);
    }
  }

  private static void putIfNotNull(ObjectNode json, String field, String value) {
    if (value != null) {
      json.put(field, value);
    }
  }
}
