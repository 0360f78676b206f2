package dev.mledger.store.tabular;

import dev.mledger.store.tabular.ParquetFiles.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes the CSV/Parquet twin fixtures checked in under {@code
 * mledger-cli/src/test/resources/drift/} (the CLI module has no Parquet writer): the same seeded
 * rows as {@code ref.csv}/{@code ref.parquet} and a shifted sample as {@code cur.csv}/{@code
 * cur.parquet}. Regenerate with {@code java -cp <store test classpath>
 * dev.mledger.store.tabular.DriftFixtures DIR}.
 */
public final class DriftFixtures {
  private static final String SCHEMA =
      "message drift { required int64 age; optional double income; optional binary segment"
          + " (STRING); required double score; }";
  private static final String[] SEGMENTS = {"retail", "smb", "enterprise", "public"};

  private DriftFixtures() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    write(
        dir,
        "ref",
        1_000,
        0.0,
        new Random(20_261_123L),
        Settings.defaults().codec(CompressionCodecName.ZSTD));
    write(
        dir,
        "cur",
        800,
        0.4,
        new Random(7L),
        Settings.defaults()
            .codec(CompressionCodecName.SNAPPY)
            .version(WriterVersion.PARQUET_2_0)
            .small(8 << 10, 1 << 10));
  }

  private static void write(
      Path dir, String name, int rows, double shift, Random random, Settings settings)
      throws IOException {
    long[] age = new long[rows];
    Double[] income = new Double[rows];
    String[] segment = new String[rows];
    double[] score = new double[rows];
    StringBuilder csv = new StringBuilder("age,income,segment,score\n");
    for (int i = 0; i < rows; i++) {
      age[i] = 18 + random.nextInt(50) + Math.round(shift * 10);
      income[i] =
          random.nextInt(25) == 0 ? null : Math.exp(10 + random.nextGaussian() * 0.5 + shift);
      double u = random.nextDouble() + shift * 0.3;
      segment[i] =
          random.nextInt(30) == 0 ? null : SEGMENTS[Math.min(SEGMENTS.length - 1, (int) (u * 4))];
      score[i] = random.nextGaussian() + shift;
      csv.append(age[i])
          .append(',')
          .append(income[i] == null ? "" : Double.toString(income[i]))
          .append(',')
          .append(segment[i] == null ? "" : segment[i])
          .append(',')
          .append(score[i])
          .append('\n');
    }
    Files.writeString(dir.resolve(name + ".csv"), csv, StandardCharsets.UTF_8);
    Path parquet = dir.resolve(name + ".parquet");
    Files.deleteIfExists(parquet);
    ParquetFiles.write(
        parquet,
        SCHEMA,
        rows,
        settings,
        (i, g) -> {
          g.add("age", age[i]);
          if (income[i] != null) {
            g.add("income", income[i]);
          }
          if (segment[i] != null) {
            g.add("segment", segment[i]);
          }
          g.add("score", score[i]);
        });
  }
}
