package dev.mledger.server.mlflow.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.server.testing.RunningServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protobuf JSON names ({@code runId}, {@code experimentIds}, {@code maxResults}) next to proto
 * names, with the precedence of protobuf's {@code ParseDict} (protobuf 4.x, as MLflow 2.17.2 runs
 * it).
 */
class JsonNameDecodingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RequestDecoder.Decoded decode(String json, MessageSpec spec) throws Exception {
    return RequestDecoder.decode((ObjectNode) JSON.readTree(json), spec, false);
  }

  @Test
  void jsonNamesFollowProtocsRule() {
    assertThat(MlflowMessages.SEARCH_RUNS.field("experiment_ids").jsonName())
        .isEqualTo("experimentIds");
    assertThat(MlflowMessages.SEARCH_RUNS.field("run_view_type").jsonName())
        .isEqualTo("runViewType");
    assertThat(MlflowMessages.SEARCH_RUNS.field("filter").jsonName()).isEqualTo("filter");
    assertThat(MlflowMessages.SEARCH_RUNS.fieldForJsonKey("maxResults").name())
        .isEqualTo("max_results");
    assertThat(MlflowMessages.SEARCH_RUNS.fieldForJsonKey("max_results").name())
        .isEqualTo("max_results");
    assertThat(MlflowMessages.SEARCH_RUNS.fieldForJsonKey("MaxResults")).isNull();
  }

  @Test
  void camelCaseNamesDecodeLikeProtoNames() throws Exception {
    RequestDecoder.Decoded decoded =
        decode(
            "{\"experimentIds\": [\"1\", \"2\"], \"maxResults\": 7, \"runViewType\": \"ALL\","
                + " \"orderBy\": [\"metrics.a DESC\"], \"pageToken\": \"t\"}",
            MlflowMessages.SEARCH_RUNS);
    assertThat(decoded.problems()).isEmpty();
    ProtoMessage message = decoded.message();
    assertThat(message.strings("experiment_ids")).containsExactly("1", "2");
    assertThat(message.integerOrNull("max_results")).isEqualTo(7L);
    assertThat(message.enumOrNull("run_view_type")).isEqualTo("ALL");
    assertThat(message.strings("order_by")).containsExactly("metrics.a DESC");
    assertThat(message.string("page_token")).isEqualTo("t");
  }

  @Test
  void nestedMessagesAcceptJsonNamesToo() throws Exception {
    ProtoMessage message =
        decode(
                "{\"runId\": \"r\", \"datasets\": [{\"dataset\": {\"name\": \"d\","
                    + " \"digest\": \"x\", \"sourceType\": \"local\", \"source\": \"s\"}}]}",
                MlflowMessages.LOG_INPUTS)
            .message();
    assertThat(message.string("run_id")).isEqualTo("r");
    ProtoMessage dataset = message.messages("datasets").get(0).messageOrNull("dataset");
    assertThat(dataset.string("source_type")).isEqualTo("local");
  }

  @Test
  void whenBothSpellingsArePresentTheLaterKeyWins() throws Exception {
    assertThat(
            decode("{\"run_id\": \"a\", \"runId\": \"b\"}", MlflowMessages.RUN_ID)
                .message()
                .string("run_id"))
        .isEqualTo("b");
    assertThat(
            decode("{\"runId\": \"b\", \"run_id\": \"a\"}", MlflowMessages.RUN_ID)
                .message()
                .string("run_id"))
        .isEqualTo("a");
    // A repeated field is replaced, not appended to (ParseDict clears it first).
    assertThat(
            decode(
                    "{\"experiment_ids\": [\"1\"], \"experimentIds\": [\"2\", \"3\"]}",
                    MlflowMessages.SEARCH_RUNS)
                .message()
                .strings("experiment_ids"))
        .containsExactly("2", "3");
  }

  @Test
  void aLaterNullClearsTheField() throws Exception {
    ProtoMessage message =
        decode("{\"run_id\": \"a\", \"runId\": null}", MlflowMessages.RUN_ID).message();
    assertThat(message.has("run_id")).isFalse();
  }

  @Test
  void aMessageGivenTwiceIsMergedFieldByField() throws Exception {
    MessageSpec inner =
        MessageSpec.named("Inner").string("first_value").strings("tag_keys").string("b").build();
    MessageSpec outer = MessageSpec.named("Outer").message("inner_message", inner).build();
    ProtoMessage merged =
        decode(
                "{\"inner_message\": {\"first_value\": \"1\", \"tag_keys\": [\"x\"], \"b\": \"2\"},"
                    + " \"innerMessage\": {\"tagKeys\": [\"y\"], \"b\": \"3\"}}",
                outer)
            .message()
            .messageOrNull("inner_message");
    assertThat(merged.string("first_value")).isEqualTo("1");
    assertThat(merged.strings("tag_keys")).containsExactly("y");
    assertThat(merged.string("b")).isEqualTo("3");
  }

  @Test
  void onlyProtoNamedExperimentIdsMayBeNumbers() throws Exception {
    assertThat(
            decode("{\"experiment_ids\": [1]}", MlflowMessages.SEARCH_RUNS)
                .message()
                .strings("experiment_ids"))
        .containsExactly("1");
    // MLflow's _stringify_all_experiment_ids matches the key literally, so ParseDict sees an int.
    assertThat(decode("{\"experimentIds\": [1]}", MlflowMessages.SEARCH_RUNS).problems())
        .extracting(RequestDecoder.Problem::path)
        .containsExactly("experiment_ids[0]");
  }

  @Test
  void wrongTypesUnderJsonNamesAreReportedUnderTheProtoName() throws Exception {
    assertThat(decode("{\"maxResults\": \"many\"}", MlflowMessages.SEARCH_RUNS).problems())
        .extracting(RequestDecoder.Problem::path)
        .containsExactly("max_results");
  }

  @Test
  void queryParametersAcceptJsonNamesAndTheLaterOneWins() {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("run_id", List.of("a"));
    params.put("runId", List.of("b"));
    params.put("metricKey", List.of("loss"));
    params.put("maxResults", List.of("5"));
    ObjectNode raw = RequestDecoder.fromQueryParameters(params, MlflowMessages.GET_METRIC_HISTORY);
    assertThat(raw.path("run_id").asText()).isEqualTo("b");
    assertThat(raw.path("metric_key").asText()).isEqualTo("loss");
    assertThat(raw.has("runId")).isFalse();
    ProtoMessage message =
        RequestDecoder.decode(raw, MlflowMessages.GET_METRIC_HISTORY, true).message();
    assertThat(message.integerOrNull("max_results")).isEqualTo(5L);
  }

  @Test
  void overHttpCamelCaseWorksWhereMlflowAcceptsIt(@TempDir Path dir) throws Exception {
    try (RunningServer server = RunningServer.sqlite(dir)) {
      String api = "/api/2.0/mlflow";
      JsonNode created =
          RunningServer.json(
              server.post(
                  api + "/runs/create",
                  "{\"experimentId\": \"0\", \"runName\": \"camel\", \"startTime\": 5}"));
      String runId = created.at("/run/info/run_id").asText();
      assertThat(created.at("/run/info/run_name").asText()).isEqualTo("camel");
      assertThat(created.at("/run/info/start_time").asLong()).isEqualTo(5L);

      // A GET query string has no schema check in MLflow: the JSON name is enough.
      HttpResponse<String> got = server.get(api + "/runs/get?runId=" + runId);
      assertThat(got.statusCode()).isEqualTo(200);

      JsonNode search =
          RunningServer.json(
              server.post(api + "/runs/search", "{\"experimentIds\": [\"0\"], \"maxResults\": 1}"));
      assertThat(search.path("runs")).hasSize(1);

      // MLflow's schema check reads required parameters from the raw body under their proto names.
      HttpResponse<String> delete =
          server.post(api + "/runs/delete", "{\"runId\": \"" + runId + "\"}");
      assertThat(delete.statusCode()).isEqualTo(400);
      assertThat(delete.body()).contains("Missing value for required parameter 'run_id'.");
    }
  }
}
