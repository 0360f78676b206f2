package dev.mledger.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.MledgerException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 400 generated filters with the decision MLflow 2.17's parsing steps ({@code
 * SearchUtils.parse_search_filter} on sqlparse, then the SQL store's comparator checks and alias
 * mapping) reach for them: accepted with the listed comparisons, or rejected. Each line is a JSON
 * string, a tab, then {@code OK} and the comparisons as {@code TYPE|key|op|value} joined by {@code
 * " ; "}, or {@code ERR}.
 */
class MlflowDecisionCorpusTest {

  static Stream<Arguments> decisions() throws IOException {
    List<Arguments> rows = new ArrayList<>();
    try (InputStream in =
            MlflowDecisionCorpusTest.class.getResourceAsStream("mlflow-filter-decisions.tsv");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        String[] parts = line.split("\t", 3);
        rows.add(Arguments.of(jsonString(parts[0]), parts[1], parts.length > 2 ? parts[2] : ""));
      }
    }
    assertThat(rows).hasSize(400);
    return rows.stream();
  }

  @ParameterizedTest
  @MethodSource("decisions")
  void decidesLikeMlflow(String filter, String decision, String comparisons) {
    if (decision.equals("OK")) {
      assertThat(flatten(RunFilterParser.parse(filter))).isEqualTo(comparisons);
    } else {
      assertThatThrownBy(() -> RunFilterParser.parse(filter)).isInstanceOf(MledgerException.class);
    }
  }

  private static String flatten(FilterExpr expr) {
    List<String> parts = new ArrayList<>();
    collect(expr, parts);
    return String.join(" ; ", parts);
  }

  private static void collect(FilterExpr expr, List<String> parts) {
    if (expr instanceof FilterExpr.And and) {
      and.terms().forEach(t -> collect(t, parts));
      return;
    }
    FilterExpr.Comparison c = (FilterExpr.Comparison) expr;
    String value;
    if (c.value() instanceof FilterValue.Number n) {
      value = Double.toString(n.value());
    } else if (c.value() instanceof FilterValue.Text t) {
      value = "'" + t.value() + "'";
    } else {
      value = "[" + String.join(", ", ((FilterValue.TextList) c.value()).values()) + "]";
    }
    parts.add(c.type() + "|" + c.key() + "|" + c.op().symbol() + "|" + value);
  }

  /** Decodes one JSON string literal (the corpus is ASCII with \\uXXXX escapes). */
  private static String jsonString(String literal) {
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < literal.length() - 1; i++) {
      char c = literal.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = literal.charAt(++i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          out.append((char) Integer.parseInt(literal.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> out.append(e);
      }
    }
    return out.toString();
  }
}
