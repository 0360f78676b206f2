package dev.mledger.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.drift.DriftSettings;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.stats.AdjustmentMethod;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Embeddings in monitors: validation, the reference reservoir and MMD in window reports. */
class EmbeddingMonitoringTest {
  private static final int DIM = 4;
  private static final MonitorDefinition MONITOR =
      new MonitorDefinition(
          "emb",
          "encoder",
          "1",
          "run:r",
          List.of(new FeatureSpec("x", FeatureType.NUMERIC)),
          null,
          new WindowSpec.ByCount(200),
          null,
          DIM);

  private static double[] vector(Random r, double shift) {
    double[] v = new double[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = r.nextGaussian() + (i == 0 ? shift : 0);
    }
    return v;
  }

  private static MonitorEvent event(double[] embedding) {
    return new MonitorEvent(0, Map.of("x", 1.0), null, null, null, null, embedding);
  }

  private static ReferenceProfile reference(long seed, int rows) {
    Random r = new Random(seed);
    ReferenceProfile profile = ReferenceProfile.empty(MONITOR);
    for (int i = 0; i < rows; i++) {
      profile.add(event(vector(r, 0)));
    }
    return profile;
  }

  private static List<MonitorEvent> window(long seed, double shift) {
    Random r = new Random(seed);
    List<MonitorEvent> events = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      events.add(event(vector(r, shift)));
    }
    return events;
  }

  @Test
  void eventsCarryEmbeddingsOfTheDeclaredDimension() {
    Map<String, Object> ok =
        Map.of("features", Map.of("x", 1), "embedding", List.of(0.1, 0.2, 0.3, 0.4));
    assertThat(EventValidation.validate(MONITOR, ok, 0).event().embedding())
        .containsExactly(0.1, 0.2, 0.3, 0.4);
    assertThat(
            EventValidation.validate(
                    MONITOR, Map.of("features", Map.of("x", 1), "embedding", List.of(1, 2)), 0)
                .reason())
        .isEqualTo("embedding has 2 values; this monitor's embeddings have 4");
    assertThat(
            EventValidation.validate(
                    MONITOR,
                    Map.of("features", Map.of("x", 1), "embedding", List.of(1, 2, "3", 4)),
                    0)
                .reason())
        .isEqualTo("embedding[2] must be a finite number");
    assertThat(
            EventValidation.validate(
                    MONITOR, Map.of("features", Map.of("x", 1), "embedding", "1,2,3,4"), 0)
                .reason())
        .startsWith("embedding must be an array of numbers");
    MonitorDefinition without =
        new MonitorDefinition(
            "plain", "m", null, "run:r", MONITOR.features(), null, MONITOR.window(), null);
    assertThat(EventValidation.validate(without, ok, 0).reason())
        .contains("this monitor takes no embeddings");
    assertThat(EventValidation.validate(MONITOR, Map.of("features", Map.of("x", 1)), 0).accepted())
        .isTrue();
    assertThatThrownBy(
            () ->
                new MonitorDefinition(
                    "m", "m", null, "run:r", MONITOR.features(), null, MONITOR.window(), null, 0))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("positive integer");
  }

  @Test
  void theReservoirIsBoundedUniformAndReproducible() {
    EmbeddingReservoir a = new EmbeddingReservoir(100);
    EmbeddingReservoir b = new EmbeddingReservoir(100);
    for (int i = 0; i < 10_000; i++) {
      a.add(new double[] {i});
      b.add(new double[] {i});
    }
    assertThat(a.rows()).hasSize(100);
    assertThat(a.seen()).isEqualTo(10_000);
    double mean = a.rows().stream().mapToDouble(r -> r[0]).average().orElseThrow();
    // A uniform sample of 0..9999 has mean 4999.5 with standard error about 289.
    assertThat(mean).isBetween(4_999.5 - 4 * 289, 4_999.5 + 4 * 289);
    for (int i = 0; i < 100; i++) {
      assertThat(a.rows().get(i)).isEqualTo(b.rows().get(i));
    }
    assertThatThrownBy(() -> a.add(new double[] {1, 2}))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("dimension 2 where 1 was expected");

    EmbeddingReservoir small = new EmbeddingReservoir(100);
    for (int i = 0; i < 3_000; i++) {
      small.add(new double[] {-1});
    }
    a.merge(small);
    assertThat(a.seen()).isEqualTo(13_000);
    assertThat(a.rows()).hasSize(100);
    // 3 000 of 13 000 embeddings: 23 of the 100 merged rows come from the second reservoir.
    assertThat(a.rows().stream().filter(r -> r[0] == -1).count()).isEqualTo(23);
  }

  @Test
  void profilesKeepTheReservoirThroughTheirBinaryForm() throws Exception {
    ReferenceProfile profile = reference(1, 1_500);
    ReferenceProfile read = ReferenceProfile.fromBytes(profile.toBytes());
    assertThat(read.embeddings().rows()).hasSize(EmbeddingReservoir.DEFAULT_CAPACITY);
    assertThat(read.embeddings().seen()).isEqualTo(1_500);
    assertThat(read.embeddings().rows().get(17)).isEqualTo(profile.embeddings().rows().get(17));
    assertThat(read.column("x").count()).isEqualTo(1_500);

    // Profiles stored before embeddings existed (format 1) are still read.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(1);
    out.writeInt(0);
    out.flush();
    ReferenceProfile old = ReferenceProfile.fromBytes(bytes.toByteArray());
    assertThat(old.columns()).isEmpty();
    assertThat(old.embeddings()).isNull();
  }

  @Test
  void windowReportsTestEmbeddingsReproduciblyAndAlertPoliciesSeeThem() {
    ReferenceProfile ref = reference(1, 2_000);
    WindowReporter reporter = new WindowReporter(MONITOR, ref, DriftSettings.defaults());

    WindowReport shifted = reporter.report(window(2, 1.5), 0, 1);
    EmbeddingReport e = shifted.embedding();
    assertThat(e.currentRows()).isEqualTo(200);
    assertThat(e.referenceRows()).isEqualTo(EmbeddingReservoir.DEFAULT_CAPACITY);
    assertThat(e.result().pValue()).isEqualTo(1.0 / (1 + WindowReporter.MMD_PERMUTATIONS));
    assertThat(e.drifted()).isTrue();
    assertThat(e.result().meanEmbeddingDistance()).isBetween(1.2, 1.8);
    assertThat(reporter.report(window(2, 1.5), 0, 1).embedding().result()).isEqualTo(e.result());

    WindowReport stable = reporter.report(window(3, 0), 0, 1);
    assertThat(stable.embedding().drifted()).isFalse();
    assertThat(stable.embedding().result().pValue()).isGreaterThan(0.05);

    AlertPolicy policy =
        new AlertPolicy(
            List.of(
                new AlertRule(Statistic.MMD_P_VALUE, 0.01, Severity.CRITICAL),
                new AlertRule(Statistic.EMBEDDING_DISTANCE, 1.0, Severity.WARNING),
                new AlertRule(Statistic.MMD, 0.05, Severity.INFO)),
            Optional.of(AdjustmentMethod.BENJAMINI_HOCHBERG),
            Duration.ofHours(1),
            0.1);
    List<Signal> signals = Signal.of(shifted, policy);
    assertThat(signals)
        .extracting(s -> s.key().feature(), s -> s.key().statistic())
        .contains(
            org.assertj.core.groups.Tuple.tuple(Statistic.WINDOW, Statistic.MMD_P_VALUE),
            org.assertj.core.groups.Tuple.tuple(Statistic.WINDOW, Statistic.EMBEDDING_DISTANCE),
            org.assertj.core.groups.Tuple.tuple(Statistic.WINDOW, Statistic.MMD));
    assertThat(Statistic.fromName("mmd_p_value").breaches(0.001, 0.01)).isTrue();

    // Without embeddings in the window there is nothing to test.
    List<MonitorEvent> plain = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      plain.add(event(null));
    }
    assertThat(reporter.report(plain, 0, 1).embedding()).isNull();
  }
}
