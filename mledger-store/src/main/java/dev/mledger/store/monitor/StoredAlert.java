package dev.mledger.store.monitor;

import dev.mledger.core.monitor.AlertTransition;

/**
 * A recorded alert transition and its acknowledgement.
 *
 * @param acknowledgedBy who acknowledged it, or {@code null}
 * @param acknowledgedTime when, or 0
 */
public record StoredAlert(
    String id,
    String monitorId,
    String reportId,
    AlertTransition transition,
    String message,
    long createdTime,
    String acknowledgedBy,
    long acknowledgedTime,
    String ackComment) {

  public boolean acknowledged() {
    return acknowledgedBy != null;
  }
}
