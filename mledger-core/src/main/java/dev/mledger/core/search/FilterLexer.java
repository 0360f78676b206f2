package dev.mledger.core.search;

import dev.mledger.core.search.FilterToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a filter or order-by string into tokens. MLflow feeds these strings to the sqlparse SQL
 * tokenizer, so which strings are accepted depends on its lexical rules; this lexer applies the
 * same rules (in the same priority order) for every construct a search string can contain, so that
 * e.g. {@code metrics.1} (a float {@code .1}) or {@code params.as} (the keyword AS) are rejected
 * exactly as MLflow rejects them. Constructs that can never be valid in a search string (comments,
 * placeholders, arithmetic) collapse into {@link Kind#OTHER}; block comments and dollar-quoted
 * literals are not recognised as such, since any filter containing them is invalid either way.
 *
 * <p>Tokenizing is linear in the input length: quoted literals are scanned with a dynamic program
 * shared by all positions of one input instead of a backtracking regex.
 */
final class FilterLexer {

  private static final int FLAGS =
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;

  /** Finds the end of a token starting at {@code pos}, or -1 when the rule does not apply. */
  @FunctionalInterface
  private interface Scanner {
    int scan(Scan scan, int pos);
  }

  /** One input being tokenized, with the quoted-literal tables computed on first use. */
  private static final class Scan {
    final String input;
    private final int[][] quotedEnds = new int[4][];

    Scan(String input) {
      this.input = input;
    }

    int quoted(int pos, int slot, char q, boolean backslashEscapes) {
      if (input.charAt(pos) != q) {
        return -1;
      }
      if (quotedEnds[slot] == null) {
        quotedEnds[slot] = quotedEnds(input, q, backslashEscapes);
      }
      return quotedEnds[slot][pos + 1];
    }
  }

  private record Rule(Scanner scanner, Kind kind) {}

  /** sqlparse's letter class {@code [A-ZÀ-Ü]} under IGNORECASE. */
  private static final String LETTER = "[A-ZÀ-Ü]";

  private static final List<Rule> RULES =
      List.of(
          rule("(--|# ).*?(\\r\\n|\\r|\\n|$)", Kind.OTHER),
          rule("\\s+", Kind.WHITESPACE),
          rule(":=|::|\\*", Kind.OTHER),
          new Rule((scan, pos) -> scan.quoted(pos, 0, '`', false), Kind.NAME),
          new Rule((scan, pos) -> scan.quoted(pos, 1, '´', false), Kind.NAME),
          rule("\\?|%(\\(\\w+\\))?s|(?<!\\w)[$:?]\\w+|\\\\\\w+", Kind.OTHER),
          rule("(NOT\\s+)?IN\\b", Kind.OPERATOR),
          rule("(CASE|VALUES|USING|FROM|AS)\\b", Kind.KEYWORD),
          rule("(@|##|#)" + LETTER + "\\w+", Kind.NAME),
          rule(LETTER + "\\w*(?=\\s*\\.)", Kind.NAME),
          rule("(?<=\\.)" + LETTER + "\\w*", Kind.NAME),
          rule(LETTER + "\\w*(?=\\()", Kind.NAME),
          rule("-?0x[\\dA-F]+", Kind.HEX),
          rule("-?\\d+(\\.\\d+)?E-?\\d+", Kind.FLOAT),
          rule("(?![_A-ZÀ-Ü])-?(\\d+(\\.\\d*)|\\.\\d+)(?![_A-ZÀ-Ü])", Kind.FLOAT),
          rule("(?![_A-ZÀ-Ü])-?\\d+(?![_A-ZÀ-Ü])", Kind.INTEGER),
          new Rule((scan, pos) -> scan.quoted(pos, 2, '\'', true), Kind.STRING),
          new Rule((scan, pos) -> scan.quoted(pos, 3, '"', true), Kind.SYMBOL),
          new Rule((scan, pos) -> lazyDoubleQuoted(scan.input, pos), Kind.SYMBOL),
          rule("(?<![\\w\\])])(\\[[^\\]\\[]+\\])", Kind.NAME),
          rule("NOT\\s+NULL\\b", Kind.KEYWORD),
          rule("(NOT\\s+)?(LIKE|ILIKE|RLIKE|REGEXP)\\b", Kind.OPERATOR),
          rule("[0-9_A-ZÀ-Ü][_$#\\w]*", Kind.NAME),
          rule("\\.", Kind.DOT),
          rule(",", Kind.COMMA),
          rule("\\(", Kind.LPAREN),
          rule("\\)", Kind.RPAREN),
          rule(";", Kind.SEMICOLON),
          rule("[<>=~!]+", Kind.OPERATOR),
          rule("[+/@#%^&|-]+", Kind.OTHER));

  /**
   * Reserved words that sqlparse classifies as keywords rather than names. Only words that can
   * appear in a plausible search string matter: a keyword never groups into a comparison, so a
   * clause using one is an invalid clause rather than an unknown key.
   */
  private static final Set<String> KEYWORDS =
      Set.of(
          "AND",
          "OR",
          "NOT",
          "NULL",
          "IS",
          "TRUE",
          "FALSE",
          "LIKE",
          "ILIKE",
          "IN",
          "ASC",
          "DESC",
          "BETWEEN",
          "EXISTS",
          "SELECT",
          "WHERE",
          "FROM",
          "ORDER",
          "BY",
          "GROUP",
          "HAVING",
          "LIMIT",
          "OFFSET",
          "UNION",
          "ALL",
          "ANY",
          "SOME",
          "CASE",
          "WHEN",
          "THEN",
          "ELSE",
          "END",
          "AS",
          "ON",
          "JOIN",
          "DISTINCT",
          "INSERT",
          "UPDATE",
          "DELETE",
          "DROP",
          "CREATE",
          "ALTER",
          "TABLE",
          "INTO",
          "VALUES",
          "SET",
          "KEY",
          "TIMESTAMP",
          "VERSION",
          "PARAMETER",
          "PARAMETERS",
          "DEFAULT",
          "ESCAPE",
          "ISNULL",
          "NOTNULL");

  private FilterLexer() {}

  private static Rule rule(String regex, Kind kind) {
    Pattern pattern = Pattern.compile(regex, FLAGS);
    return new Rule(
        (scan, pos) -> {
          // Transparent bounds let look-behind rules see text before the current position, as
          // Python's pattern.match(text, pos) does.
          Matcher m =
              pattern
                  .matcher(scan.input)
                  .region(pos, scan.input.length())
                  .useTransparentBounds(true)
                  .useAnchoringBounds(false);
          return m.lookingAt() ? m.end() : -1;
        },
        kind);
  }

  /**
   * sqlparse's {@code q(qq|\\q|[^q])*q} (or {@code q(qq|[^q])*q} without escapes), computed without
   * regex recursion so arbitrarily long literals cannot overflow the stack. The result is the match
   * a backtracking engine finds first: from each position it prefers continuing the loop
   * (alternatives in order) and closes the literal only when no continuation succeeds. As in
   * sqlparse 0.4/0.5 there is no escaped-backslash alternative: a backslash right before a quote
   * always tries to escape it.
   */
  static int quoted(String s, int pos, char q, boolean backslashEscapes) {
    if (pos >= s.length() || s.charAt(pos) != q) {
      return -1;
    }
    return quotedEnds(s, q, backslashEscapes)[pos + 1];
  }

  /**
   * {@code end[i]}: where a literal whose body continues at loop boundary {@code i} ends, or -1 if
   * it cannot end. It does not depend on where the literal started, so one table serves every
   * opening quote of the input.
   */
  private static int[] quotedEnds(String s, char q, boolean backslashEscapes) {
    int n = s.length();
    int[] end = new int[n + 2];
    end[n] = -1;
    end[n + 1] = -1;
    for (int i = n - 1; i >= 0; i--) {
      char c = s.charAt(i);
      char next = i + 1 < n ? s.charAt(i + 1) : 0;
      int result = -1;
      if (c == q && next == q) {
        result = end[i + 2];
      }
      if (result < 0 && backslashEscapes && c == '\\' && next == q && i + 1 < n) {
        result = end[i + 2];
      }
      if (result < 0 && c != q) {
        result = end[i + 1];
      }
      if (result < 0 && c == q) {
        result = i + 1;
      }
      end[i] = result;
    }
    return end;
  }

  /** sqlparse's fallback {@code ("\"|".*?[^\\\\]")}: the first unescaped quote on the same line. */
  private static int lazyDoubleQuoted(String s, int pos) {
    int n = s.length();
    if (pos >= n || s.charAt(pos) != '"') {
      return -1;
    }
    if (pos + 1 < n && s.charAt(pos + 1) == '"') {
      return pos + 2;
    }
    for (int j = pos + 2; j < n; j++) {
      if (s.charAt(j) == '"' && s.charAt(j - 1) != '\\') {
        return j + 1;
      }
      if (isLineTerminator(s.charAt(j - 1))) {
        return -1;
      }
    }
    return -1;
  }

  private static boolean isLineTerminator(char c) {
    return c == '\n';
  }

  /** All tokens of {@code input}, whitespace included, in order; never throws. */
  static List<FilterToken> tokenize(String input) {
    List<FilterToken> tokens = new ArrayList<>();
    Scan scan = new Scan(input);
    int pos = 0;
    while (pos < input.length()) {
      FilterToken token = null;
      for (int i = 0; i < RULES.size() && token == null; i++) {
        int end = RULES.get(i).scanner().scan(scan, pos);
        if (end > pos) {
          Kind kind = RULES.get(i).kind();
          String text = input.substring(pos, end);
          if (kind == Kind.NAME && isReservedWord(text, input, pos)) {
            kind = Kind.KEYWORD;
          }
          token = new FilterToken(kind, text, pos);
        }
      }
      if (token == null) {
        int end = input.offsetByCodePoints(pos, 1);
        token = new FilterToken(Kind.OTHER, input.substring(pos, end), pos);
      }
      tokens.add(token);
      pos = token.end();
    }
    return tokens;
  }

  /**
   * A bare word is a keyword unless a positional rule (before or after a dot, before a parenthesis)
   * already made it a name, which the generic word rule cannot tell.
   */
  private static boolean isReservedWord(String text, String input, int pos) {
    char first = text.charAt(0);
    if (first == '`' || first == '[' || first == '@' || first == '#' || first == '´') {
      return false;
    }
    if (!KEYWORDS.contains(text.toUpperCase(Locale.ROOT))) {
      return false;
    }
    boolean afterDot = pos > 0 && input.charAt(pos - 1) == '.';
    int end = pos + text.length();
    int next = end;
    while (next < input.length() && Character.isWhitespace(input.charAt(next))) {
      next++;
    }
    boolean beforeDot = next < input.length() && input.charAt(next) == '.';
    boolean beforeParen = end < input.length() && input.charAt(end) == '(';
    boolean startsWithLetter = Character.isLetter(first);
    return !(startsWithLetter && (afterDot || beforeDot || beforeParen));
  }
}
