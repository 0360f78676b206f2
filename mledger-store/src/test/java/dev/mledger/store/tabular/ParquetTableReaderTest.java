package dev.mledger.store.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.store.tabular.ParquetFiles.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParquetTableReaderTest {
  private static final String MIXED =
      """
      message m {
        required int32 i32;
        optional int64 i64;
        optional float f;
        optional double d;
        optional boolean b;
        optional binary s (STRING);
        optional int32 day (DATE);
        optional int64 ts_ms (TIMESTAMP(MILLIS,true));
        optional int64 ts_us (TIMESTAMP(MICROS,false));
        optional int64 price (DECIMAL(12,2));
        optional binary big (DECIMAL(30,3));
        optional int32 small (INTEGER(8,false));
      }
      """;
  private static final String[] COLORS = {"red", "green", "blue", "naïve ☃"};

  @TempDir Path dir;

  private static void fillMixed(int i, Group g) {
    g.add("i32", i - 3);
    if (i % 5 != 4) {
      g.add("i64", 10_000_000_000L * i);
      g.add("f", i * 0.5f);
      g.add("d", i / 3.0);
      g.add("b", i % 2 == 0);
      g.add("s", COLORS[i % COLORS.length]);
      g.add("day", 19_000 + i);
      g.add("ts_ms", 1_700_000_000_123L + i);
      g.add("ts_us", 1_700_000_000_123_456L + i);
      g.add("price", 12_345L + i);
      g.add(
          "big", Binary.fromConstantByteArray(java.math.BigInteger.valueOf(-5 - i).toByteArray()));
      g.add("small", 250 + i % 6);
    }
  }

  private Path mixed(String name, Settings settings, int rows) {
    return ParquetFiles.write(
        dir.resolve(name), MIXED, rows, settings, ParquetTableReaderTest::fillMixed);
  }

  private static NumericColumn numeric(Table t, String name) {
    return (NumericColumn) t.column(name);
  }

  @Test
  void readsEveryFlatTypeWithNulls() {
    Path file = mixed("mixed.parquet", Settings.defaults(), 10);
    Table t = TableReader.read(file, ReadOptions.defaults());

    assertThat(t.rows()).isEqualTo(10);
    assertThat(t.names())
        .containsExactly(
            "i32", "i64", "f", "d", "b", "s", "day", "ts_ms", "ts_us", "price", "big", "small");
    assertThat(numeric(t, "i32").values()).containsExactly(-3, -2, -1, 0, 1, 2, 3, 4, 5, 6);
    NumericColumn i64 = numeric(t, "i64");
    assertThat(i64.missing()).isEqualTo(2);
    assertThat(i64.values()[3]).isEqualTo(30_000_000_000.0);
    assertThat(i64.values()[4]).isNaN();
    assertThat(numeric(t, "f").values()[3]).isEqualTo(1.5);
    assertThat(numeric(t, "d").values()[2]).isEqualTo(2 / 3.0);
    assertThat(numeric(t, "b").values()).startsWith(1, 0, 1, 0);
    CategoricalColumn s = (CategoricalColumn) t.column("s");
    assertThat(s.dictionary()).containsExactly("red", "green", "blue", "naïve ☃");
    assertThat(s.value(3)).isEqualTo("naïve ☃");
    assertThat(s.value(4)).isNull();
    assertThat(s.missing()).isEqualTo(2);
    // DATE: days since the epoch; TIMESTAMP: seconds since the epoch whatever the unit.
    assertThat(numeric(t, "day").values()[1]).isEqualTo(19_001);
    assertThat(numeric(t, "ts_ms").values()[0]).isEqualTo(1_700_000_000.123);
    assertThat(numeric(t, "ts_us").values()[0]).isEqualTo(1_700_000_000.123456);
    assertThat(numeric(t, "price").values()[1]).isEqualTo(123.46);
    assertThat(numeric(t, "big").values()[0]).isEqualTo(-0.005);
    assertThat(numeric(t, "small").values()).startsWith(250, 251, 252, 253);
  }

  @ParameterizedTest
  @EnumSource(
      value = CompressionCodecName.class,
      names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
  void everyCodecWithBothPageVersionsReadsTheSameTable(CompressionCodecName codec) {
    Settings base = Settings.defaults().codec(codec).small(16 << 10, 2 << 10);
    Table expected = null;
    for (WriterVersion version : WriterVersion.values()) {
      for (boolean dictionary : new boolean[] {true, false}) {
        Path file =
            mixed(
                codec + "-" + version + "-" + dictionary + ".parquet",
                base.version(version).dictionary(dictionary),
                3_000);
        Table t = TableReader.read(file, ReadOptions.defaults());
        assertThat(t.rows()).isEqualTo(3_000);
        if (expected == null) {
          expected = t;
        } else {
          assertThat(t.columns()).isEqualTo(expected.columns());
        }
      }
    }
    Table plain =
        TableReader.read(
            mixed("plain.parquet", Settings.defaults(), 3_000), ReadOptions.defaults());
    assertThat(expected.columns()).isEqualTo(plain.columns());
  }

  @Test
  void streamsManyRowGroupsAndDictionaryPages() {
    Random random = new Random(7);
    double[] xs = new double[60_000];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = random.nextGaussian();
    }
    Path file =
        ParquetFiles.write(
            dir.resolve("groups.parquet"),
            "message m { optional double x; optional binary city (UTF8); }",
            xs.length,
            Settings.defaults().small(64 << 10, 8 << 10),
            (i, g) -> {
              g.add("x", xs[i]);
              if (i % 97 != 0) {
                g.add("city", "city-" + (i * 31 % 40));
              }
            });
    assertThat(ParquetFiles.rowGroups(file)).isGreaterThan(5);
    assertThat(ParquetFiles.encodings(file, 1)).contains("PLAIN_DICTIONARY");

    Table t = TableReader.read(file, ReadOptions.defaults());
    assertThat(numeric(t, "x").values()).containsExactly(xs);
    CategoricalColumn city = (CategoricalColumn) t.column("city");
    assertThat(city.dictionary()).hasSize(40);
    assertThat(city.missing()).isEqualTo((xs.length + 96) / 97);
    assertThat(city.value(1)).isEqualTo("city-31");
  }

  @Test
  void keepsOnlySelectedColumnsInTheRequestedOrder() {
    Path file = mixed("sel.parquet", Settings.defaults(), 20);
    Table t = TableReader.read(file, ReadOptions.defaults().withColumns(List.of("s", "i32")));
    assertThat(t.names()).containsExactly("s", "i32");
    assertThat(t.rows()).isEqualTo(20);

    assertThatThrownBy(
            () -> TableReader.read(file, ReadOptions.defaults().withColumns(List.of("nope"))))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("column 'nope' not found in " + file)
        .hasMessageContaining("i32, i64")
        .satisfies(
            e ->
                assertThat(((MledgerException) e).code())
                    .isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
  }

  @Test
  void forcedTypesConvertValues() {
    Path file =
        ParquetFiles.write(
            dir.resolve("forced.parquet"),
            "message m { required int32 code; optional binary amount (STRING);"
                + " optional int32 day (DATE); }",
            4,
            Settings.defaults(),
            (i, g) -> {
              g.add("code", 100 + i % 2);
              g.add("amount", i == 3 ? "n/a-ish" : (i + 0.25) + "");
              g.add("day", 19_723 + i);
            });
    Table t =
        TableReader.read(
            file,
            ReadOptions.defaults()
                .withTypes(
                    Map.of(
                        "code", ColumnType.CATEGORICAL,
                        "amount", ColumnType.NUMERIC,
                        "day", ColumnType.CATEGORICAL)));
    assertThat(((CategoricalColumn) t.column("code")).dictionary()).containsExactly("100", "101");
    NumericColumn amount = numeric(t, "amount");
    assertThat(amount.values()).startsWith(0.25, 1.25, 2.25);
    assertThat(amount.invalid()).isEqualTo(1);
    assertThat(amount.invalidExamples()).containsExactly("n/a-ish");
    assertThat(((CategoricalColumn) t.column("day")).value(0))
        .isEqualTo(LocalDate.of(2024, 1, 1).toString());
  }

  @Test
  void nanIsMissingAndInfinityIsInvalid() {
    double[] values = {1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 2};
    Path file =
        ParquetFiles.write(
            dir.resolve("nan.parquet"),
            "message m { required double v; }",
            values.length,
            Settings.defaults(),
            (i, g) -> g.add("v", values[i]));
    NumericColumn v = numeric(TableReader.read(file, ReadOptions.defaults()), "v");
    assertThat(v.missing()).isEqualTo(1);
    assertThat(v.invalid()).isEqualTo(2);
    assertThat(v.invalidExamples()).containsExactly("Infinity", "-Infinity");
    assertThat(v.finiteValues()).containsExactly(1, 2);
  }

  @Test
  void sameDataAsCsvReadsToEqualColumns() throws IOException {
    Random random = new Random(11);
    int n = 2_000;
    StringBuilder csv = new StringBuilder("x,k,grade\n");
    double[] xs = new double[n];
    long[] ks = new long[n];
    String[] grades = new String[n];
    for (int i = 0; i < n; i++) {
      xs[i] = random.nextGaussian() * 3 + 1;
      ks[i] = random.nextInt(1_000);
      grades[i] = i % 13 == 0 ? null : String.valueOf((char) ('A' + random.nextInt(4)));
      csv.append(xs[i]).append(',').append(ks[i]).append(',');
      csv.append(grades[i] == null ? "" : grades[i]).append('\n');
    }
    Path csvFile = dir.resolve("same.csv");
    Files.writeString(csvFile, csv, StandardCharsets.UTF_8);
    Path parquet =
        ParquetFiles.write(
            dir.resolve("same.parquet"),
            "message m { required double x; required int64 k; optional binary grade (STRING); }",
            n,
            Settings.defaults().codec(CompressionCodecName.ZSTD),
            (i, g) -> {
              g.add("x", xs[i]);
              g.add("k", ks[i]);
              if (grades[i] != null) {
                g.add("grade", grades[i]);
              }
            });
    Table fromCsv = TableReader.read(csvFile, ReadOptions.defaults());
    Table fromParquet = TableReader.read(parquet, ReadOptions.defaults());
    assertThat(fromParquet.columns()).isEqualTo(fromCsv.columns());
  }

  @Test
  void recognisesParquetByMagicWhateverTheExtension() throws IOException {
    Path file = mixed("data.bin", Settings.defaults(), 5);
    assertThat(TableReader.read(file, ReadOptions.defaults()).rows()).isEqualTo(5);
    assertThat(TableReader.isTableFileName("Data.PARQUET")).isTrue();
    assertThat(TableReader.isTableFileName("data.json")).isFalse();
  }

  @Test
  void nestedAndRepeatedColumnsAreRefusedByName() {
    Path file =
        ParquetFiles.write(
            dir.resolve("nested.parquet"),
            """
            message m {
              required int32 id;
              optional group tags (LIST) { repeated group list { optional binary element (STRING); } }
              repeated int32 scores;
              optional double after;
            }
            """,
            3,
            Settings.defaults(),
            (i, g) -> {
              g.add("id", i);
              g.addGroup("tags").addGroup("list").add("element", "t" + i);
              g.add("scores", i);
              g.add("scores", i + 1);
              g.add("after", i * 1.5);
            });
    assertThatThrownBy(() -> TableReader.read(file, ReadOptions.defaults()))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("column 'tags' is a nested Parquet field (group (LIST))");
    assertThatThrownBy(
            () -> TableReader.read(file, ReadOptions.defaults().withColumns(List.of("scores"))))
        .hasMessageContaining("column 'scores' is a nested Parquet field (repeated INT32)");
    // Flat columns after a nested one are located past its leaves.
    Table t = TableReader.read(file, ReadOptions.defaults().withColumns(List.of("after", "id")));
    assertThat(numeric(t, "after").values()).containsExactly(0, 1.5, 3);
    assertThat(numeric(t, "id").values()).containsExactly(0, 1, 2);
  }

  @Test
  void corruptAndNonParquetFilesGiveOneLineErrors() throws IOException {
    Path tiny = dir.resolve("tiny.parquet");
    Files.writeString(tiny, "PAR1\n");
    assertOneLineError(tiny, "is not a Parquet file (only 5 bytes)");

    Path csvNamedParquet = dir.resolve("csv.parquet");
    Files.writeString(csvNamedParquet, "a,b\n1,2\n3,4\n5,6\n");
    assertOneLineError(csvNamedParquet, "is not a Parquet file (no PAR1 magic");

    Path good = mixed("good.parquet", Settings.defaults(), 500);
    byte[] bytes = Files.readAllBytes(good);

    Path truncated = dir.resolve("truncated.parquet");
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 100));
    assertOneLineError(truncated, "is not a Parquet file");

    Path badFooter = dir.resolve("footer.parquet");
    byte[] footer = bytes.clone();
    int footerLength =
        (footer[footer.length - 8] & 0xFF)
            | (footer[footer.length - 7] & 0xFF) << 8
            | (footer[footer.length - 6] & 0xFF) << 16
            | (footer[footer.length - 5] & 0xFF) << 24;
    Arrays.fill(footer, footer.length - 8 - footerLength, footer.length - 8, (byte) 0x7F);
    Files.write(badFooter, footer);
    assertOneLineError(badFooter, "is not a valid Parquet file");

    // Garbage over the pages: the decoder or decompressor fails, never with a stack trace.
    Path badPages = dir.resolve("pages.parquet");
    byte[] pages = bytes.clone();
    Random random = new Random(3);
    for (int i = 4; i < Math.min(4_000, bytes.length - 8 - footerLength); i++) {
      pages[i] = (byte) random.nextInt();
    }
    Files.write(badPages, pages);
    assertOneLineError(badPages, "is not a valid Parquet file");

    assertThatThrownBy(
            () -> TableReader.read(dir.resolve("absent.parquet"), ReadOptions.defaults()))
        .hasMessage("file not found: " + dir.resolve("absent.parquet"));
  }

  private static void assertOneLineError(Path file, String expected) {
    assertThatThrownBy(() -> TableReader.read(file, ReadOptions.defaults()))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
        .satisfies(
            e ->
                assertThat(((MledgerException) e).code())
                    .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
  }

  @Test
  void legacyInt96TimesUuidsAndRawBytes() {
    Instant at = Instant.parse("2024-03-01T12:00:00.5Z");
    long julianDay = at.getEpochSecond() / 86_400 + 2_440_588L;
    long nanosOfDay = (at.getEpochSecond() % 86_400) * 1_000_000_000L + 500_000_000L;
    java.util.UUID id = java.util.UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    java.nio.ByteBuffer uuid =
        java.nio.ByteBuffer.allocate(16)
            .putLong(id.getMostSignificantBits())
            .putLong(id.getLeastSignificantBits());
    Path file =
        ParquetFiles.write(
            dir.resolve("legacy.parquet"),
            "message m { required int96 t; required fixed_len_byte_array(16) id (UUID);"
                + " required binary raw; required binary text; optional int32 tod (TIME(MILLIS,true));"
                + " optional int64 odd (TIMESTAMP_MICROS); }",
            1,
            Settings.defaults(),
            (i, g) -> {
              g.add(
                  "t",
                  new org.apache.parquet.example.data.simple.NanoTime((int) julianDay, nanosOfDay));
              g.add("id", Binary.fromConstantByteArray(uuid.array()));
              g.add("raw", Binary.fromConstantByteArray(new byte[] {(byte) 0xFF, 0x01}));
              g.add("text", Binary.fromString("plain"));
              g.add("tod", 3_723_500);
              g.add("odd", -1L);
            });
    Table t = TableReader.read(file, ReadOptions.defaults());
    assertThat(numeric(t, "t").values()).containsExactly(at.getEpochSecond() + 0.5);
    assertThat(((CategoricalColumn) t.column("id")).value(0)).isEqualTo(id.toString());
    assertThat(((CategoricalColumn) t.column("raw")).value(0)).isEqualTo("0xff01");
    assertThat(((CategoricalColumn) t.column("text")).value(0)).isEqualTo("plain");
    assertThat(numeric(t, "tod").values()).containsExactly(3_723.5);
    // Before the epoch: a microsecond earlier, not a second earlier plus a fraction.
    assertThat(numeric(t, "odd").values()).containsExactly(-0.000001);
  }

  @Test
  void timestampsOfEveryUnitAgree() {
    Instant at = Instant.parse("2024-03-01T12:00:00.25Z");
    Path file =
        ParquetFiles.write(
            dir.resolve("ts.parquet"),
            "message m { required int64 ms (TIMESTAMP(MILLIS,true));"
                + " required int64 us (TIMESTAMP(MICROS,true));"
                + " required int64 ns (TIMESTAMP(NANOS,true)); }",
            1,
            Settings.defaults(),
            (i, g) -> {
              g.add("ms", at.toEpochMilli());
              g.add("us", at.toEpochMilli() * 1_000);
              g.add("ns", at.toEpochMilli() * 1_000_000);
            });
    Table t = TableReader.read(file, ReadOptions.defaults());
    double expected = at.getEpochSecond() + 0.25;
    assertThat(numeric(t, "ms").values()).containsExactly(expected);
    assertThat(numeric(t, "us").values()).containsExactly(expected);
    assertThat(numeric(t, "ns").values()).containsExactly(expected);
  }
}
