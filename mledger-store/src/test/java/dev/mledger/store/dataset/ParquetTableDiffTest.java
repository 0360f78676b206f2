package dev.mledger.store.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.dataset.ColumnProfile;
import dev.mledger.core.dataset.TabularProfile;
import dev.mledger.core.error.MledgerException;
import dev.mledger.store.tabular.ParquetFiles;
import dev.mledger.store.tabular.ReadOptions;
import dev.mledger.store.tabular.Table;
import dev.mledger.store.tabular.TableReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles and diffs of Parquet tables, written by the reference writer (parquet-hadoop). */
class ParquetTableDiffTest {
  private static final String SCHEMA =
      "message t { required int32 id; optional double v; optional binary c (STRING);"
          + " optional int32 d (DATE); }";

  @TempDir Path dir;

  /** Row {@code i}: id i, v = i / 4 (null every 7th row), c one of three words, d a date. */
  private Path parquet(String name, String schema, int rows, int shift) {
    return ParquetFiles.write(
        dir.resolve(name),
        schema,
        rows,
        ParquetFiles.Settings.defaults(),
        (i, g) -> {
          g.add("id", i + shift);
          if ((i + shift) % 7 != 0) {
            g.add("v", (i + shift) / 4.0);
          }
          g.add("c", new String[] {"red", "green", "blue"}[(i + shift) % 3]);
          if (schema.contains(" d ")) {
            g.add("d", 19_000 + (i + shift));
          }
        });
  }

  private Path csvTwin(String name, int rows, int shift) throws IOException {
    StringBuilder sb = new StringBuilder("id,v,c\n");
    for (int i = 0; i < rows; i++) {
      int id = i + shift;
      sb.append(id).append(',');
      if (id % 7 != 0) {
        sb.append(id / 4.0);
      }
      sb.append(',').append(new String[] {"red", "green", "blue"}[id % 3]).append('\n');
    }
    return Files.writeString(dir.resolve(name), sb.toString());
  }

  private static Table read(Path file) {
    return TableReader.read(file, ReadOptions.defaults());
  }

  @Test
  void profilesParquetWithDeclaredTypesRowCountAndColumnStatistics() {
    Path file = parquet("a.parquet", SCHEMA, 100, 0);
    assertThat(TabularProfiler.isTable("a.parquet")).isTrue();

    TabularProfile profile = TabularProfiler.profile(file);

    assertThat(profile.format()).isEqualTo("parquet");
    assertThat(profile.rows()).isEqualTo(100);
    assertThat(profile.schema())
        .containsExactly(
            java.util.Map.entry("id", "numeric"),
            java.util.Map.entry("v", "numeric"),
            java.util.Map.entry("c", "categorical"),
            java.util.Map.entry("d", "numeric"));
    assertThat(profile.sourceSchema())
        .containsExactly(
            java.util.Map.entry("id", "INT32"),
            java.util.Map.entry("v", "DOUBLE"),
            java.util.Map.entry("c", "BYTE_ARRAY (STRING)"),
            java.util.Map.entry("d", "INT32 (DATE)"));
    ColumnProfile v = profile.column("v").orElseThrow();
    assertThat(v.missing()).isEqualTo(15); // ids 0, 7, ..., 98
    assertThat(v.count()).isEqualTo(85);
    assertThat(v.min()).isEqualTo(0.25);
    assertThat(v.max()).isEqualTo(99 / 4.0);
    ColumnProfile c = profile.column("c").orElseThrow();
    assertThat(c.topValues()).containsEntry("red", 34L).containsEntry("green", 33L);

    TabularProfile back = TabularProfile.fromJson(profile.toJson());
    assertThat(back).isEqualTo(profile);
  }

  @Test
  void csvProfilesKeepTheirFormerJsonShape() throws IOException {
    TabularProfile profile = TabularProfiler.profile(csvTwin("a.csv", 10, 0));
    assertThat(profile.format()).isEqualTo("csv");
    assertThat(profile.sourceSchema()).isEmpty();
    assertThat(profile.toJson()).doesNotContain("source_type");
  }

  @Test
  void keyedDiffOnParquetFindsAddedRemovedAndChangedRows() {
    Table a = read(parquet("a.parquet", SCHEMA, 1_000, 0));
    Table b = read(parquet("b.parquet", SCHEMA, 1_000, 100));

    TableDiff diff = TableDiff.of(a, b, List.of("id"));

    // ids 100..999 are in both; each row's values depend only on its id, so none changed.
    assertThat(diff.rows()).isEqualTo(new TableDiff.RowChanges(List.of("id"), 100, 100, 0, 900));
    assertThat(diff.schema()).isEmpty();
    assertThat(diff.shifts())
        .extracting(TableDiff.ColumnShift::column)
        .containsExactly("id", "v", "c", "d");
  }

