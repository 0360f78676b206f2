package dev.mledger.store.monitor;

/**
 * An alert notification whose webhook delivery has not succeeded yet.
 *
 * @param attemptsMade delivery attempts already recorded (the next one is {@code attemptsMade + 1})
 * @param monitorName the monitor's name, part of the notification body
 */
public record PendingDelivery(
    StoredAlert alert,
    int attemptsMade,
    String monitorName,
    String webhookUrl,
    String webhookSecret) {}
