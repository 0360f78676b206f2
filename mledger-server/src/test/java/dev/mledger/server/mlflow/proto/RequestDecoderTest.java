package dev.mledger.server.mlflow.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestDecoderTest {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private static RequestDecoder.Decoded decode(String json, MessageSpec spec) throws Exception {
    return RequestDecoder.decode((ObjectNode) JSON.readTree(json), spec, false);
  }

  @Test
  void acceptsProtobufJsonSpellingsOfNumbers() throws Exception {
    RequestDecoder.Decoded decoded =
        decode(
            "{\"run_id\": \"r\", \"key\": \"k\", \"value\": \"NaN\", \"timestamp\": \"17\","
                + " \"step\": 3.0, \"unknown\": {\"x\": 1}}",
            MlflowMessages.LOG_METRIC);
    assertThat(decoded.problems()).isEmpty();
    ProtoMessage message = decoded.message();
    assertThat(message.doubleOrNull("value")).isNaN();
    assertThat(message.integerOrNull("timestamp")).isEqualTo(17L);
    assertThat(message.integerOrNull("step")).isEqualTo(3L);
    assertThat(message.has("run_uuid")).isFalse();
  }

  @Test
  void infinityAsStringOrLiteral() throws Exception {
    assertThat(
            decode("{\"value\": \"-Infinity\"}", MlflowMessages.LOG_METRIC)
                .message()
                .doubleOrNull("value"))
        .isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(
            decode("{\"value\": Infinity}", MlflowMessages.LOG_METRIC)
                .message()
                .doubleOrNull("value"))
        .isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void reportsWrongTypesWithTheirPath() throws Exception {
    RequestDecoder.Decoded decoded =
        decode(
            "{\"run_id\": 5, \"metrics\": [{\"key\": \"a\", \"value\": \"x\"}], \"params\": 3}",
            MlflowMessages.LOG_BATCH);
    assertThat(decoded.problems())
        .extracting(RequestDecoder.Problem::path)
        .containsExactly("run_id", "metrics[0].value", "params");
  }

  @Test
  void experimentIdsMayBeNumbersAsInOldClients() throws Exception {
    ProtoMessage message =
        decode("{\"experiment_ids\": [1, \"2\"], \"max_results\": 7}", MlflowMessages.SEARCH_RUNS)
            .message();
    assertThat(message.strings("experiment_ids")).containsExactly("1", "2");
    assertThat(message.integerOrNull("max_results")).isEqualTo(7L);
  }

  @Test
  void enumsByNameOrNumberAndDefaults() throws Exception {
    assertThat(
            decode("{\"run_view_type\": 3}", MlflowMessages.SEARCH_RUNS)
                .message()
                .enumOrNull("run_view_type"))
        .isEqualTo("ALL");
    RequestDecoder.Decoded bad =
        decode("{\"run_view_type\": \"SOME\"}", MlflowMessages.SEARCH_RUNS);
    assertThat(bad.problems())
        .extracting(RequestDecoder.Problem::path)
        .containsExactly("run_view_type");
    assertThat(decode("{}", MlflowMessages.SEARCH_RUNS).message().integerOrNull("max_results"))
        .isEqualTo(1000L);
  }

  @Test
  void integersOutOfRangeOrFractionalAreProblems() throws Exception {
    assertThat(decode("{\"max_results\": 2147483648}", MlflowMessages.SEARCH_RUNS).problems())
        .hasSize(1);
    assertThat(decode("{\"max_results\": 1.5}", MlflowMessages.SEARCH_RUNS).problems()).hasSize(1);
    assertThat(decode("{\"max_results\": true}", MlflowMessages.SEARCH_RUNS).problems()).hasSize(1);
  }

  @Test
  void queryParametersBecomeScalarsOrLists() {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("run_ids[]", List.of("a"));
    params.put("run_ids", List.of("b", "c"));
    params.put("metric_key", List.of("loss", "ignored"));
    params.put("start_step", List.of("5"));
    params.put("bogus", List.of("x"));
    ObjectNode raw =
        RequestDecoder.fromQueryParameters(params, MlflowMessages.GET_METRIC_HISTORY_BULK_INTERVAL);
    assertThat(raw.toString())
        .isEqualTo(
            "{\"run_ids\":[\"a\",\"b\",\"c\"],\"metric_key\":\"loss\",\"start_step\":\"5\"}");
    ProtoMessage message =
        RequestDecoder.decode(raw, MlflowMessages.GET_METRIC_HISTORY_BULK_INTERVAL, true).message();
    assertThat(message.integerOrNull("start_step")).isEqualTo(5L);
  }

  @Test
  void pythonReprOfValues() throws Exception {
    assertThat(PythonRepr.str(JSON.readTree("[1, \"a\", null, true, 2.5, {\"k\": \"it's\"}]")))
        .isEqualTo("[1, 'a', None, True, 2.5, {'k': \"it's\"}]");
    assertThat(PythonRepr.typeName(JSON.readTree("3.0"))).isEqualTo("float");
    assertThat(PythonRepr.typeName(JSON.readTree("{}"))).isEqualTo("dict");
  }
}
