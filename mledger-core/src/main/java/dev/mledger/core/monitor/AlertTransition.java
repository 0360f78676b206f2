package dev.mledger.core.monitor;

/**
 * What happened to one feature/statistic in a window. {@link Kind#OPENED}, {@link Kind#ESCALATED}
 * and {@link Kind#RESOLVED} notify; {@link Kind#REPEATED} (deduplicated) and {@link
 * Kind#SUPPRESSED} (cooldown) are recorded without notifying.
 *
 * @param threshold the threshold that decided the transition
 */
public record AlertTransition(
    AlertKey key, Kind kind, Severity severity, double value, double threshold) {

  /** The kind of transition. */
  public enum Kind {
    OPENED,
    ESCALATED,
    REPEATED,
    RESOLVED,
    SUPPRESSED;

    public String jsonName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Whether subscribers are told about it. */
  public boolean notifies() {
    return kind == Kind.OPENED || kind == Kind.ESCALATED || kind == Kind.RESOLVED;
  }

  /** A one-line human description. */
  public String message() {
    String verb =
        switch (kind) {
          case OPENED -> "breached";
          case ESCALATED -> "escalated past";
          case REPEATED -> "still breaches";
          case RESOLVED -> "recovered from";
          case SUPPRESSED -> "breached (suppressed by cooldown)";
        };
    return key.statistic().jsonName()
        + " of "
        + (key.feature().equals(Statistic.WINDOW)
            ? "the window"
            : "feature '" + key.feature() + "'")
        + " = "
        + value
        + " "
        + verb
        + " threshold "
        + threshold;
  }
}
