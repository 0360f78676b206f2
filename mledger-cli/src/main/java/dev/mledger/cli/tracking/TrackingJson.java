package dev.mledger.cli.tracking;

import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.Experiment;
import dev.mledger.core.tracking.ExperimentTag;
import dev.mledger.core.tracking.InputTag;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.Run;
import dev.mledger.core.tracking.RunInfo;
import dev.mledger.core.tracking.RunTag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON shapes of tracking entities in {@code --json} output: the field names and nesting of the
 * MLflow REST API, so scripts written against MLflow responses read them unchanged.
 */
public final class TrackingJson {
  private TrackingJson() {}

  public static Map<String, Object> run(Run run) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("info", info(run.info()));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("metrics", run.data().metrics().stream().map(TrackingJson::metric).toList());
    data.put("params", run.data().params().stream().map(TrackingJson::param).toList());
    data.put("tags", run.data().tags().stream().map(TrackingJson::tag).toList());
    json.put("data", data);
    json.put("inputs", Map.of("dataset_inputs", inputs(run.inputs())));
    return json;
  }

  public static Map<String, Object> info(RunInfo info) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("run_id", info.runId());
    json.put("run_uuid", info.runId());
    json.put("run_name", info.runName());
    json.put("experiment_id", info.experimentId());
    json.put("user_id", info.userId());
    json.put("status", info.status().name());
    json.put("start_time", info.startTime());
    json.put("end_time", info.endTime());
    json.put("artifact_uri", info.artifactUri());
    json.put("lifecycle_stage", info.lifecycleStage().wireName());
    return json;
  }

  public static Map<String, Object> experiment(Experiment experiment) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("experiment_id", experiment.experimentId());
    json.put("name", experiment.name());
    json.put("artifact_location", experiment.artifactLocation());
    json.put("lifecycle_stage", experiment.lifecycleStage().wireName());
    json.put("creation_time", experiment.creationTime());
    json.put("last_update_time", experiment.lastUpdateTime());
    List<Map<String, Object>> tags = new ArrayList<>();
    for (ExperimentTag tag : experiment.tags()) {
      tags.add(keyValue(tag.key(), tag.value()));
    }
    json.put("tags", tags);
    return json;
  }

  private static Map<String, Object> metric(Metric metric) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("key", metric.key());
    json.put("value", metric.value());
    json.put("timestamp", metric.timestamp());
    json.put("step", metric.step());
    return json;
  }

  private static Map<String, Object> param(Param param) {
    return keyValue(param.key(), param.value());
  }

  private static Map<String, Object> tag(RunTag tag) {
    return keyValue(tag.key(), tag.value());
  }

  private static List<Map<String, Object>> inputs(List<DatasetInput> inputs) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (DatasetInput input : inputs) {
      Map<String, Object> json = new LinkedHashMap<>();
      List<Map<String, Object>> tags = new ArrayList<>();
      for (InputTag tag : input.tags()) {
        tags.add(keyValue(tag.key(), tag.value()));
      }
      json.put("tags", tags);
      Map<String, Object> dataset = new LinkedHashMap<>();
      dataset.put("name", input.dataset().name());
      dataset.put("digest", input.dataset().digest());
      dataset.put("source_type", input.dataset().sourceType());
      dataset.put("source", input.dataset().source());
      dataset.put("schema", input.dataset().schema());
      dataset.put("profile", input.dataset().profile());
      json.put("dataset", dataset);
      out.add(json);
    }
    return out;
  }

  private static Map<String, Object> keyValue(String key, String value) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("key", key);
    json.put("value", value);
    return json;
  }
}
