package dev.mledger.store.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.envelope.Envelope;
import org.junit.jupiter.api.Test;

class StoredEnvelopeTest {

  @Test
  void verificationRecomputesTheFingerprint() {
    Envelope e = EnvelopeStoreContract.envelope(5);
    StoredEnvelope intact = new StoredEnvelope("r", e.fingerprint(), e.toCanonicalJson(), 1);
    assertThat(intact.verify()).isEqualTo(new StoredEnvelope.Verification.Intact(e));

    String edited = e.toCanonicalJson().replace("\"seed\":5", "\"seed\":6");
    StoredEnvelope tampered = new StoredEnvelope("r", e.fingerprint(), edited, 1);
    assertThat(tampered.verify())
        .isEqualTo(
            new StoredEnvelope.Verification.FingerprintMismatch(
                e.withSeed(6), e.withSeed(6).fingerprint()));

    StoredEnvelope garbage = new StoredEnvelope("r", e.fingerprint(), "{\"format\":9}", 1);
    assertThat(garbage.verify())
        .isEqualTo(
            new StoredEnvelope.Verification.Unreadable(
                "unsupported envelope format 9 (this reader knows 1..1)"));
  }
}