  @Test
  void keyedDiffCountsChangedValuesAndRefusesDuplicateKeys() {
    String schema = "message t { required int64 id; optional binary c (STRING); }";
    Path a =
        ParquetFiles.write(
            dir.resolve("a.parquet"),
            schema,
            50,
            ParquetFiles.Settings.defaults(),
            (i, g) -> {
              g.add("id", (long) i);
              g.add("c", "x" + i);
            });
    Path b =
        ParquetFiles.write(
            dir.resolve("b.parquet"),
            schema,
            50,
            ParquetFiles.Settings.defaults(),
            (i, g) -> {
              g.add("id", (long) (49 - i));
              if (i % 10 != 0) {
                g.add("c", i % 5 == 0 ? "changed" : "x" + (49 - i));
              }
            });
    TableDiff diff = TableDiff.of(read(a), read(b), List.of("id"));
    // rows 0, 10, ... lost their value (5 rows), rows 5, 15, ... got a new one (5 rows).
    assertThat(diff.rows()).isEqualTo(new TableDiff.RowChanges(List.of("id"), 0, 0, 10, 40));

    Path dup =
        ParquetFiles.write(
            dir.resolve("dup.parquet"),
            schema,
            5,
            ParquetFiles.Settings.defaults(),
            (i, g) -> g.add("id", (long) (i % 3)));
    assertThatThrownBy(() -> TableDiff.of(read(a), read(dup), List.of("id")))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("key id is not unique in the new version (value 0.0 repeats)");
  }

  @Test
  void theSameDataAsCsvAndAsParquetHasNoRowChanges() throws IOException {
    String schema =
        "message t { required int32 id; optional double v; optional binary c (STRING); }";
    Table csv = read(csvTwin("a.csv", 500, 0));
    Table parquet = read(parquet("a.parquet", schema, 500, 0));

    TableDiff keyed = TableDiff.of(csv, parquet, List.of("id"));
    TableDiff multiset = TableDiff.of(parquet, csv, List.of());

    assertThat(keyed.schema()).isEmpty();
    assertThat(keyed.rows()).isEqualTo(new TableDiff.RowChanges(List.of("id"), 0, 0, 0, 500));
    assertThat(multiset.rows()).isEqualTo(new TableDiff.RowChanges(List.of(), 0, 0, 0, 500));
    assertThat(keyed.shifts()).noneMatch(TableDiff.ColumnShift::drifted);
  }

  @Test
  void aChangedDeclaredTypeIsASchemaChangeWhileRowsStillCompareByValue() {
    Path a =
        ParquetFiles.write(
            dir.resolve("a.parquet"),
            "message t { required int32 id; }",
            20,
            ParquetFiles.Settings.defaults(),
            (i, g) -> g.add("id", i));
    Path b =
        ParquetFiles.write(
            dir.resolve("b.parquet"),
            "message t { required int64 id; }",
            20,
            ParquetFiles.Settings.defaults(),
            (i, g) -> g.add("id", (long) i));
    TableDiff diff = TableDiff.of(read(a), read(b), List.of("id"));
    assertThat(diff.schema())
        .containsExactly(new TableDiff.SchemaChange("id", "type_changed", "INT32", "INT64"));
    assertThat(diff.rows().unchanged()).isEqualTo(20);
  }

  @Test
  void largeShuffledTablesMatchEveryRow() {
    int rows = 50_000;
    String schema = "message t { required int64 id; required double v; }";
    int[] permutation = new int[rows];
    for (int i = 0; i < rows; i++) {
      permutation[i] = i;
    }
    Random random = new Random(5);
    for (int i = rows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = permutation[i];
      permutation[i] = permutation[j];
      permutation[j] = t;
    }
    Path a =
        ParquetFiles.write(
            dir.resolve("a.parquet"),
            schema,
            rows,
            ParquetFiles.Settings.defaults(),
            (i, g) -> {
              g.add("id", (long) i);
              g.add("v", i * 0.5);
            });
    Path b =
        ParquetFiles.write(
            dir.resolve("b.parquet"),
            schema,
            rows,
            ParquetFiles.Settings.defaults(),
            (i, g) -> {
              int id = permutation[i];
              g.add("id", (long) id);
              g.add("v", id % 1000 == 0 ? -1.0 : id * 0.5);
            });
    TableDiff diff = TableDiff.of(read(a), read(b), List.of("id"));
    assertThat(diff.rows())
        .isEqualTo(new TableDiff.RowChanges(List.of("id"), 0, 0, rows / 1000, rows - rows / 1000));
  }
}
