package dev.mledger.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.monitor.ThresholdTuning.LabelledWindow;
import dev.mledger.core.monitor.ThresholdTuning.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdTuningTest {
  // Incidents at PSI 0.25, 0.4, 0.6; quiet windows at 0.05, 0.1, 0.3 (a false alarm waiting to
  // happen).
  private final List<LabelledWindow> history =
      List.of(
          new LabelledWindow(0.05, false),
          new LabelledWindow(0.1, false),
          new LabelledWindow(0.25, true),
          new LabelledWindow(0.3, false),
          new LabelledWindow(0.4, true),
          new LabelledWindow(0.6, true));

  @Test
  void ratesAtAThreshold() {
    Point p = ThresholdTuning.at(Statistic.PSI, history, 0.2);
    assertThat(p.truePositives()).isEqualTo(3);
    assertThat(p.falsePositives()).isEqualTo(1);
    assertThat(p.trueNegatives()).isEqualTo(2);
    assertThat(p.falseNegatives()).isZero();
    assertThat(p.falsePositiveRate()).isEqualTo(1.0 / 3);
    assertThat(p.falseNegativeRate()).isZero();

    Point strict = ThresholdTuning.at(Statistic.PSI, history, 0.35);
    assertThat(strict.falsePositiveRate()).isZero();
    assertThat(strict.falseNegativeRate()).isEqualTo(1.0 / 3);
  }

  @Test
  void sweepGoesFromMostToLeastSensitive() {
    List<Point> sweep = ThresholdTuning.sweep(Statistic.PSI, history, 0.2);
    assertThat(sweep)
        .extracting(Point::threshold)
        .containsExactly(0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.6);
    assertThat(sweep.get(0).falsePositiveRate()).isEqualTo(1.0);
    assertThat(sweep.get(sweep.size() - 1).falseNegativeRate()).isEqualTo(2.0 / 3);
  }

  @Test
  void recommendationMinimisesFalseAlarmsWithinTheMissBudget() {
    List<Point> sweep = ThresholdTuning.sweep(Statistic.PSI, history);
    assertThat(ThresholdTuning.recommend(sweep, 0.0).orElseThrow().threshold()).isEqualTo(0.25);
    assertThat(ThresholdTuning.recommend(sweep, 0.34).orElseThrow().threshold()).isEqualTo(0.4);
  }

  @Test
  void pValuesAlarmBelowTheThreshold() {
    List<LabelledWindow> p =
        List.of(new LabelledWindow(0.001, true), new LabelledWindow(0.5, false));
    List<Point> sweep = ThresholdTuning.sweep(Statistic.P_VALUE, p);
    assertThat(sweep).extracting(Point::threshold).containsExactly(0.5, 0.001);
    assertThat(ThresholdTuning.at(Statistic.P_VALUE, p, 0.01).falsePositives()).isZero();
    assertThat(ThresholdTuning.at(Statistic.P_VALUE, p, 0.01).truePositives()).isOne();
  }

  @Test
  void emptyHistoryIsRejected() {
    assertThatThrownBy(() -> ThresholdTuning.sweep(Statistic.PSI, List.of()))
        .isInstanceOf(MledgerException.class);
  }
}
