package dev.mledger.core.search;

import dev.mledger.core.error.MledgerException;

/** Converts numeric tokens to doubles as Python's {@code float()} does. */
final class Numbers {

  private Numbers() {}

  /**
   * Parses an integer or float token. Tokens may use any Unicode decimal digits (Python's {@code
   * float} accepts them), so digits are normalised to ASCII first; out-of-range values become
   * ±Infinity as in Python.
   */
  static double parse(String token) {
    StringBuilder ascii = new StringBuilder(token.length());
    for (int i = 0; i < token.length(); ) {
      int cp = token.codePointAt(i);
      int digit = Character.digit(cp, 10);
      if (Character.isDigit(cp) && digit >= 0) {
        ascii.append((char) ('0' + digit));
      } else {
        ascii.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    try {
      return Double.parseDouble(ascii.toString());
    } catch (NumberFormatException e) {
      throw MledgerException.invalidParameter("Invalid numeric value " + token);
    }
  }
}
