package dev.mledger.server.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class PythonJsonTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @Test
  void indentedOutputMatchesPythonJsonDumpsIndent2() {
    ObjectNode root = F.objectNode();
    ObjectNode run = root.putObject("run");
    ObjectNode info = run.putObject("info");
    info.put("run_uuid", "abc");
    info.put("start_time", 1700000000000L);
    info.put("name", "caf\u00e9 \uD83D\uDE00 \"q\" \\ \n\t\u0001\u007f/");
    run.putObject("data");
    run.putObject("inputs");
    run.putArray("list");
    ObjectNode m1 = run.putArray("metrics").addObject();
    m1.put("key", "m");
    m1.put("value", 0.1);
    m1.put("step", 0L);
    ObjectNode m2 =
        ((com.fasterxml.jackson.databind.node.ArrayNode) run.get("metrics")).addObject();
    m2.put("key", "n");
    m2.put("value", 1e-05);
    m2.put("ok", true);
    m2.putNull("none");

    // Golden string: CPython's json.dumps(same_dict, indent=2).
    String expected =
        "{\n  \"run\": {\n    \"info\": {\n      \"run_uuid\": \"abc\",\n"
            + "      \"start_time\": 1700000000000,\n"
            + "      \"name\": \"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\\\ \\n\\t\\u0001\\u007f/\"\n"
            + "    },\n    \"data\": {},\n    \"inputs\": {},\n    \"list\": [],\n"
            + "    \"metrics\": [\n      {\n        \"key\": \"m\",\n        \"value\": 0.1,\n"
            + "        \"step\": 0\n      },\n      {\n        \"key\": \"n\",\n"
            + "        \"value\": 1e-05,\n        \"ok\": true,\n        \"none\": null\n"
            + "      }\n    ]\n  }\n}";
    assertThat(PythonJson.indented(root)).isEqualTo(expected);
  }

  @Test
  void compactOutputMatchesPythonJsonDumpsDefaults() {
    ObjectNode error = F.objectNode();
    error.put("error_code", "X");
    error.put("message", "m\u00e9");
    assertThat(PythonJson.compact(error))
        .isEqualTo("{\"error_code\": \"X\", \"message\": \"m\\u00e9\"}");
  }

  @Test
  void emptyContainersAndNonFiniteFloats() {
    assertThat(PythonJson.indented(F.objectNode())).isEqualTo("{}");
    ObjectNode values = F.objectNode();
    values.put("a", Double.NaN);
    values.put("b", Double.NEGATIVE_INFINITY);
    assertThat(PythonJson.compact(values)).isEqualTo("{\"a\": NaN, \"b\": -Infinity}");
  }
}
