package dev.mledger.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataPipelineTest {
  @TempDir Path dir;

  private static final List<DataPipeline.Batch> ONE_BATCH =
      List.of(new DataPipeline.Batch(Population.baseline(), 3000));

  @Test
  void cleaningRemovesMissingValuesDuplicatesAndGlitches() throws IOException {
    DataPipeline.Output out = DataPipeline.run(dir, 7, ONE_BATCH);

    List<String> raw = Files.readAllLines(out.raw());
    List<String> clean = Files.readAllLines(out.clean());
    assertThat(raw.get(0)).isEqualTo("id,x0,x1,x2,x3,x4,x5,x6,x7,x8,x9,y,sensor");
    assertThat(out.rawRows()).isEqualTo(raw.size() - 1).isGreaterThan(3000);
    assertThat(raw.subList(1, raw.size())).anyMatch(l -> l.contains(",,"));
    assertThat(raw.subList(1, raw.size())).anyMatch(l -> l.contains("9999.00000"));
    assertThat(clean.subList(1, clean.size()))
        .hasSize(out.cleanRows())
        .noneMatch(l -> l.contains(",,"))
        .noneMatch(l -> l.contains("9999.00000"))
        .doesNotHaveDuplicates();
    assertThat(out.cleanRows()).isBetween(2800, 2990);
  }

  @Test
  void featuresHoldTheModelColumnsAndAreWhatTrainingReads() throws IOException {
    DataPipeline.Output out = DataPipeline.run(dir, 7, ONE_BATCH);

    List<String> features = Files.readAllLines(out.features());
    assertThat(features.get(0)).isEqualTo("x0,x1,x2,x3,x4,x5,x6,x7,x8,x9,y");
    assertThat(features).hasSize(out.cleanRows() + 1);
    assertThat(text(out.rows())).isEqualTo(text(DataPipeline.readFeatures(out.features())));
    assertThat(text(out.rows()).get(0)).isEqualTo(parse(features.get(1)));
  }

  @Test
  void theSameSeedWritesTheSameBytes() throws IOException {
    DataPipeline.Output a = DataPipeline.run(dir.resolve("a"), 11, ONE_BATCH);
    DataPipeline.Output b = DataPipeline.run(dir.resolve("b"), 11, ONE_BATCH);
    DataPipeline.Output c = DataPipeline.run(dir.resolve("c"), 12, ONE_BATCH);

    assertThat(Files.mismatch(a.raw(), b.raw())).isEqualTo(-1);
    assertThat(Files.mismatch(a.features(), b.features())).isEqualTo(-1);
    assertThat(Files.mismatch(a.features(), c.features())).isNotEqualTo(-1);
  }

  @Test
  void theShiftedPopulationMovesX0AndWidensX3() {
    DataPipeline.Output out =
        DataPipeline.run(dir, 3, List.of(new DataPipeline.Batch(Population.shifted(), 4000)));
    double[] mean = new double[Population.FEATURES];
    double[] sq = new double[Population.FEATURES];
    for (DataPipeline.Row r : out.rows()) {
      for (int i = 0; i < Population.FEATURES; i++) {
        mean[i] += r.x()[i] / out.rows().size();
        sq[i] += r.x()[i] * r.x()[i] / out.rows().size();
      }
    }
    assertThat(mean[0]).isBetween(1.4, 1.6);
    assertThat(Math.sqrt(sq[3] - mean[3] * mean[3])).isBetween(1.7, 1.9);
    assertThat(mean[1]).isBetween(-0.1, 0.1);
  }

  private static List<String> text(List<DataPipeline.Row> rows) {
    return rows.stream().map(r -> java.util.Arrays.toString(r.x()) + " " + r.y()).toList();
  }

  /** The row's features as numbers followed by " y". */
  private static String parse(String line) {
    String[] cells = line.split(",");
    double[] x = new double[Population.FEATURES];
    for (int i = 0; i < x.length; i++) {
      x[i] = Double.parseDouble(cells[i]);
    }
    return java.util.Arrays.toString(x) + " " + Double.parseDouble(cells[Population.FEATURES]);
  }
}
