package dev.mledger.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  static final DatasetVersion TRAIN =
      new DatasetVersion("train", "a1b2c3d4", "s3://bucket/train.parquet", "training");
  static final DatasetVersion EVAL = new DatasetVersion("eval", "0f0f0f0f", null, "eval");

  static Environment environment() {
    return new Environment(
        "trainer-1",
        new Environment.Jvm("Eclipse Adoptium", "17.0.12+7", "OpenJDK 64-Bit Server VM"),
        new Environment.Os("Linux", "6.1.0", "amd64", "Debian GNU/Linux 12 (bookworm)"),
        new Environment.Cpu("AMD EPYC 7B13", 8),
        new Environment.Memory(33554432000L, 8589934592L),
        List.of(new Environment.Gpu("NVIDIA A100-SXM4-40GB", "535.104.05", 40960L)));
  }

  /** A complete envelope; its canonical text and fingerprint are pinned below. */
  static Envelope sample() {
    return new Envelope(
        List.of(TRAIN, EVAL),
        new CodeVersion(COMMIT, false, EMPTY_SHA256),
        environment(),
        9007199254740993L,
        new DependencyLock("5f".repeat(32), 42),
        List.of(new ArtifactReference("mlflow-artifacts:/vocab/v1.txt", "ab".repeat(32))),
        Map.of());
  }

  /**
   * Pinned against Python: {@code json.dumps(obj, sort_keys=True, separators=(',', ':'),
   * ensure_ascii=False)} and {@code hashlib.sha256}. A change here changes every stored
   * fingerprint, which needs a new {@link Envelope#FORMAT}.
   */
  @Test
  void canonicalTextAndFingerprintArePinned() {
    Envelope e = sample();
    assertThat(e.toCanonicalJson())
        .isEqualTo(
            "{\"artifacts\":[{\"sha256\":\""
                + "ab".repeat(32)
                + "\",\"uri\":\"mlflow-artifacts:/vocab/v1.txt\"}],\"capture_errors\":{},"
                + "\"code\":{\"commit\":\""
                + COMMIT
                + "\",\"diff_sha256\":\""
                + EMPTY_SHA256
                + "\",\"dirty\":false},"
                + "\"datasets\":[{\"context\":\"eval\",\"digest\":\"0f0f0f0f\",\"name\":\"eval\","
                + "\"source\":null},{\"context\":\"training\",\"digest\":\"a1b2c3d4\","
                + "\"name\":\"train\",\"source\":\"s3://bucket/train.parquet\"}],"
                + "\"dependencies\":{\"jars\":42,\"lock_sha256\":\""
                + "5f".repeat(32)
                + "\"},\"environment\":{\"cpu\":{\"cores\":8,\"model\":\"AMD EPYC 7B13\"},"
                + "\"gpus\":[{\"driver_version\":\"535.104.05\",\"memory_mib\":40960,"
                + "\"name\":\"NVIDIA A100-SXM4-40GB\"}],\"hostname\":\"trainer-1\","
                + "\"jvm\":{\"vendor\":\"Eclipse Adoptium\",\"version\":\"17.0.12+7\","
                + "\"vm_name\":\"OpenJDK 64-Bit Server VM\"},\"memory\":{\"max_heap_bytes\":"
                + "8589934592,\"total_bytes\":33554432000},\"os\":{\"arch\":\"amd64\","
                + "\"distribution\":\"Debian GNU/Linux 12 (bookworm)\",\"name\":\"Linux\","
                + "\"version\":\"6.1.0\"}},\"format\":1,\"seed\":9007199254740993}");
    assertThat(e.fingerprint())
        .isEqualTo("251706a83314c50e54e0b5391e4493d676ceeff852b0a6a9fa3f5beb7b4869b9");
  }

  @Test
  void fingerprintIgnoresDeclarationOrderAndDuplicates() {
    Envelope a = sample();
    List<DatasetVersion> shuffled = new ArrayList<>(List.of(EVAL, TRAIN, EVAL));
    Collections.reverse(shuffled);
    Envelope b =
        new Envelope(
            shuffled,
            a.code(),
            a.environment(),
            a.seed(),
            a.dependencies(),
            a.artifacts(),
            Map.of());
    assertThat(b.datasets()).containsExactly(EVAL, TRAIN);
    assertThat(b.fingerprint()).isEqualTo(a.fingerprint());
    assertThat(b).isEqualTo(a);
  }

  @Test
  void everyComponentTakesPartInTheFingerprint() {
    Envelope base = sample();
    List<Envelope> variants =
        List.of(
            base.withSeed(1),
            base.withDatasets(List.of(new DatasetVersion("test", "ffff", null, null))),
            base.withArtifacts(List.of(new ArtifactReference("runs:/r/model", "cd".repeat(32)))),
            base.withCaptureErrors(Map.of("environment.gpus", "nvidia-smi timed out")),
            new Envelope(
                base.datasets(),
                new CodeVersion(COMMIT, true, EMPTY_SHA256),
                base.environment(),
                base.seed(),
                base.dependencies()),
            new Envelope(
                base.datasets(),
                base.code(),
                new Environment(
                    "trainer-2",
                    base.environment().jvm(),
                    base.environment().os(),
                    base.environment().cpu(),
                    base.environment().memory(),
                    base.environment().gpus()),
                base.seed(),
                base.dependencies()),
            new Envelope(
                base.datasets(),
                base.code(),
                base.environment(),
                base.seed(),
                new DependencyLock("5f".repeat(32), 43)));
    for (Envelope v : variants) {
      assertThat(v.fingerprint()).as(v.toString()).isNotEqualTo(base.fingerprint());
    }
  }

  @Test
  void roundTripsThroughJson() {
    Envelope e = sample().withCaptureErrors(Map.of("code", "git: not a repository"));
    Envelope back = Envelope.fromJson(e.toCanonicalJson());
    assertThat(back).isEqualTo(e);
    assertThat(back.fingerprint()).isEqualTo(e.fingerprint());

    Envelope unknown = new Envelope(null, null, null, null, null);
    assertThat(Envelope.fromJson(unknown.toCanonicalJson())).isEqualTo(unknown);
  }

  @Test
  void readsAnyKeyOrderWhitespaceAndAbsentOptionalMembers() {
    Envelope e =
        Envelope.fromJson(
            """
            { "seed" : 7, "format": 1,
              "datasets": [ {"digest": "d1", "name": "n"} ] }
            """);
    assertThat(e.seed()).isEqualTo(7L);
    assertThat(e.datasets()).containsExactly(new DatasetVersion("n", "d1", null, null));
    assertThat(e.code()).isEqualTo(CodeVersion.unknown());
    assertThat(e.environment()).isEqualTo(Environment.unknown());
    assertThat(e.dependencies()).isEqualTo(DependencyLock.unknown());
  }

  @Test
  void rejectsMalformedEnvelopesWithTheFieldPath() {
    assertThatThrownBy(() -> Envelope.fromJson("{\"format\":2}"))
        .hasMessageContaining("unsupported envelope format 2");
    assertThatThrownBy(() -> Envelope.fromJson("{}"))
        .hasMessageContaining("unsupported envelope format null");
    assertThatThrownBy(() -> Envelope.fromJson("[]")).hasMessage("envelope: expected an object");
    assertThatThrownBy(() -> Envelope.fromJson("{\"format\":1,\"sede\":1}"))
        .hasMessage("envelope.sede: unknown member");
    assertThatThrownBy(() -> Envelope.fromJson("{\"format\":1,\"seed\":\"42\"}"))
        .hasMessage("envelope.seed: expected an integer");
    assertThatThrownBy(() -> Envelope.fromJson("{\"format\":1,\"seed\":1.5}"))
        .hasMessage("envelope.seed: expected an integer");
    assertThatThrownBy(() -> Envelope.fromJson("{\"format\":1,\"seed\":18446744073709551616}"))
        .hasMessage("envelope.seed: integer out of 64-bit range");
    assertThatThrownBy(() -> Envelope.fromJson("{\"format\":1,\"datasets\":[{\"name\":\"x\"}]}"))
        .hasMessage("envelope.datasets[0].digest: required");
    assertThatThrownBy(() -> Envelope.fromJson("{\"format\":1,\"code\":{\"dirty\":\"yes\"}}"))
        .hasMessage("envelope.code.dirty: expected true or false");
    assertThatThrownBy(
            () ->
                Envelope.fromJson(
                    "{\"format\":1,\"environment\":{\"cpu\":{\"cores\":1,\"mhz\":3}}}"))
        .hasMessage("envelope.environment.cpu.mhz: unknown member");
    assertThatThrownBy(
            () ->
                Envelope.fromJson(
                    "{\"format\":1,\"artifacts\":[{\"uri\":\"u\",\"sha256\":\"abc\"}]}"))
        .hasMessageContaining("sha256 must be 64 hex digits");
    assertThatThrownBy(() -> Envelope.fromJson("{\"format\":1,\"capture_errors\":{\"a\":1}}"))
        .hasMessage("envelope.capture_errors.a: expected a string");
    assertThatThrownBy(() -> Envelope.fromJson("{\"format\":1,\"datasets\":{}}"))
        .hasMessage("envelope.datasets: expected an array");
  }

  @Test
  void completeEnvelopeHasNothingMissing() {
    assertThat(sample().missing()).isEmpty();
    assertThat(sample().isComplete()).isTrue();
  }

  @Test
  void unknownEnvelopeMissesEverything() {
    Envelope e = new Envelope(null, null, null, null, null);
    assertThat(e.missing())
        .containsExactly(
            "datasets",
            "code.commit",
            "code.dirty",
            "environment.jvm",
            "environment.os",
            "seed",
            "dependencies.lock_sha256");
    assertThat(e.isComplete()).isFalse();
  }

  @Test
  void dirtyTreeNeedsItsDiffHash() {
    Envelope base = sample();
    Envelope dirtyWithoutDiff =
        new Envelope(
            base.datasets(),
            new CodeVersion(COMMIT, true, null),
            base.environment(),
            base.seed(),
            base.dependencies());
    assertThat(dirtyWithoutDiff.missing()).containsExactly("code.diff_sha256");
    Envelope cleanWithoutDiff =
        new Envelope(
            base.datasets(),
            new CodeVersion(COMMIT, false, null),
            base.environment(),
            base.seed(),
            base.dependencies());
    assertThat(cleanWithoutDiff.missing()).isEmpty();
  }

  @Test
  void recordsValidateTheirParts() {
    assertThatThrownBy(() -> new DatasetVersion(" ", "d", null, null))
        .hasMessage("name must not be blank");
    assertThatThrownBy(() -> new DatasetVersion("n", null, null, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new DependencyLock(null, -1)).hasMessageContaining("jars must be");
    assertThat(new ArtifactReference("u", "AB".repeat(32)).sha256()).isEqualTo("ab".repeat(32));
  }

  @Test
  void hardwareDifferencesIgnoreUnknownAspects() {
    Environment a = environment();
    assertThat(a.hardwareDifferences(a)).isEmpty();
    Environment b =
        new Environment(
            "laptop", a.jvm(), a.os(), new Environment.Cpu("Apple M2", 8), a.memory(), List.of());
    assertThat(a.hardwareDifferences(b)).containsExactly("hostname", "cpu", "gpus");
    Environment unknownCpu = new Environment("trainer-1", null, null, null, null, a.gpus());
    assertThat(a.hardwareDifferences(unknownCpu)).isEmpty();
  }
}
