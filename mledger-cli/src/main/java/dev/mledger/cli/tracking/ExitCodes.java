package dev.mledger.cli.tracking;

/** Exit codes of the tracking commands ({@code runs}, {@code experiments}); see README. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** An experiment, run, metric or param that does not exist. */
  public static final int NOT_FOUND = 1;

  /** Invalid usage: unknown option, malformed filter or order-by, bad value (picocli's own 2). */
  public static final int USAGE = 2;

  /** The tracking server could not be reached or failed (HTTP 5xx). */
  public static final int SERVER_UNAVAILABLE = 3;

  private ExitCodes() {}
}
