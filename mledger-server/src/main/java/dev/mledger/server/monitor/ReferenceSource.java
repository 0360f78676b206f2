package dev.mledger.server.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.dataset.DatasetRef;
import dev.mledger.core.error.MledgerException;

/**
 * Where the server reads a monitor's reference table from: a file of a dataset version's snapshot,
 * or an artifact of a run (its evaluation data). Written in a create request as {@code "reference":
 * {"dataset": "NAME@VERSION", "file": "PATH"}} or {@code {"run": "RUN_ID", "artifact":
 * "eval.csv"}}; both take an optional {@code prediction_column}.
 */
sealed interface ReferenceSource {

  /** The monitor's reference label: {@code dataset:NAME@VERSION} or {@code run:RUN_ID}. */
  String label();

  /** The column holding predictions, or {@code null} for the default ({@code prediction}). */
  String predictionColumn();

  /** The JSON form, as the monitor shows it under {@code reference_source}. */
  ObjectNode toJson();

  /** A file of a dataset version; {@code file} may be null for a single-table snapshot. */
  record DatasetFile(String name, String version, String file, String predictionColumn)
      implements ReferenceSource {
    @Override
    public String label() {
      return "dataset:" + name + "@" + version;
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode o = MonitorJson.JSON.createObjectNode().put("dataset", name + "@" + version);
      if (file != null) {
        o.put("file", file);
      }
      if (predictionColumn != null) {
        o.put("prediction_column", predictionColumn);
      }
      return o;
    }
  }

  /** An artifact of a run. */
  record RunArtifact(String runId, String artifact, String predictionColumn)
      implements ReferenceSource {
    @Override
    public String label() {
      return "run:" + runId;
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode o =
          MonitorJson.JSON.createObjectNode().put("run", runId).put("artifact", artifact);
      if (predictionColumn != null) {
        o.put("prediction_column", predictionColumn);
      }
      return o;
    }
  }

  /** Reads the object form of {@code reference}. */
  static ReferenceSource parse(JsonNode reference) {
    if (reference == null || !reference.isObject()) {
      throw MledgerException.invalidParameter(
          "'reference' must be {\"dataset\": \"NAME@VERSION\"[, \"file\": PATH]} or"
              + " {\"run\": RUN_ID, \"artifact\": PATH}.");
    }
    String prediction = MonitorJson.text(reference, "prediction_column", false);
    boolean dataset = reference.hasNonNull("dataset");
    if (dataset == reference.hasNonNull("run")) {
      throw MledgerException.invalidParameter(
          "'reference' needs exactly one of 'dataset' (NAME@VERSION) and 'run' (RUN_ID).");
    }
    if (dataset) {
      String text = MonitorJson.text(reference, "dataset", true);
      DatasetRef ref = DatasetRef.parse(text);
      if (ref.version().isEmpty()) {
        throw MledgerException.invalidParameter(
            "'reference.dataset' must pin a version: NAME@VERSION, got '" + text + "'.");
      }
      return new DatasetFile(
          ref.name(),
          ref.version().get().toString(),
          MonitorJson.text(reference, "file", false),
          prediction);
    }
    return new RunArtifact(
        MonitorJson.text(reference, "run", true),
        MonitorJson.text(reference, "artifact", true),
        prediction);
  }
}
