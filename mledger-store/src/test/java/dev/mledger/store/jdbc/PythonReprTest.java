package dev.mledger.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PythonReprTest {

  @Test
  void stringsUseSingleQuotesUnlessTheyContainOne() {
    assertThat(PythonRepr.of("abc")).isEqualTo("'abc'");
    assertThat(PythonRepr.of("it's")).isEqualTo("\"it's\"");
    assertThat(PythonRepr.of("both ' and \"")).isEqualTo("'both \\' and \"'");
    assertThat(PythonRepr.of("tab\tnew\nback\\")).isEqualTo("'tab\\tnew\\nback\\\\'");
    assertThat(PythonRepr.of("\u0001")).isEqualTo("'\\x01'");
    assertThat(PythonRepr.of("é")).isEqualTo("'é'");
  }

  @Test
  void listsAndDictsLookLikePython() {
    Map<String, Object> dict = new LinkedHashMap<>();
    dict.put("key", "lr");
    dict.put("old_value", null);
    assertThat(PythonRepr.of(List.of(dict, "x")))
        .isEqualTo("[{'key': 'lr', 'old_value': None}, 'x']");
    assertThat(PythonRepr.of(List.of())).isEqualTo("[]");
  }
}
