package dev.mledger.store.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.envelope.ArtifactReference;
import dev.mledger.core.envelope.CodeVersion;
import dev.mledger.core.envelope.DatasetVersion;
import dev.mledger.core.envelope.DependencyLock;
import dev.mledger.core.envelope.Envelope;
import dev.mledger.core.envelope.EnvelopeTags;
import dev.mledger.core.envelope.Environment;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.store.NewRun;
import dev.mledger.store.Stores;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link EnvelopeStore} must do; subclasses supply the database. */
abstract class EnvelopeStoreContract {

  private Stores stores;
  private EnvelopeStore envelopes;

  protected abstract Stores openEmptyStores();

  @BeforeEach
  void open() {
    stores = openEmptyStores();
    envelopes = stores.envelopes();
  }

  @AfterEach
  void close() {
    stores.close();
  }

  static Envelope envelope(long seed) {
    return new Envelope(
        List.of(new DatasetVersion("train", "1a2b3c4d", "data/train.csv", "training")),
        new CodeVersion("89abcdef".repeat(5), true, "0f".repeat(32)),
        new Environment(
            "trainer-1",
            new Environment.Jvm("Vendor", "17.0.9", "Server VM"),
            new Environment.Os("Linux", "6.1", "amd64", null),
            new Environment.Cpu("Test CPU", 4),
            new Environment.Memory(1L << 34, 1L << 30),
            List.of()),
        seed,
        new DependencyLock("aa".repeat(32), 12),
        List.of(new ArtifactReference("mlflow-artifacts:/shared/vocab.txt", "bb".repeat(32))),
        Map.of("environment.gpus", "nvidia-smi not found"));
  }

  private String newRun() {
    return stores
        .tracking()
        .createRun(new NewRun("0", "alice", 1_000L, "r", List.of()))
        .info()
        .runId();
  }

  private Map<String, String> tagsOf(String runId) {
    return stores.tracking().getRun(runId).data().tags().stream()
        .collect(Collectors.toMap(RunTag::key, RunTag::value));
  }

  @Test
  void storesAnEnvelopeAndMirrorsItIntoRunTags() {
    String runId = newRun();
    Envelope e = envelope(Long.MAX_VALUE);

    StoredEnvelope stored = envelopes.put(runId, e);

    assertThat(stored.runId()).isEqualTo(runId);
    assertThat(stored.fingerprint()).isEqualTo(e.fingerprint());
    assertThat(stored.canonicalJson()).isEqualTo(e.toCanonicalJson());
    assertThat(stored.createdTime()).isPositive();
    assertThat(envelopes.get(runId)).contains(stored);
    assertThat(stored.envelope()).isEqualTo(e);
    assertThat(stored.verify()).isEqualTo(new StoredEnvelope.Verification.Intact(e));
    assertThat(tagsOf(runId)).containsAllEntriesOf(EnvelopeTags.toTags(e));
    assertThat(tagsOf(runId)).containsEntry("mledger.envelope.seed", "9223372036854775807");
  }

  @Test
  void storingTheSameEnvelopeAgainIsIdempotentAndRepairsTheMirror() {
    String runId = newRun();
    StoredEnvelope first = envelopes.put(runId, envelope(7));
    stores.tracking().deleteTag(runId, EnvelopeTags.SEED);
    stores.tracking().setTag(runId, new RunTag(EnvelopeTags.FINGERPRINT, "edited"));

    StoredEnvelope second = envelopes.put(runId, envelope(7));

    assertThat(second).isEqualTo(first);
    assertThat(tagsOf(runId))
        .containsEntry(EnvelopeTags.SEED, "7")
        .containsEntry(EnvelopeTags.FINGERPRINT, first.fingerprint());
  }

  @Test
  void aDifferentSecondEnvelopeIsRejectedAndTheFirstStays() {
    String runId = newRun();
    StoredEnvelope first = envelopes.put(runId, envelope(7));

    assertThatThrownBy(() -> envelopes.put(runId, envelope(8)))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_CONFLICT))
        .hasMessageContaining("already has an envelope (fingerprint " + first.fingerprint())
        .hasMessageContaining("write-once")
        .hasMessageContaining(envelope(8).fingerprint());

    assertThat(envelopes.get(runId)).contains(first);
    assertThat(tagsOf(runId)).containsEntry(EnvelopeTags.SEED, "7");
  }

  @Test
  void aRunWithoutEnvelopeHasNone() {
    assertThat(envelopes.get(newRun())).isEmpty();
  }

  @Test
  void unknownRunsAreReportedAsMissing() {
    assertThatThrownBy(() -> envelopes.put("f".repeat(32), envelope(1)))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST))
        .hasMessage("Run with id=" + "f".repeat(32) + " not found");
    assertThatThrownBy(() -> envelopes.get("nope"))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
  }

  @Test
  void deletedRunsKeepTheirEnvelopeButTakeNoNewOne() {
    String kept = newRun();
    StoredEnvelope stored = envelopes.put(kept, envelope(1));
    stores.tracking().deleteRun(kept);
    assertThat(envelopes.get(kept)).contains(stored);

    String deleted = newRun();
    stores.tracking().deleteRun(deleted);
    assertThatThrownBy(() -> envelopes.put(deleted, envelope(1)))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
        .hasMessageContaining("must be in the 'active' state. Current state is deleted.");
  }

  @Test
  void runsMayShareAnEnvelope() {
    String a = newRun();
    String b = newRun();
    assertThat(envelopes.put(a, envelope(3)).fingerprint())
        .isEqualTo(envelopes.put(b, envelope(3)).fingerprint());
  }

  @Test
  void anUnknownEnvelopeIsStoredAsIncomplete() {
    String runId = newRun();
    Envelope unknown = new Envelope(null, null, null, null, null);
    envelopes.put(runId, unknown);
    assertThat(envelopes.get(runId).orElseThrow().envelope()).isEqualTo(unknown);
    assertThat(tagsOf(runId))
        .containsEntry(EnvelopeTags.COMPLETE, "false")
        .containsEntry(EnvelopeTags.GIT_COMMIT, "unknown");
  }
}
