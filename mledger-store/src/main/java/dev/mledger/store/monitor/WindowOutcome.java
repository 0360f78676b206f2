package dev.mledger.store.monitor;

import dev.mledger.core.monitor.AlertState;
import dev.mledger.core.monitor.AlertTransition;
import java.util.List;

/**
 * Everything one closed window produced, recorded atomically: the report, the alert transitions and
 * the new alert states. Recording advances the monitor's reported-through cursor to {@code
 * lastSeq}.
 */
public record WindowOutcome(
    long windowStart,
    long windowEnd,
    long rows,
    long lastSeq,
    String reportJson,
    List<AlertTransition> transitions,
    List<AlertState> states) {
  public WindowOutcome {
    transitions = List.copyOf(transitions);
    states = List.copyOf(states);
  }
}
