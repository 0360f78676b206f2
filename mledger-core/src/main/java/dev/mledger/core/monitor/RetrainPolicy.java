package dev.mledger.core.monitor;

import dev.mledger.core.error.MledgerException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * When the retraining loop launches a training job, and what it does with the result.
 *
 * @param minSeverity launch when an alert of at least this severity opens or escalates; {@code
 *     null} disables the drift trigger
 * @param maxAccuracyDrop launch when window accuracy falls this far below {@code baselineAccuracy}
 *     (absolute); {@code null} disables the performance trigger
 * @param baselineAccuracy the champion's accepted accuracy
 * @param schedule launch when this long has passed since the last launch; {@code null} disables
 * @param minNewRows launch once this many events arrived since the last launch; 0 disables
 * @param cooldown no launch within this long after the previous one, whatever the trigger
 * @param budget at most this many launches per {@code budgetPeriod}
 * @param budgetPeriod the budget's sliding period
 * @param command the command to run ({@code argv}); empty when {@code webhookUrl} is used
 * @param webhookUrl a URL to POST the trigger to instead of running a command, or {@code null}
 * @param gate the promotion gate (JSON as {@code GateDefinition} reads it) evaluated for the new
 *     version, or {@code null} to register without promoting
 * @param environment extra environment for the command
 * @param approvalRequired whether a version that passed the gate waits for a person to approve or
 *     reject its promotion; {@code false} promotes at once
 */
public record RetrainPolicy(
    Severity minSeverity,
    Double maxAccuracyDrop,
    Double baselineAccuracy,
    Duration schedule,
    long minNewRows,
    Duration cooldown,
    int budget,
    Duration budgetPeriod,
    List<String> command,
    String webhookUrl,
    String gate,
    Map<String, String> environment,
    boolean approvalRequired) {

  public RetrainPolicy {
    command = command == null ? List.of() : List.copyOf(command);
    environment = environment == null ? Map.of() : Map.copyOf(environment);
    if (command.isEmpty() == (webhookUrl == null || webhookUrl.isBlank())) {
      throw MledgerException.invalidParameter(
          "A retrain policy needs exactly one of 'command' and 'webhook_url'.");
    }
    if ((maxAccuracyDrop == null) != (baselineAccuracy == null)) {
      throw MledgerException.invalidParameter(
          "'max_accuracy_drop' and 'baseline_accuracy' go together.");
    }
    if (minSeverity == null && maxAccuracyDrop == null && schedule == null && minNewRows <= 0) {
      throw MledgerException.invalidParameter("A retrain policy needs at least one trigger.");
    }
    if (budget < 1 || budgetPeriod == null || budgetPeriod.isNegative() || budgetPeriod.isZero()) {
      throw MledgerException.invalidParameter(
          "The budget must allow at least 1 run per positive period.");
    }
    if (cooldown == null || cooldown.isNegative()) {
      throw MledgerException.invalidParameter("The cooldown must not be negative.");
    }
    if (approvalRequired && gate == null) {
      throw MledgerException.invalidParameter(
          "'approval: required' needs a 'gate': approval comes after the gate decision.");
    }
    if (minNewRows < 0) {
      throw MledgerException.invalidParameter("'min_new_rows' must not be negative.");
    }
  }
}
