package dev.mledger.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.audit.ChainVerification.Broken;
import dev.mledger.core.audit.ChainVerification.Problem;
import dev.mledger.core.error.MledgerException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

  static List<AuditEntry> chain(int n) {
    List<AuditEntry> entries = new ArrayList<>();
    AuditEntry head = null;
    for (int i = 0; i < n; i++) {
      head =
          AuditChain.next(
              head,
              new AuditEvent(
                  "alice",
                  "registry.model_version.transition_stage",
                  "model_version",
                  "churn/" + (i + 1),
                  Map.of("stage", "Production", "archive_existing", i % 2 == 0, "score", 0.5 + i)),
              1_700_000_000_000L + i);
      entries.add(head);
    }
    return entries;
  }

  static ChainVerification verify(List<AuditEntry> entries, String anchor) {
    ChainVerifier verifier = new ChainVerifier(anchor);
    for (AuditEntry e : entries) {
      if (!verifier.accept(e)) {
        break;
      }
    }
    return verifier.result();
  }

  static AuditEntry withActor(AuditEntry e, String actor) {
    return new AuditEntry(
        e.sequence(),
        e.timestamp(),
        actor,
        e.action(),
        e.subjectType(),
        e.subjectId(),
        e.details(),
        e.previousHash(),
        e.hash());
  }

  @Test
  void anIntactChainVerifiesAndReportsItsHead() {
    List<AuditEntry> entries = chain(5);
    ChainVerification result = verify(entries, null);
    assertThat(result).isEqualTo(new ChainVerification.Intact(5, 5, entries.get(4).hash()));
    assertThat(entries.get(0).previousHash()).isEqualTo(AuditChain.GENESIS_HASH);
    assertThat(entries.get(1).previousHash()).isEqualTo(entries.get(0).hash());
    assertThat(verify(List.of(), null))
        .isEqualTo(new ChainVerification.Intact(0, 0, AuditChain.GENESIS_HASH));
  }

  @Test
  void theHashCoversEveryFieldAndIsTheCanonicalJsonDigest() {
    AuditEntry e = chain(1).get(0);
    assertThat(e.hash()).matches("[0-9a-f]{64}");
    assertThat(e.computeHash())
        .isEqualTo(dev.mledger.core.envelope.CanonicalJson.sha256(e.hashedContent()));
    assertThat(withActor(e, "mallory").computeHash()).isNotEqualTo(e.hash());
  }

  @Test
  void anEditedEntryIsTheFirstBrokenLink() {
    List<AuditEntry> entries = chain(5);
    entries.set(2, withActor(entries.get(2), "mallory"));
    Broken broken = (Broken) verify(entries, null);
    assertThat(broken.sequence()).isEqualTo(3);
    assertThat(broken.problem()).isEqualTo(Problem.EDITED);
    assertThat(broken.entriesChecked()).isEqualTo(2);
  }

  @Test
  void anEditedAndRehashedEntryBreaksTheNextLink() {
    List<AuditEntry> entries = chain(5);
    AuditEntry forged = withActor(entries.get(2), "mallory");
    entries.set(
        2,
        new AuditEntry(
            forged.sequence(),
            forged.timestamp(),
            forged.actor(),
            forged.action(),
            forged.subjectType(),
            forged.subjectId(),
            forged.details(),
            forged.previousHash(),
            forged.computeHash()));
    Broken broken = (Broken) verify(entries, null);
    assertThat(broken.sequence()).isEqualTo(4);
    assertThat(broken.problem()).isEqualTo(Problem.LINK_BROKEN);
  }

  @Test
  void aDeletedEntryIsASequenceGap() {
    List<AuditEntry> entries = chain(6);
    entries.remove(3);
    Broken broken = (Broken) verify(entries, null);
    assertThat(broken.sequence()).isEqualTo(5);
    assertThat(broken.problem()).isEqualTo(Problem.DELETED);
    assertThat(broken.message()).contains("entry 4 is missing");

    List<AuditEntry> headless = chain(3);
    headless.remove(0);
    assertThat(((Broken) verify(headless, null)).problem()).isEqualTo(Problem.DELETED);
  }

  @Test
  void reorderedEntriesAreDetected() {
    List<AuditEntry> entries = chain(5);
    Collections.swap(entries, 1, 3);
    Broken broken = (Broken) verify(entries, null);
    // 1 then 4: a gap; whichever comes first, the chain never verifies.
    assertThat(broken.sequence()).isEqualTo(4);

    List<AuditEntry> adjacent = chain(5);
    Collections.swap(adjacent, 2, 3);
    assertThat(((Broken) verify(adjacent, null)).problem()).isEqualTo(Problem.DELETED);

    List<AuditEntry> duplicated = chain(3);
    duplicated.add(duplicated.get(1));
    Broken dup = (Broken) verify(duplicated, null);
    assertThat(dup.problem()).isEqualTo(Problem.REORDERED);
    assertThat(dup.sequence()).isEqualTo(2);
  }

  @Test
  void aTruncatedTailIsOnlyDetectedWithAnAnchor() {
    List<AuditEntry> entries = chain(6);
    String anchor = entries.get(5).hash();
    List<AuditEntry> truncated = entries.subList(0, 4);

    assertThat(verify(truncated, null).intact()).isTrue();
    Broken broken = (Broken) verify(truncated, anchor);
    assertThat(broken.problem()).isEqualTo(Problem.HEAD_MISMATCH);
    assertThat(broken.sequence()).isEqualTo(4);

    // An older anchor still verifies after the log has grown.
    assertThat(verify(entries, entries.get(2).hash()).intact()).isTrue();
    assertThat(verify(entries, anchor.toUpperCase()).intact()).isTrue();
  }

  @Test
  void eventsAreValidated() {
    assertThatThrownBy(() -> new AuditEvent("", "a", "t", "s", Map.of()))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("actor");
    assertThatThrownBy(() -> new AuditEvent("u", "a", "t", "s", Map.of("x", Double.NaN)))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("plain JSON");
    assertThatThrownBy(() -> new AuditEvent("u", "a".repeat(513), "t", "s", null))
        .hasMessageContaining("longer than 512");
    assertThat(new AuditEvent("u", "a", "t", "s", null).details()).isEmpty();
  }
}
