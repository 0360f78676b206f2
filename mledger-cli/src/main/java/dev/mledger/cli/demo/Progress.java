package dev.mledger.cli.demo;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress output of the demo: one numbered line when a step starts, indented detail lines, and a
 * closing line with the step's duration, so a slow step is visible while it runs.
 */
final class Progress {
  private final PrintWriter out;
  private final int total;
  private int current;
  private long stepStart;
  private final long start = System.nanoTime();

  Progress(PrintWriter out, int total) {
    this.out = out;
    this.total = total;
  }

  /** Starts the next step. */
  void step(String title) {
    current++;
    stepStart = System.nanoTime();
    out.printf(Locale.ROOT, "[%2d/%d] %s%n", current, total, title);
    out.flush();
  }

  /** A detail line of the current step. */
  void detail(String format, Object... args) {
    out.printf(Locale.ROOT, "        " + format + "%n", args);
    out.flush();
  }

  /** Closes the current step with its result. */
  void done(String format, Object... args) {
    out.printf(
        Locale.ROOT,
        "        -> %s (%.1f s)%n",
        String.format(Locale.ROOT, format, args),
        (System.nanoTime() - stepStart) / 1e9);
    out.flush();
  }

  /** Seconds since the demo started. */
  double elapsedSeconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  PrintWriter out() {
    return out;
  }
}
