package dev.mledger.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventValidationTest {
  private static Map<String, Object> row(Object age, Object income, Object plan) {
    Map<String, Object> f = new HashMap<>();
    f.put("age", age);
    f.put("income", income);
    f.put("plan", plan);
    Map<String, Object> row = new HashMap<>();
    row.put("features", f);
    row.put("prediction", "stay");
    row.put("timestamp", 1_700_000_000_000L);
    return row;
  }

  private static String reason(Object raw) {
    return EventValidation.validate(WindowReporterTest.MONITOR, raw, 5).reason();
  }

  @Test
  void acceptsAndNormalisesAValidRow() {
    EventValidation.Outcome o =
        EventValidation.validate(WindowReporterTest.MONITOR, row(30, null, 2.0), 5);
    assertThat(o.accepted()).isTrue();
    assertThat(o.event().features()).containsEntry("age", 30.0).containsEntry("plan", "2");
    assertThat(o.event().features()).containsKey("income");
    assertThat(o.event().timestamp()).isEqualTo(1_700_000_000_000L);
  }

  @Test
  void namesWhatIsWrong() {
    assertThat(reason(List.of())).isEqualTo("an event must be a JSON object");
    assertThat(reason(row("thirty", 1, "a")))
        .isEqualTo("feature 'age' must be a number or null, got the string \"thirty\"");
    Map<String, Object> missing = row(1, 2, "a");
    ((Map<?, ?>) missing.get("features")).remove("plan");
    assertThat(reason(missing)).contains("feature 'plan' is missing");
    Map<String, Object> extra = row(1, 2, "a");
    extra.put("featurs", Map.of());
    assertThat(reason(extra)).startsWith("unknown field 'featurs'");
    Map<String, Object> latency = row(1, 2, "a");
    latency.put("latency_ms", -1);
    assertThat(reason(latency)).isEqualTo("latency_ms must be a non-negative number");
    Map<String, Object> ts = row(1, 2, "a");
    ts.put("timestamp", 1.5);
    assertThat(reason(ts)).startsWith("timestamp must be");
    Map<String, Object> prediction = row(1, 2, "a");
    prediction.put("prediction", Map.of());
    assertThat(reason(prediction)).startsWith("prediction must be a string");
  }
}
