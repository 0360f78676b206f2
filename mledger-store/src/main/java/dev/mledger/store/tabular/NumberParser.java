package dev.mledger.store.tabular;

/**
 * Parses decimal numbers straight from a character buffer, without creating a String per cell.
 *
 * <p>Accepted syntax: optional sign, digits with an optional fraction, optional exponent ({@code
 * -1.5e-3}, {@code .5}, {@code 7.}); surrounding spaces are ignored. Anything else (hex floats, the
 * {@code d}/{@code f} suffixes {@link Double#parseDouble} tolerates, thousands separators) is not a
 * number. Values with at most 15 significant digits and a small exponent take Clinger's exact fast
 * path (one correctly rounded multiplication or division of two exact doubles); the rest go through
 * {@link Double#parseDouble}, so every result is the correctly rounded double.
 */
final class NumberParser {
  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  /** Returned for text that is not a number. */
  static final double NOT_A_NUMBER = Double.NaN;

  private NumberParser() {}

  /** The value of {@code buf[start, end)}, or NaN when it is not a decimal number. */
  static double parse(char[] buf, int start, int end) {
    while (start < end && buf[start] == ' ') {
      start++;
    }
    while (end > start && buf[end - 1] == ' ') {
      end--;
    }
    if (start == end) {
      return NOT_A_NUMBER;
    }
    int i = start;
    boolean negative = false;
    if (buf[i] == '-' || buf[i] == '+') {
      negative = buf[i] == '-';
      i++;
    }
    long mantissa = 0;
    int significant = 0;
    int digits = 0;
    int exponent = 0;
    boolean exact = true;
    for (; i < end && isDigit(buf[i]); i++, digits++) {
      if (significant < 19) {
        mantissa = mantissa * 10 + (buf[i] - '0');
        if (mantissa != 0) {
          significant++;
        }
      } else {
        exponent++;
        exact = false;
      }
    }
    if (i < end && buf[i] == '.') {
      i++;
      for (; i < end && isDigit(buf[i]); i++, digits++) {
        if (significant < 19) {
          mantissa = mantissa * 10 + (buf[i] - '0');
          if (mantissa != 0) {
            significant++;
          }
          exponent--;
        } else {
          exact = false;
        }
      }
    }
    if (digits == 0) {
      return NOT_A_NUMBER;
    }
    if (i < end && (buf[i] == 'e' || buf[i] == 'E')) {
      i++;
      boolean negativeExponent = false;
      if (i < end && (buf[i] == '-' || buf[i] == '+')) {
        negativeExponent = buf[i] == '-';
        i++;
      }
      int expDigits = 0;
      int explicit = 0;
      for (; i < end && isDigit(buf[i]); i++, expDigits++) {
        if (explicit < 100_000) {
          explicit = explicit * 10 + (buf[i] - '0');
        }
      }
      if (expDigits == 0) {
        return NOT_A_NUMBER;
      }
      exponent += negativeExponent ? -explicit : explicit;
    }
    if (i != end) {
      return NOT_A_NUMBER;
    }
    if (exact && significant <= 15 && exponent >= -22 && exponent <= 22) {
      double value = mantissa;
      value = exponent < 0 ? value / POWERS_OF_TEN[-exponent] : value * POWERS_OF_TEN[exponent];
      return negative ? -value : value;
    }
    return Double.parseDouble(new String(buf, start, end - start));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
