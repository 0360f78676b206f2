package dev.mledger.store.jdbc;

import dev.mledger.core.envelope.Envelope;
import dev.mledger.core.envelope.EnvelopeTags;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.tracking.LifecycleStage;
import dev.mledger.core.tracking.RunInfo;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.store.envelope.EnvelopeStore;
import dev.mledger.store.envelope.StoredEnvelope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** {@link EnvelopeStore} on the tracking database's {@code run_envelopes} table. */
final class JdbcEnvelopeStore implements EnvelopeStore {
  private final Database db;
  private final Clock clock;

  JdbcEnvelopeStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public StoredEnvelope put(String runId, Envelope envelope) {
    String json = envelope.toCanonicalJson();
    String fingerprint = envelope.fingerprint();
    return db.write(
        h -> {
          requireActiveRun(h, runId);
          StoredEnvelope stored = find(h, runId).orElse(null);
          if (stored == null) {
            int inserted =
                h.createUpdate(
                        "INSERT INTO run_envelopes (run_uuid, fingerprint, envelope, created_time)"
                            + " VALUES (?, ?, ?, ?) ON CONFLICT (run_uuid) DO NOTHING")
                    .bind(0, runId)
                    .bind(1, fingerprint)
                    .bind(2, json)
                    .bind(3, clock.millis())
                    .execute();
            // Zero rows: a concurrent writer got there first; judge against what it stored.
            stored = inserted == 1 ? null : find(h, runId).orElseThrow();
          }
          if (stored != null && !stored.fingerprint().equals(fingerprint)) {
            throw new MledgerException(
                ErrorCode.RESOURCE_CONFLICT,
                "Run "
                    + runId
                    + " already has an envelope (fingerprint "
                    + stored.fingerprint()
                    + "); envelopes are write-once and the one sent differs (fingerprint "
                    + fingerprint
                    + ").");
          }
          RunDataDao.upsertTags(h, runId, mirrorTags(envelope));
          return stored != null ? stored : find(h, runId).orElseThrow();
        });
  }

  @Override
  public Optional<StoredEnvelope> get(String runId) {
    return db.read(
        h -> {
          if (RunDao.find(h, runId).isEmpty()) {
            throw noSuchRun(runId);
          }
          return find(h, runId);
        });
  }

  private static Optional<StoredEnvelope> find(Handle h, String runId) {
    return h.createQuery(
            "SELECT fingerprint, envelope, created_time FROM run_envelopes WHERE run_uuid = ?")
        .bind(0, runId)
        .map(
            (rs, ctx) ->
                new StoredEnvelope(
                    runId,
                    rs.getString("fingerprint"),
                    rs.getString("envelope"),
                    rs.getLong("created_time")))
        .findOne();
  }

  private static void requireActiveRun(Handle h, String runId) {
    RunInfo run = RunDao.find(h, runId).orElseThrow(() -> noSuchRun(runId));
    if (run.lifecycleStage() != LifecycleStage.ACTIVE) {
      throw MledgerException.invalidParameter(
          "The run "
              + runId
              + " must be in the 'active' state. Current state is "
              + run.lifecycleStage().wireName()
              + ".");
    }
  }

  private static MledgerException noSuchRun(String runId) {
    return MledgerException.notFound("Run with id=" + runId + " not found");
  }

  private static List<RunTag> mirrorTags(Envelope envelope) {
    List<RunTag> tags = new ArrayList<>();
    for (Map.Entry<String, String> tag : EnvelopeTags.toTags(envelope).entrySet()) {
      tags.add(new RunTag(tag.getKey(), tag.getValue()));
    }
    return tags;
  }
}
