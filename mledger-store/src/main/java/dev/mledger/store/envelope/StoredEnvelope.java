package dev.mledger.store.envelope;

import dev.mledger.core.envelope.Envelope;

/**
 * A run's envelope as stored: its canonical JSON and the fingerprint recorded when it was written.
 * Nothing here trusts the stored bytes; {@link #verify()} re-derives the fingerprint so that a
 * reproducibility check notices an edited or corrupted record.
 *
 * @param runId the run
 * @param fingerprint SHA-256 of the canonical JSON, as recorded at write time
 * @param canonicalJson the envelope's canonical JSON, as stored
 * @param createdTime when it was stored, epoch milliseconds
 */
public record StoredEnvelope(
    String runId, String fingerprint, String canonicalJson, long createdTime) {

  /**
   * The envelope parsed from the stored JSON.
   *
   * @throws IllegalArgumentException if the stored JSON is not a readable envelope
   */
  public Envelope envelope() {
    return Envelope.fromJson(canonicalJson);
  }

  /** Outcome of {@link #verify()}. */
  public sealed interface Verification {
    /** The stored JSON parses and re-canonicalizes to the recorded fingerprint. */
    record Intact(Envelope envelope) implements Verification {}

    /** The stored JSON parses, but its recomputed fingerprint differs from the recorded one. */
    record FingerprintMismatch(Envelope envelope, String recomputed) implements Verification {}

    /** The stored JSON is not a readable envelope. */
    record Unreadable(String reason) implements Verification {}
  }

  /** Parses the stored JSON and recomputes its fingerprint. */
  public Verification verify() {
    Envelope envelope;
    try {
      envelope = envelope();
    } catch (IllegalArgumentException e) {
      return new Verification.Unreadable(e.getMessage());
    }
    String recomputed = envelope.fingerprint();
    return recomputed.equals(fingerprint)
        ? new Verification.Intact(envelope)
        : new Verification.FingerprintMismatch(envelope, recomputed);
  }
}
