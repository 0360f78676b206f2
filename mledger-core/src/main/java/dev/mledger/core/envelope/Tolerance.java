package dev.mledger.core.envelope;

import java.util.Locale;

/**
 * How closely a replayed metric must match the original. Non-finite values match only themselves
 * (NaN matches NaN, +Infinity matches +Infinity) under every tolerance.
 */
public sealed interface Tolerance {

  /** Relative tolerance applied to non-integral values unless one is declared: {@value}. */
  double DEFAULT_RELATIVE = 1e-9;

  /** Whether {@code actual} is close enough to {@code expected}. */
  default boolean accepts(double expected, double actual) {
    if (!Double.isFinite(expected) || !Double.isFinite(actual)) {
      return Double.compare(expected, actual) == 0;
    }
    return acceptsFinite(expected, actual);
  }

  /** {@link #accepts} for finite values. */
  boolean acceptsFinite(double expected, double actual);

  /** The tolerance in the syntax {@link #parse} reads. */
  String describe();

  /** Bit-for-bit equality of the values (0.0 and -0.0 count as equal). */
  record Exact() implements Tolerance {
    @Override
    public boolean acceptsFinite(double expected, double actual) {
      return expected == actual;
    }

    @Override
    public String describe() {
      return "exact";
    }
  }

  /** {@code |actual - expected| <= limit}. */
  record Absolute(double limit) implements Tolerance {
    public Absolute {
      requireLimit(limit);
    }

    @Override
    public boolean acceptsFinite(double expected, double actual) {
      return Math.abs(actual - expected) <= limit;
    }

    @Override
    public String describe() {
      return "abs:" + limit;
    }
  }

  /** {@code |actual - expected| <= limit * max(|actual|, |expected|)}. */
  record Relative(double limit) implements Tolerance {
    public Relative {
      requireLimit(limit);
    }

    @Override
    public boolean acceptsFinite(double expected, double actual) {
      return Math.abs(actual - expected) <= limit * Math.max(Math.abs(actual), Math.abs(expected));
    }

    @Override
    public String describe() {
      return "rel:" + limit;
    }
  }

  /**
   * The tolerance used when none is declared for a metric: exact when the original value is an
   * integer (counts, epochs, sizes: a replay must reproduce them exactly), otherwise relative
   * {@value #DEFAULT_RELATIVE}, which absorbs the last-bit differences of reordered floating-point
   * arithmetic and nothing more.
   */
  static Tolerance defaultFor(double expected) {
    boolean integral =
        Double.isFinite(expected) && expected == Math.rint(expected) && Math.abs(expected) < 0x1p53;
    return integral ? new Exact() : new Relative(DEFAULT_RELATIVE);
  }

  /**
   * Reads {@code exact}, {@code abs:X} or {@code rel:X} with X a finite number {@code >= 0}.
   *
   * @throws IllegalArgumentException for anything else
   */
  static Tolerance parse(String text) {
    String stripped = text.strip();
    String t = stripped.toLowerCase(Locale.ROOT);
    if (t.equals("exact")) {
      return new Exact();
    }
    int colon = t.indexOf(':');
    if (colon > 0) {
      String kind = t.substring(0, colon);
      String number = stripped.substring(colon + 1).strip();
      double limit;
      try {
        limit = Double.parseDouble(number);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "tolerance \"" + text + "\": \"" + number + "\" is not a number");
      }
      switch (kind) {
        case "abs" -> {
          return new Absolute(limit);
        }
        case "rel" -> {
          return new Relative(limit);
        }
        default -> {}
      }
    }
    throw new IllegalArgumentException(
        "tolerance \"" + text + "\" must be exact, abs:X or rel:X (X >= 0), e.g. rel:1e-6");
  }

  private static void requireLimit(double limit) {
    if (!(limit >= 0) || Double.isInfinite(limit)) {
      throw new IllegalArgumentException("a tolerance must be a finite number >= 0, got " + limit);
    }
  }
}
