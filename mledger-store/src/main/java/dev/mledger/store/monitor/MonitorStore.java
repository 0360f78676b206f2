package dev.mledger.store.monitor;

import dev.mledger.core.monitor.AlertKey;
import dev.mledger.core.monitor.AlertState;
import java.util.List;
import java.util.Map;

/**
 * Monitors and everything they record. Events are an append-only log numbered per monitor from 1; a
 * window's report, alerts and alert states are recorded in one transaction together with the cursor
 * of reported events, so a crash can neither lose nor double-report a window.
 */
public interface MonitorStore {

  /** Creates a monitor; RESOURCE_ALREADY_EXISTS when the name is taken. */
  StoredMonitor create(NewMonitor monitor);

  /** The monitor; RESOURCE_DOES_NOT_EXIST when unknown. */
  StoredMonitor get(String monitorId);

  /** Every monitor, oldest first. */
  List<StoredMonitor> list();

  /** Replaces the definition and reference profile (a new reference for later windows). */
  StoredMonitor setReference(String monitorId, String definitionJson, byte[] referenceProfile);

  /** Sets (or with {@code null} clears) the retrain policy. */
  StoredMonitor setRetrainPolicy(String monitorId, String retrainPolicyJson);

  /**
   * Appends a batch in one transaction.
   *
   * @return the sequence number of the batch's last event (the monitor's event count)
   */
  long append(String monitorId, List<NewEvent> events);

  /** Events with sequence numbers after {@code afterSeq}, ascending, at most {@code limit}. */
  List<StoredEvent> events(String monitorId, long afterSeq, int limit);

  /** The persisted alert states. */
  Map<AlertKey, AlertState> alertStates(String monitorId);

  /**
   * Records a closed window. Fails with RESOURCE_CONFLICT, recording nothing, when {@code lastSeq}
   * is not beyond the monitor's reported-through cursor (a concurrent reporter got there first).
   *
   * @return the report, with the alerts recorded for it available through {@link #alerts}
   */
  StoredReport recordWindow(String monitorId, WindowOutcome outcome);

  /** The newest reports first, at most {@code limit}. */
  List<StoredReport> reports(String monitorId, int limit);

  /** A report; RESOURCE_DOES_NOT_EXIST when unknown. */
  StoredReport report(String monitorId, String reportId);

  /** The newest alerts first, at most {@code limit}; optionally only unacknowledged ones. */
  List<StoredAlert> alerts(String monitorId, boolean unacknowledgedOnly, int limit);

  /** An alert; RESOURCE_DOES_NOT_EXIST when unknown. */
  StoredAlert alert(String monitorId, String alertId);

  /** The alerts recorded with a report, in transition order. */
  List<StoredAlert> alertsOfReport(String reportId);

  /** Acknowledges an alert; acknowledging again keeps the first acknowledgement. */
  StoredAlert acknowledge(String monitorId, String alertId, String actor, String comment);

  /** Records a webhook delivery attempt. */
  Delivery recordDelivery(
      String monitorId,
      String alertId,
      int attempt,
      Integer statusCode,
      String error,
      boolean succeeded);

  /** The delivery attempts of an alert, in order. */
  List<Delivery> deliveries(String alertId);

  /**
   * Alerts that notify ({@code opened}, {@code escalated}, {@code resolved}) on monitors with a
   * webhook, without a successful delivery and with fewer than {@code maxAttempts} attempts: the
   * deliveries a stopped server left unfinished. Oldest first.
   */
  List<PendingDelivery> pendingDeliveries(int maxAttempts);

  /** Appends a step to a retraining attempt (ordinals are assigned in order). */
  RetrainStep recordStep(String monitorId, String attemptId, String step, String detailJson);

  /** The steps of the monitor's retraining attempts, oldest first. */
  List<RetrainStep> steps(String monitorId);

  /** The steps of one attempt in order; RESOURCE_DOES_NOT_EXIST when the attempt is unknown. */
  List<RetrainStep> attempt(String attemptId);
}
