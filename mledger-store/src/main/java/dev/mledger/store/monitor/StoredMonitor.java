package dev.mledger.store.monitor;

/**
 * A stored monitor.
 *
 * @param retrainPolicyJson the retrain policy, or {@code null} when none is set
 * @param eventCount events received so far (the last event sequence number)
 * @param reportedThrough the last event sequence number covered by a report
 */
public record StoredMonitor(
    String id,
    String name,
    String definitionJson,
    String alertPolicyJson,
    byte[] referenceProfile,
    String webhookUrl,
    String webhookSecret,
    String retrainPolicyJson,
    long eventCount,
    long reportedThrough,
    long createdTime) {}
