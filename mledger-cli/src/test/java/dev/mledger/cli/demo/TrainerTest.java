package dev.mledger.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
  @TempDir Path dir;

  private List<DataPipeline.Row> rows() {
    return DataPipeline.run(dir, 5, List.of(new DataPipeline.Batch(Population.baseline(), 4000)))
        .rows();
  }

  /** The weight of feature i on the original scale. */
  private static double weight(LinearModel m, int i) {
    return m.weights()[i] / m.scales()[i];
  }

  @Test
  void gradientDescentRecoversTheGeneratingWeights() {
    Trainer.Result r = Trainer.train(ModelConfig.baseline(), rows(), 1, (e, l, rmse, r2) -> {});

    double[] truth = {3.0, -2.0, 1.5, 1.0, -0.5, 0, 0, 0, 0, 0};
    for (int i = 0; i < truth.length; i++) {
      assertThat(weight(r.model(), i)).as("x%d", i).isCloseTo(truth[i], within(0.1));
    }
    // Signal variance 16.5, noise 1.44: R² = 16.5 / 17.94 ≈ 0.92, RMSE ≈ 1.2.
    assertThat(r.testR2()).isCloseTo(0.92, within(0.02));
    assertThat(r.testRmse()).isCloseTo(1.2, within(0.1));
    assertThat(r.trainRows() + r.testRows()).isEqualTo(rows().size());
    assertThat(r.testRows()).isCloseTo(rows().size() / 5, within(1));
    assertThat(r.latencyP95Ms()).isPositive();
    assertThat(r.costPer1kPredictions()).isGreaterThanOrEqualTo(Trainer.REQUEST_FEE_PER_1K);
  }

  @Test
  void ridgeShrinksTheWeights() {
    List<DataPipeline.Row> rows = rows();
    Trainer.Result plain = Trainer.train(ModelConfig.baseline(), rows, 1, (e, l, rmse, r2) -> {});
    Trainer.Result ridge = Trainer.train(ModelConfig.ridge(1.0), rows, 1, (e, l, rmse, r2) -> {});

    assertThat(norm(ridge.model())).isLessThan(0.6 * norm(plain.model()));
    assertThat(ridge.testR2()).isLessThan(plain.testR2());
  }

  @Test
  void reportsEveryEpochAndTheLastEpochIsTheReturnedModel() {
    List<double[]> epochs = new ArrayList<>();
    Trainer.Result r =
        Trainer.train(
            ModelConfig.baseline(),
            rows(),
            3,
            (e, l, rmse, r2) -> epochs.add(new double[] {e, l, rmse, r2}));

    assertThat(epochs).hasSize(ModelConfig.EPOCHS);
    assertThat(epochs.get(0)[1]).isGreaterThan(epochs.get(epochs.size() - 1)[1]);
    double[] last = epochs.get(epochs.size() - 1);
    assertThat(last[2]).isEqualTo(r.testRmse());
    assertThat(last[3]).isEqualTo(r.testR2());
  }

  @Test
  void seedsChangeTheSplitButTheSameSeedRepeatsExactly() {
    List<DataPipeline.Row> rows = rows();
    Trainer.Result a = Trainer.train(ModelConfig.baseline(), rows, 1, (e, l, rmse, r2) -> {});
    Trainer.Result b = Trainer.train(ModelConfig.baseline(), rows, 1, (e, l, rmse, r2) -> {});
    Trainer.Result c = Trainer.train(ModelConfig.baseline(), rows, 2, (e, l, rmse, r2) -> {});

    assertThat(b.testR2()).isEqualTo(a.testR2());
    assertThat(b.model().weights()).containsExactly(a.model().weights());
    assertThat(c.testR2()).isNotEqualTo(a.testR2());
  }

  private static double norm(LinearModel m) {
    double s = 0;
    for (double w : m.weights()) {
      s += w * w;
    }
    return Math.sqrt(s);
  }
}
