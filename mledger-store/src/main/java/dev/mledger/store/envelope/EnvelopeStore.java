package dev.mledger.store.envelope;

import dev.mledger.core.envelope.Envelope;
import dev.mledger.core.envelope.EnvelopeTags;
import dev.mledger.core.error.MledgerException;
import java.util.Optional;

/**
 * Storage of reproducibility envelopes: one per run, written once. Failures are {@link
 * MledgerException}s: RESOURCE_DOES_NOT_EXIST for an unknown run, INVALID_PARAMETER_VALUE for a
 * write to a deleted run (as the tracking store answers), RESOURCE_CONFLICT for a second, different
 * envelope.
 */
public interface EnvelopeStore {

  /**
   * Stores {@code envelope} as the run's envelope and, in the same transaction, sets the {@link
   * EnvelopeTags} that mirror it on the run. Storing the identical envelope again (same
   * fingerprint) is idempotent: it returns the existing record and rewrites the mirror tags, so a
   * client may retry safely.
   *
   * @return the stored record
   */
  StoredEnvelope put(String runId, Envelope envelope);

  /**
   * The run's envelope, if one was stored (also for a deleted run).
   *
   * @throws MledgerException RESOURCE_DOES_NOT_EXIST if there is no such run
   */
  Optional<StoredEnvelope> get(String runId);
}
