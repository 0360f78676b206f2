package dev.mledger.core.search;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** MLflow's small string rules for search keys and values, and Python-style formatting. */
final class MlflowText {

  private MlflowText() {}

  static boolean isQuoted(String value, char quote) {
    return value.length() >= 2
        && value.charAt(0) == quote
        && value.charAt(value.length() - 1) == quote;
  }

  static String trimEnds(String value) {
    return value.substring(1, value.length() - 1);
  }

  /** Removes surrounding backticks, as MLflow does for entity types and keys. */
  static String trimBackticks(String value) {
    return isQuoted(value, '`') ? trimEnds(value) : value;
  }

  /** Removes surrounding single or double quotes if present; otherwise returns the value. */
  static String stripQuotes(String value) {
    return isQuoted(value, '\'') || isQuoted(value, '"') ? trimEnds(value) : value;
  }

  /** Whether {@code value} is wholly enclosed in single or double quotes. */
  static boolean isStringQuoted(String value) {
    return isQuoted(value, '\'') || isQuoted(value, '"');
  }

  /** Upper-cases a comparator and collapses inner whitespace ({@code not in} → {@code NOT IN}). */
  static String normalizeOperator(String operator) {
    return String.join(" ", operator.trim().toUpperCase(Locale.ROOT).split("\\s+"));
  }

  /** Python's repr of a set of strings, in the given (stable) order: {@code {'a', 'b'}}. */
  static String pySet(Collection<String> values) {
    return values.stream().map(MlflowText::pyStr).collect(Collectors.joining(", ", "{", "}"));
  }

  /** Python's repr of a list of strings: {@code ['a', 'b']}. */
  static String pyList(List<String> values) {
    return values.stream().map(MlflowText::pyStr).collect(Collectors.joining(", ", "[", "]"));
  }

  /** Python's repr of a string (quote choice and escaping of quotes and backslashes). */
  static String pyStr(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder().append(quote);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c == quote) {
            out.append('\\');
          }
          out.append(c);
        }
      }
    }
    return out.append(quote).toString();
  }

  /**
   * Python's {@code str.islower()}: at least one cased character and no upper- or title-case one.
   * MLflow drops run ids failing it from IN lists (all real run ids are lower-case hex).
   */
  static boolean isPyLower(String s) {
    boolean cased = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
        return false;
      }
      cased |= Character.isLowerCase(cp);
      i += Character.charCount(cp);
    }
    return cased;
  }
}
