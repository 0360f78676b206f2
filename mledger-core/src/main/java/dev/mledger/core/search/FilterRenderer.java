package dev.mledger.core.search;

import dev.mledger.core.error.MledgerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders a {@link FilterExpr} as a canonical filter string that {@link RunFilterParser} (and, for
 * name/time attributes and tags, {@link ExperimentFilterParser}) parses back to the same AST:
 * {@code metrics.rmse < 0.5 AND (params.model = 'ridge' OR tags.`team name` = 'ml')}. A conjunction
 * with no OR and no parentheses renders as a filter MLflow itself accepts.
 *
 * <p>The round trip is exact for canonical ASTs: AND/OR nodes with at least two terms (a one-term
 * node renders as its term). A few values have no spelling in MLflow's grammar (NaN, a string
 * holding both kinds of quote, an empty IN list); rendering those fails with {@code
 * INVALID_PARAMETER_VALUE}.
 */
public final class FilterRenderer {

  private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  /** Words the tokenizer would not read as a plain name after a dot. */
  private static final Set<String> RESERVED_AFTER_DOT =
      Set.of("IN", "NOT", "CASE", "VALUES", "USING", "FROM", "AS", "LIKE", "ILIKE", "RLIKE");

  private FilterRenderer() {}

  /** The canonical filter string for {@code expr}. */
  public static String render(FilterExpr expr) {
    StringBuilder out = new StringBuilder();
    render(expr, out);
    return out.toString();
  }

  private static void render(FilterExpr expr, StringBuilder out) {
    if (expr instanceof FilterExpr.Comparison c) {
      comparison(c, out);
    } else if (expr instanceof FilterExpr.And and) {
      junction(and.terms(), " AND ", true, out);
    } else {
      junction(((FilterExpr.Or) expr).terms(), " OR ", false, out);
    }
  }

  private static void junction(
      List<FilterExpr> terms, String separator, boolean isAnd, StringBuilder out) {
    if (terms.isEmpty()) {
      throw MledgerException.invalidParameter(
          "Cannot render an empty " + (isAnd ? "AND" : "OR") + " as a filter string");
    }
    for (int i = 0; i < terms.size(); i++) {
      if (i > 0) {
        out.append(separator);
      }
      FilterExpr term = terms.get(i);
      // AND binds tighter than OR, so only same-kind nesting and ORs under ANDs need parentheses.
      boolean parenthesise =
          term instanceof FilterExpr.Or || (isAnd && term instanceof FilterExpr.And);
      if (parenthesise) {
        out.append('(');
        render(term, out);
        out.append(')');
      } else {
        render(term, out);
      }
    }
  }

  private static void comparison(FilterExpr.Comparison c, StringBuilder out) {
    String prefix =
        switch (c.type()) {
          case METRIC -> "metrics";
          case PARAM -> "params";
          case TAG -> "tags";
          case ATTRIBUTE -> "attribute";
          case DATASET -> "datasets";
        };
    out.append(prefix).append('.').append(key(c.key())).append(' ').append(c.op().symbol());
    out.append(' ').append(value(c.value()));
  }

  /** The key bare when the tokenizer reads it as a name, else quoted so MLflow strips it back. */
  static String key(String key) {
    if (BARE_KEY.matcher(key).matches()
        && !RESERVED_AFTER_DOT.contains(key.toUpperCase(Locale.ROOT))) {
      return key;
    }
    for (String candidate : List.of("`" + key + "`", "\"" + key + "\"")) {
      if (readsBackAs(candidate, key)) {
        return candidate;
      }
    }
    throw MledgerException.invalidParameter(
        "Key " + MlflowText.pyStr(key) + " cannot be written in a filter string");
  }

  private static boolean readsBackAs(String quoted, String key) {
    char q = quoted.charAt(0);
    boolean lexesWhole = FilterLexer.quoted(quoted + " ", 0, q, q == '"') == quoted.length();
    return lexesWhole
        && MlflowText.trimBackticks(MlflowText.stripQuotes(quoted)).equals(key)
        && !endsWithBackslash(key, q);
  }

  private static boolean endsWithBackslash(String s, char quote) {
    return quote != '`' && s.endsWith("\\");
  }

  private static String value(FilterValue value) {
    if (value instanceof FilterValue.Number n) {
      return number(n.value());
    }
    if (value instanceof FilterValue.Text t) {
      return text(t.value());
    }
    return list(((FilterValue.TextList) value).values());
  }

  private static String number(double v) {
    if (Double.isNaN(v)) {
      throw MledgerException.invalidParameter("NaN cannot be written in a filter string");
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "1e999" : "-1e999";
    }
    return Double.toString(v);
  }

  /**
   * A quoted string value: MLflow keeps the text between the quotes verbatim, so the value must not
   * contain the quote character nor end in a backslash (which would escape the closing quote).
   */
  private static String text(String v) {
    if (!v.endsWith("\\")) {
      if (v.indexOf('\'') < 0) {
        return "'" + v + "'";
      }
      if (v.indexOf('"') < 0) {
        return "\"" + v + "\"";
      }
    }
    throw MledgerException.invalidParameter(
        "Value " + MlflowText.pyStr(v) + " cannot be written in a filter string");
  }

  /** An IN list: each element is a Python string literal, as MLflow reads it with literal_eval. */
  private static String list(List<String> values) {
    if (values.isEmpty()) {
      throw MledgerException.invalidParameter("An empty list cannot be written in a filter string");
    }
    List<String> literals = new ArrayList<>(values.size());
    for (String v : values) {
      literals.add(pythonLiteral(v));
    }
    return "(" + String.join(", ", literals) + ")";
  }

  private static String pythonLiteral(String v) {
    StringBuilder out = new StringBuilder("'");
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
          // A literal backslash pair could end up escaping the closing quote for the tokenizer,
          // so backslashes are spelled as a hex escape.
        case '\\' -> out.append("\\x5c");
        case '\'' -> out.append("\\'");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else if (Character.isSurrogate(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('\'').toString();
  }
}
