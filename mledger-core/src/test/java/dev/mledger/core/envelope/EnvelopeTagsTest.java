package dev.mledger.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvelopeTagsTest {

  @Test
  void mirrorsEveryComponentAsShortSearchableValues() {
    Envelope e = EnvelopeTest.sample();
    Map<String, String> tags = EnvelopeTags.toTags(e);
    assertThat(tags)
        .containsEntry(EnvelopeTags.FINGERPRINT, e.fingerprint())
        .containsEntry("mledger.envelope.complete", "true")
        .containsEntry("mledger.envelope.missing", "none")
        .containsEntry("mledger.envelope.git_commit", EnvelopeTest.COMMIT)
        .containsEntry("mledger.envelope.git_dirty", "false")
        .containsEntry("mledger.envelope.git_diff_sha256", EnvelopeTest.EMPTY_SHA256)
        .containsEntry("mledger.envelope.seed", "9007199254740993")
        .containsEntry(
            "mledger.envelope.datasets", "eval@0f0f0f0f (eval); train@a1b2c3d4 (training)")
        .containsEntry("mledger.envelope.host", "trainer-1")
        .containsEntry(
            "mledger.envelope.java", "Eclipse Adoptium 17.0.12+7 (OpenJDK 64-Bit Server VM)")
        .containsEntry("mledger.envelope.os", "Linux 6.1.0 amd64 (Debian GNU/Linux 12 (bookworm))")
        .containsEntry("mledger.envelope.cpu", "AMD EPYC 7B13 (8 cores)")
        .containsEntry("mledger.envelope.memory_bytes", "33554432000")
        .containsEntry(
            "mledger.envelope.gpu", "NVIDIA A100-SXM4-40GB (driver 535.104.05, 40960 MiB)")
        .containsEntry("mledger.envelope.deps_fingerprint", "5f".repeat(32))
        .containsEntry(
            "mledger.envelope.artifacts",
            "mlflow-artifacts:/vocab/v1.txt@sha256:" + "ab".repeat(32));
    assertThat(tags.keySet()).allMatch(k -> k.startsWith(EnvelopeTags.PREFIX));
    assertThat(tags)
        .containsEntry("mledger.envelope.environment_fingerprint", e.environmentFingerprint());
    assertThat(tags).hasSize(17);
  }

  @Test
  void unknownPartsReadUnknownAndTheMissingListIsSpelledOut() {
    Map<String, String> tags = EnvelopeTags.toTags(new Envelope(null, null, null, null, null));
    assertThat(tags)
        .containsEntry("mledger.envelope.complete", "false")
        .containsEntry(
            "mledger.envelope.missing",
            "datasets,code.commit,code.dirty,environment.jvm,environment.os,seed,"
                + "dependencies.lock_sha256")
        .containsEntry("mledger.envelope.git_commit", "unknown")
        .containsEntry("mledger.envelope.git_dirty", "unknown")
        .containsEntry("mledger.envelope.seed", "unknown")
        .containsEntry("mledger.envelope.host", "unknown")
        .containsEntry("mledger.envelope.java", "unknown")
        .containsEntry("mledger.envelope.gpu", "none")
        .containsEntry("mledger.envelope.datasets", "none")
        .containsEntry("mledger.envelope.memory_bytes", "unknown");
  }

  @Test
  void longValuesAreCutToMlflowsLimitInCodePoints() {
    List<DatasetVersion> many = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      many.add(new DatasetVersion("dataset-😀-" + i, "digest" + i, null, null));
    }
    Envelope e = EnvelopeTest.sample().withDatasets(many);
    String value = EnvelopeTags.toTags(e).get(EnvelopeTags.DATASETS);
    assertThat(value.codePointCount(0, value.length()))
        .isEqualTo(EnvelopeTags.MAX_TAG_VALUE_LENGTH);
    assertThat(value).endsWith(" [truncated]");
    // The cut never splits a surrogate pair.
    assertThat(value.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF)).isTrue();
    assertThat(EnvelopeTags.fit("short")).isEqualTo("short");
  }
}
