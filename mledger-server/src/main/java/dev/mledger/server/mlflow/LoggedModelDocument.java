package dev.mledger.server.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.server.json.PythonJson;
import java.util.List;
import java.util.TreeSet;

/**
 * The {@code model_json} of {@code runs/log-model}: an MLmodel description that must name its
 * artifact path, flavors, creation time and run. What gets recorded in the run's {@code
 * mlflow.log-model.history} tag is the document without its signature and saved input example,
 * which MLflow also leaves out of the tag ({@code Model.get_tags_dict}).
 */
final class LoggedModelDocument {
  private static final List<String> MANDATORY_FIELDS =
      List.of("artifact_path", "flavors", "utc_time_created", "run_id");
  private static final List<String> LEFT_OUT_OF_TAG =
      List.of("signature", "saved_input_example_info");
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private LoggedModelDocument() {}

  /**
   * Checks {@code modelJson} as MLflow does and returns the JSON to record.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE with MLflow's messages
   */
  static String forHistoryTag(String modelJson) {
    JsonNode parsed;
    try {
      parsed = JSON.readTree(modelJson);
    } catch (JsonProcessingException e) {
      parsed = null;
    }
    if (parsed == null || !parsed.isObject()) {
      throw MledgerException.invalidParameter(
          "Malformed model info. \n " + modelJson + " \n is not a valid JSON.");
    }
    TreeSet<String> missing = new TreeSet<>();
    for (String field : MANDATORY_FIELDS) {
      if (!parsed.has(field)) {
        missing.add(field);
      }
    }
    if (!missing.isEmpty()) {
      throw MledgerException.invalidParameter(
          "Model json is missing mandatory fields: " + pythonSet(missing));
    }
    ObjectNode model = ((ObjectNode) parsed).deepCopy();
    model.remove(LEFT_OUT_OF_TAG);
    return PythonJson.compact(model);
  }

  private static String pythonSet(TreeSet<String> names) {
    StringBuilder out = new StringBuilder("{");
    for (String name : names) {
      out.append(out.length() == 1 ? "" : ", ").append('\'').append(name).append('\'');
    }
    return out.append('}').toString();
  }
}
