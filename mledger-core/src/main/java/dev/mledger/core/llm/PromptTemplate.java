package dev.mledger.core.llm;

import dev.mledger.core.error.MledgerException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt template with MLflow-style {@code {{variable}}} placeholders (whitespace inside the
 * braces is allowed: {@code {{ question }}}). Variable names are identifiers ({@code
 * [A-Za-z_][A-Za-z0-9_]*}, dots allowed after the first character for namespaced inputs). A {@code
 * {{} that does not open a valid placeholder is refused rather than left in the text, so a typo
 * such as {@code {{ user name }}} never reaches a model unrendered.
 */
public record PromptTemplate(String text) {
  public static final int MAX_LENGTH = 1 << 20;

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

  /**
   * @throws MledgerException INVALID_PARAMETER_VALUE for an empty or over-long template or a
   *     malformed placeholder
   */
  public PromptTemplate {
    if (text == null || text.isBlank()) {
      throw MledgerException.invalidParameter("Prompt template must not be empty.");
    }
    if (text.length() > MAX_LENGTH) {
      throw MledgerException.invalidParameter(
          "Prompt template has " + text.length() + " characters; the limit is " + MAX_LENGTH + ".");
    }
    scan(text);
  }

  /** The variables in order of first appearance, each once. */
  public List<String> variables() {
    return List.copyOf(scan(text));
  }

  /**
   * Substitutes every placeholder. Values not named in the template are ignored.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE naming every variable without a value
   */
  public String render(Map<String, ?> values) {
    Objects.requireNonNull(values, "values");
    List<String> missing = new ArrayList<>();
    for (String variable : scan(text)) {
      if (values.get(variable) == null) {
        missing.add(variable);
      }
    }
    if (!missing.isEmpty()) {
      throw MledgerException.invalidParameter(
          "Missing value"
              + (missing.size() == 1 ? "" : "s")
              + " for prompt variable"
              + (missing.size() == 1 ? " " : "s ")
              + String.join(", ", missing)
              + "; the template needs "
              + String.join(", ", scan(text))
              + ".");
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(values.get(m.group(1)))));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Set<String> scan(String text) {
    Set<String> variables = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    int checkedUpTo = 0;
    while (m.find()) {
      requireNoStrayOpening(text, checkedUpTo, m.start());
      String name = m.group(1);
      if (!VARIABLE.matcher(name).matches()) {
        throw MledgerException.invalidParameter(
            "Invalid prompt variable '{{"
                + name
                + "}}' at offset "
                + m.start()
                + ": a variable name is letters, digits, '_' or '.', not starting with a digit.");
      }
      variables.add(name);
      checkedUpTo = m.end();
    }
    requireNoStrayOpening(text, checkedUpTo, text.length());
    return variables;
  }

  private static void requireNoStrayOpening(String text, int from, int to) {
    int stray = text.substring(from, to).indexOf("{{");
    if (stray >= 0) {
      throw MledgerException.invalidParameter(
          "Unclosed or malformed placeholder at offset "
              + (from + stray)
              + " of the prompt template: write {{variable}}.");
    }
  }
}
