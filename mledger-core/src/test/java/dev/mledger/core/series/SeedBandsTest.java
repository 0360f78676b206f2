package dev.mledger.core.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeedBandsTest {
  private static SeriesPoint p(double x, double y) {
    return new SeriesPoint(x, y);
  }

  @Test
  void bandIsTheStudentTIntervalOfTheMeanAtEachStep() {
    List<List<SeriesPoint>> seeds =
        List.of(
            List.of(p(0, 1.0), p(1, 0.5)),
            List.of(p(0, 2.0), p(1, 0.7)),
            List.of(p(0, 3.0), p(2, 9.0)));

    List<BandPoint> band = SeedBands.of(seeds, 0.95);

    // scipy.stats.t.interval(0.95, n - 1, loc=mean, scale=sem)
    assertThat(band).hasSize(3);
    BandPoint first = band.get(0);
    assertThat(first.x()).isEqualTo(0.0);
    assertThat(first.n()).isEqualTo(3);
    assertThat(first.mean()).isCloseTo(2.0, within(1e-12));
    assertThat(first.ciLow()).isCloseTo(-0.48413771175033027, within(1e-9));
    assertThat(first.ciHigh()).isCloseTo(4.48413771175033, within(1e-9));
    BandPoint second = band.get(1);
    assertThat(second.n()).isEqualTo(2);
    assertThat(second.ciLow()).isCloseTo(-0.6706204736174691, within(1e-9));
    assertThat(second.ciHigh()).isCloseTo(1.870620473617469, within(1e-9));
    assertThat(band.get(2)).isEqualTo(new BandPoint(2, 1, 9.0, null, null));
  }

  @Test
  void usesTheLastValueOfAStepAndSkipsNonFiniteValues() {
    List<List<SeriesPoint>> seeds =
        List.of(
            List.of(p(0, 100.0), p(0, 1.0), p(1, Double.NaN)),
            List.of(p(0, 3.0), p(1, Double.POSITIVE_INFINITY)));

    List<BandPoint> band = SeedBands.of(seeds, 0.9);

    assertThat(band).hasSize(1);
    assertThat(band.get(0).mean()).isEqualTo(2.0);
    assertThat(band.get(0).n()).isEqualTo(2);
  }

  @Test
  void identicalReplicatesHaveAZeroWidthBand() {
    List<BandPoint> band = SeedBands.of(List.of(List.of(p(5, 0.25)), List.of(p(5, 0.25))), 0.95);

    assertThat(band).containsExactly(new BandPoint(5, 2, 0.25, 0.25, 0.25));
  }

  @Test
  void downsamplesOnTheMeanCurveKeepingBothEnds() {
    List<SeriesPoint> a = new ArrayList<>();
    List<SeriesPoint> b = new ArrayList<>();
    for (int step = 0; step < 1000; step++) {
      a.add(p(step, Math.exp(-step / 200.0)));
      b.add(p(step, Math.exp(-step / 180.0)));
    }
    List<BandPoint> band = SeedBands.of(List.of(a, b), 0.95);

    List<BandPoint> reduced = SeedBands.downsample(band, 50);

    assertThat(reduced).hasSize(50);
    assertThat(reduced.get(0)).isEqualTo(band.get(0));
    assertThat(reduced.get(49)).isEqualTo(band.get(999));
    assertThat(band).containsAll(reduced);
  }

  @Test
  void rejectsAConfidenceOutsideTheOpenUnitInterval() {
    assertThatThrownBy(() -> SeedBands.of(List.of(), 1.0))
        .hasMessageContaining("confidence must be strictly between 0 and 1");
  }
}
