package dev.mledger.cli.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The demo's three-stage data pipeline, written as CSV files: {@code raw.csv} as a sensor export
 * would deliver it (missing values, duplicated rows, glitched targets), {@code clean.csv} with
 * those rows removed, and {@code features.csv} with just the model's columns ({@code x0..x9},
 * {@code y}).
 */
final class DataPipeline {
  static final String RAW = "raw.csv";
  static final String CLEAN = "clean.csv";
  static final String FEATURES = "features.csv";

  /** A glitched sensor reports this target value. */
  private static final double GLITCH = 9999.0;

  private DataPipeline() {}

  /** One batch of raw rows to draw: {@code rows} rows from {@code population}. */
  record Batch(Population population, int rows) {}

  /** What one pipeline run produced. */
  record Output(Path raw, Path clean, Path features, int rawRows, int cleanRows, List<Row> rows) {}

  /** A clean row: its features and target. */
  record Row(double[] x, double y) {}

  /**
   * Draws the batches (in order) with {@code seed}, and writes the three files into {@code dir},
   * replacing earlier versions of them: the files are the working copy, their snapshots are the
   * dataset versions.
   */
  static Output run(Path dir, long seed, List<Batch> batches) {
    Random random = new Random(seed);
    List<String[]> raw = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    int id = 0;
    for (Batch batch : batches) {
      for (int i = 0; i < batch.rows(); i++) {
        double[] x = batch.population().features(random);
        double y = batch.population().target(x, random);
        rows.add(new Row(x, y));
        raw.add(rawRecord(++id, x, y, random));
        if (random.nextDouble() < 0.01) {
          raw.add(raw.get(raw.size() - 1).clone()); // an export retried: the same row twice
        }
      }
    }
    List<Row> clean = new ArrayList<>();
    List<String[]> cleanRecords = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int rowIndex = 0;
    for (String[] record : raw) {
      if (!seen.add(record[0])) {
        continue;
      }
      Row row = rows.get(rowIndex++);
      if (isClean(record)) {
        clean.add(row);
        cleanRecords.add(record);
      }
    }
    String[] featureNames = Population.featureNames();
    try {
      Files.createDirectories(dir);
      Path rawFile = dir.resolve(RAW);
      Path cleanFile = dir.resolve(CLEAN);
      Path featuresFile = dir.resolve(FEATURES);
      String rawHeader = "id," + String.join(",", featureNames) + ",y,sensor";
      write(rawFile, rawHeader, raw);
      write(cleanFile, rawHeader, cleanRecords);
      List<String[]> featureRecords = new ArrayList<>();
      for (Row row : clean) {
        String[] r = new String[Population.FEATURES + 1];
        for (int i = 0; i < Population.FEATURES; i++) {
          r[i] = number(row.x()[i]);
        }
        r[Population.FEATURES] = number(row.y());
        featureRecords.add(r);
      }
      write(featuresFile, String.join(",", featureNames) + ",y", featureRecords);
      return new Output(
          rawFile, cleanFile, featuresFile, raw.size(), clean.size(), readFeatures(featuresFile));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo data in " + dir, e);
    }
  }

  /** Reads a features file back: what training sees is exactly what the snapshot holds. */
  static List<Row> readFeatures(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      List<Row> rows = new ArrayList<>(lines.size());
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = line.split(",");
        double[] x = new double[Population.FEATURES];
        for (int i = 0; i < Population.FEATURES; i++) {
          x[i] = Double.parseDouble(cells[i]);
        }
        rows.add(new Row(x, Double.parseDouble(cells[Population.FEATURES])));
      }
      return List.copyOf(rows);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String[] rawRecord(int id, double[] x, double y, Random random) {
    String[] r = new String[Population.FEATURES + 3];
    r[0] = Integer.toString(id);
    int missing = random.nextDouble() < 0.03 ? random.nextInt(Population.FEATURES) : -1;
    for (int i = 0; i < Population.FEATURES; i++) {
      r[i + 1] = i == missing ? "" : number(x[i]);
    }
    boolean glitch = random.nextDouble() < 0.005;
    r[Population.FEATURES + 1] = number(glitch ? GLITCH : y);
    r[Population.FEATURES + 2] = "s" + (1 + random.nextInt(4));
    return r;
  }

  private static boolean isClean(String[] record) {
    for (int i = 1; i <= Population.FEATURES + 1; i++) {
      if (record[i].isEmpty()) {
        return false;
      }
    }
    return Double.parseDouble(record[Population.FEATURES + 1]) != GLITCH;
  }

  private static void write(Path file, String header, List<String[]> records) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write(header);
      w.write('\n');
      for (String[] r : records) {
        w.write(String.join(",", r));
        w.write('\n');
      }
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  static String number(double v) {
    return String.format(Locale.ROOT, "%.5f", v);
  }
}
