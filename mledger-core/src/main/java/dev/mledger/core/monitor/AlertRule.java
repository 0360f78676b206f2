package dev.mledger.core.monitor;

import dev.mledger.core.error.MledgerException;
import java.util.Objects;

/** Raise an alert of {@code severity} when {@code statistic} reaches {@code threshold} (τ). */
public record AlertRule(Statistic statistic, double threshold, Severity severity) {
  public AlertRule {
    Objects.requireNonNull(statistic, "statistic");
    Objects.requireNonNull(severity, "severity");
    if (!Double.isFinite(threshold)) {
      throw MledgerException.invalidParameter("An alert threshold must be a finite number.");
    }
    if (statistic == Statistic.P_VALUE && !(threshold > 0 && threshold < 1)) {
      throw MledgerException.invalidParameter("A p-value threshold must be in (0, 1).");
    }
  }
}
