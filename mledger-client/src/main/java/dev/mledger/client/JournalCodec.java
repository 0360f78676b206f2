package dev.mledger.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.RunStatus;
import dev.mledger.core.tracking.RunTag;

/**
 * Journal records as single-line JSON. Data fields reuse MLflow's wire shapes, so a journal reads
 * like the requests it will become.
 */
final class JournalCodec {
  private JournalCodec() {}

  static String encode(JournalRecord record) {
    ObjectNode json = Wire.object();
    json.put("seq", record.seq());
    if (record instanceof JournalRecord.Create c) {
      json.put("op", "create");
      json.put("client_run_id", c.clientRunId());
      putNullable(json, "experiment_name", c.experimentName());
      putNullable(json, "experiment_id", c.experimentId());
      putNullable(json, "run_name", c.runName());
      json.put("start_time", c.startTime());
      putNullable(json, "user_id", c.userId());
      Wire.putList(json, "tags", c.tags(), t -> Wire.keyValue(t.key(), t.value()));
      putNullable(json, "parent_client_run_id", c.parentClientRunId());
      putNullable(json, "parent_run_id", c.parentRunId());
    } else if (record instanceof JournalRecord.Attach a) {
      json.put("op", "attach");
      json.put("client_run_id", a.clientRunId());
      json.put("run_id", a.runId());
    } else if (record instanceof JournalRecord.LogBatch b) {
      json.put("op", "log_batch");
      Wire.putList(json, "metrics", b.batch().metrics(), Wire::metric);
      Wire.putList(json, "params", b.batch().params(), p -> Wire.keyValue(p.key(), p.value()));
      Wire.putList(json, "tags", b.batch().tags(), t -> Wire.keyValue(t.key(), t.value()));
    } else if (record instanceof JournalRecord.LogInputs i) {
      json.put("op", "log_inputs");
      Wire.putList(json, "datasets", i.inputs(), Wire::datasetInput);
    } else if (record instanceof JournalRecord.End e) {
      json.put("op", "end");
      json.put("status", e.status().name());
      json.put("end_time", e.endTime());
    }
    try {
      // Jackson escapes control characters, so a record never spans two lines.
      return HttpTransport.JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode journal record", e);
    }
  }

  /**
   * @throws IllegalArgumentException if the line is not a journal record
   */
  static JournalRecord decode(String line) {
    JsonNode json;
    try {
      json = HttpTransport.JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (json == null || !json.isObject() || !json.hasNonNull("seq") || !json.hasNonNull("op")) {
      throw new IllegalArgumentException("not a journal record");
    }
    long seq = json.get("seq").asLong();
    String op = json.get("op").asText();
    return switch (op) {
      case "create" ->
          new JournalRecord.Create(
              seq,
              Wire.text(json, "client_run_id"),
              Wire.textOrNull(json, "experiment_name"),
              Wire.textOrNull(json, "experiment_id"),
              Wire.textOrNull(json, "run_name"),
              Wire.longValue(json, "start_time"),
              Wire.textOrNull(json, "user_id"),
              Wire.list(json, "tags", t -> new RunTag(Wire.text(t, "key"), Wire.text(t, "value"))),
              Wire.textOrNull(json, "parent_client_run_id"),
              Wire.textOrNull(json, "parent_run_id"));
      case "attach" ->
          new JournalRecord.Attach(
              seq, Wire.text(json, "client_run_id"), Wire.text(json, "run_id"));
      case "log_batch" ->
          new JournalRecord.LogBatch(
              seq,
              new Batch(
                  Wire.list(json, "metrics", Wire::metricOf),
                  Wire.list(
                      json, "params", p -> new Param(Wire.text(p, "key"), Wire.text(p, "value"))),
                  Wire.list(
                      json, "tags", t -> new RunTag(Wire.text(t, "key"), Wire.text(t, "value")))));
      case "log_inputs" ->
          new JournalRecord.LogInputs(seq, Wire.list(json, "datasets", Wire::datasetInputOf));
      case "end" ->
          new JournalRecord.End(
              seq, RunStatus.valueOf(Wire.text(json, "status")), Wire.longValue(json, "end_time"));
      default -> throw new IllegalArgumentException("unknown journal operation '" + op + "'");
    };
  }

  private static void putNullable(ObjectNode json, String field, String value) {
    if (value != null) {
      json.put(field, value);
    }
  }
}
