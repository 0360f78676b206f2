package dev.mledger.store.monitor;

/**
 * A monitor to create. Definition and policies are stored as the JSON the API received (normalised
 * by the caller), the reference profile in {@code ReferenceProfile} binary form.
 *
 * @param webhookUrl where alerts are POSTed, or {@code null}
 * @param webhookSecret the HMAC-SHA256 key of the webhook signature, or {@code null}
 */
public record NewMonitor(
    String name,
    String definitionJson,
    String alertPolicyJson,
    byte[] referenceProfile,
    String webhookUrl,
    String webhookSecret) {}
