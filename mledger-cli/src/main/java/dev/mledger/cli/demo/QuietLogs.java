package dev.mledger.cli.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the demo's output to its progress lines: the embedded server's informational log (request
 * handling, reference profiling) is raised to WARN for the run, unless the user chose a level with
 * {@code MLEDGER_LOG_LEVEL}.
 */
final class QuietLogs {
  private final Logger root;
  private final Level previous;

  private QuietLogs(Logger root, Level previous) {
    this.root = root;
    this.previous = previous;
  }

  static QuietLogs unlessConfigured() {
    if (System.getenv("MLEDGER_LOG_LEVEL") != null
        || !(LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root)) {
      return new QuietLogs(null, null);
    }
    Level previous = root.getLevel();
    if (previous == null || previous.isGreaterOrEqual(Level.WARN)) {
      return new QuietLogs(null, null);
    }
    root.setLevel(Level.WARN);
    return new QuietLogs(root, previous);
  }

  /** Puts the previous level back. */
  void restore() {
    if (root != null) {
      root.setLevel(previous);
    }
  }
}
