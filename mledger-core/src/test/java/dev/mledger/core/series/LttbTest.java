package dev.mledger.core.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LttbTest {

  /** A wavy series with one spike at x = 377 that down-sampling must not lose. */
  private static List<SeriesPoint> wavyWithSpike(int size) {
    List<SeriesPoint> points = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      double y = Math.sin(i / 25.0) + 0.3 * Math.sin(i * 1.7) + (i == 377 ? 5.0 : 0.0);
      points.add(new SeriesPoint(i, y));
    }
    return points;
  }

  @Test
  void keepsTheSamePointsAsTheReferenceImplementation() {
    // Indices from Steinarsson's reference algorithm, run in Python on the same series.
    int[] expected = {
      0, 23, 49, 58, 99, 121, 147, 171, 204, 217, 258, 280, 289, 341, 343, 377, 394, 428, 450, 485,
      511, 537, 561, 594, 607, 655, 657, 685, 727, 753, 762, 814, 816, 844, 886, 912, 921, 962, 997,
      999
    };

    List<SeriesPoint> sampled = Lttb.downsample(wavyWithSpike(1000), 40);

    assertThat(sampled.stream().mapToInt(p -> (int) p.x()).toArray()).containsExactly(expected);
  }

  @Test
  void selectsThePositionsOfTheKeptPoints() {
    assertThat(Lttb.selectIndices(wavyWithSpike(1000), 40))
        .startsWith(0, 23, 49)
        .endsWith(997, 999)
        .contains(377);
    assertThat(Lttb.selectIndices(wavyWithSpike(3), 10)).containsExactly(0, 1, 2);
  }

  @Test
  void keepsASpikeThatDecimationWouldDrop() {
    List<SeriesPoint> sampled = Lttb.downsample(wavyWithSpike(1000), 20);

    assertThat(sampled).contains(new SeriesPoint(377, wavyWithSpike(1000).get(377).y()));
  }

  @Test
  void returnsShortSeriesUnchanged() {
    List<SeriesPoint> points = wavyWithSpike(10);

    assertThat(Lttb.downsample(points, 10)).isEqualTo(points);
    assertThat(Lttb.downsample(points, 500)).isEqualTo(points);
    assertThat(Lttb.downsample(List.of(), 2)).isEmpty();
  }

  @Test
  void withTwoPointsKeepsOnlyTheEnds() {
    List<SeriesPoint> points = wavyWithSpike(100);

    assertThat(Lttb.downsample(points, 2)).containsExactly(points.get(0), points.get(99));
  }

  @Test
  void acceptsRepeatedX() {
    List<SeriesPoint> points =
        IntStream.range(0, 50).mapToObj(i -> new SeriesPoint(i / 10, i % 7)).toList();

    assertThat(Lttb.downsample(points, 5)).hasSize(5);
  }

  @Test
  void rejectsBadInputWithAnInvalidParameterError() {
    List<SeriesPoint> unordered = List.of(new SeriesPoint(2, 0), new SeriesPoint(1, 0));
    List<SeriesPoint> nan = List.of(new SeriesPoint(0, Double.NaN), new SeriesPoint(1, 0));

    assertThatThrownBy(() -> Lttb.downsample(wavyWithSpike(5), 1))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("at least 2")
        .extracting(e -> ((MledgerException) e).code())
        .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    assertThatThrownBy(() -> Lttb.downsample(unordered, 2)).hasMessageContaining("ordered by x");
    assertThatThrownBy(() -> Lttb.downsample(nan, 2)).hasMessageContaining("not finite");
  }

  @Property(tries = 200)
  void resultIsAnOrderedSubsequenceOfExactlyThresholdPoints(
      @ForAll @IntRange(min = 3, max = 400) int size,
      @ForAll @IntRange(min = 2, max = 100) int threshold) {
    List<SeriesPoint> points = wavyWithSpike(size);

    List<SeriesPoint> sampled = Lttb.downsample(points, threshold);

    assertThat(sampled).hasSize(Math.min(size, threshold));
    assertThat(sampled.get(0)).isEqualTo(points.get(0));
    assertThat(sampled.get(sampled.size() - 1)).isEqualTo(points.get(size - 1));
    assertThat(sampled).isSubsetOf(points);
    for (int i = 1; i < sampled.size(); i++) {
      assertThat(sampled.get(i).x()).isGreaterThan(sampled.get(i - 1).x());
    }
  }
}
