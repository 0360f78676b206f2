package dev.mledger.store.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableReaderTest {
  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private Table read(String content) throws IOException {
    return TableReader.read(file("t.csv", content), ReadOptions.defaults());
  }

  @Test
  void infersNumericAndCategoricalColumns() throws IOException {
    Table t = read("a,b,c\n1,x,2.5e3\n-2.5,y,\n.5,x,7\n");
    assertThat(t.rows()).isEqualTo(3);
    NumericColumn a = (NumericColumn) t.column("a");
    assertThat(a.values()).containsExactly(1, -2.5, 0.5);
    CategoricalColumn b = (CategoricalColumn) t.column("b");
    assertThat(b.counts()).containsOnly(Map.entry("x", 2L), Map.entry("y", 1L));
    NumericColumn c = (NumericColumn) t.column("c");
    assertThat(c.missing()).isEqualTo(1);
    assertThat(c.finiteValues()).containsExactly(2500, 7);
  }

  @Test
  void quotedFieldsCrlfBomAndBlankLines() throws IOException {
    Table t =
        read("\uFEFFname,score\r\n\"Smith, J\",1\r\n\r\n\"say \"\"hi\"\"\",2\r\n\"multi\nline\",3");
    CategoricalColumn name = (CategoricalColumn) t.column("name");
    assertThat(name.value(0)).isEqualTo("Smith, J");
    assertThat(name.value(1)).isEqualTo("say \"hi\"");
    assertThat(name.value(2)).isEqualTo("multi\nline");
    assertThat(((NumericColumn) t.column("score")).values()).containsExactly(1, 2, 3);
  }

  @Test
  void pandasMissingTokensAreMissing() throws IOException {
    Table t = read("v\n1\nNA\nnull\nNaN\n\"\"\nN/A\n2\n");
    NumericColumn v = (NumericColumn) t.column("v");
    assertThat(v.missing()).isEqualTo(5);
    assertThat(v.invalid()).isZero();
    assertThat(v.finiteValues()).containsExactly(1, 2);
  }

  @Test
  void junkInANumericColumnIsCountedWithExamples() throws IOException {
    StringBuilder csv = new StringBuilder("v\n");
    for (int i = 0; i < 50; i++) {
      csv.append(i).append('\n');
    }
    csv.append("abc\ninf\n1,5\n0x10\n1.5f\n");
    Table t =
        TableReader.read(
            file("j.csv", csv.toString().replace("1,5", "\"1,5\"")), ReadOptions.defaults());
    NumericColumn v = (NumericColumn) t.column("v");
    assertThat(v.invalid()).isEqualTo(5);
    assertThat(v.invalidExamples()).containsExactly("abc", "inf", "1,5", "0x10", "1.5f");
    assertThat(v.finiteValues()).hasSize(50);
  }

  @Test
  void mostlyTextIsCategoricalAndTypesCanBeForced() throws IOException {
    Path p = file("f.csv", "code,label\n01,a\n02,b\n03,7\n");
    Table inferred = TableReader.read(p, ReadOptions.defaults());
    assertThat(inferred.column("code").type()).isEqualTo(ColumnType.NUMERIC);
    assertThat(inferred.column("label").type()).isEqualTo(ColumnType.CATEGORICAL);
    Table forced =
        TableReader.read(
            p, ReadOptions.defaults().withTypes(Map.of("code", ColumnType.CATEGORICAL)));
    assertThat(((CategoricalColumn) forced.column("code")).dictionary())
        .containsExactly("01", "02", "03");
  }

  @Test
  void selectedColumnsComeInTheRequestedOrder() throws IOException {
    Path p = file("s.tsv", "a\tb\tc\n1\t2\t3\n");
    Table t = TableReader.read(p, ReadOptions.defaults().withColumns(List.of("c", "a")));
    assertThat(t.names()).containsExactly("c", "a");
    assertThat(((NumericColumn) t.column("c")).values()).containsExactly(3);
  }

  @Test
  void numbersMatchDoubleParseDoubleAcrossBufferBoundaries() throws IOException {
    Random random = new Random(7);
    StringBuilder csv = new StringBuilder("x,y\n");
    int rows = 60_000;
    double[] expected = new double[rows];
    for (int i = 0; i < rows; i++) {
      double v = random.nextGaussian() * Math.pow(10, random.nextInt(20) - 10);
      String text =
          i % 3 == 0 ? Double.toString(v) : String.format(java.util.Locale.ROOT, "%.6f", v);
      expected[i] = Double.parseDouble(text);
      csv.append(text).append(",r").append(i % 7).append('\n');
    }
    Table t = read(csv.toString());
    // More than one 1 MiB read buffer: records straddle refills.
    assertThat(csv.length()).isGreaterThan(1 << 20);
    assertThat(java.util.Arrays.equals(((NumericColumn) t.column("x")).values(), expected))
        .isTrue();
    assertThat(((CategoricalColumn) t.column("y")).dictionary()).hasSize(7);
  }

  @Test
  void errorsAreClearOneLiners() throws IOException {
    assertThatThrownBy(() -> TableReader.read(dir.resolve("none.csv"), ReadOptions.defaults()))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("file not found")
        .satisfies(
            e ->
                assertThat(((MledgerException) e).code())
                    .isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
    assertThatThrownBy(() -> read("a,b\n1,2\n3\n"))
        .hasMessageContaining("line 3 has 1 fields but the header has 2");
    assertThatThrownBy(() -> read("a,a\n1,2\n")).hasMessageContaining("appears twice");
    assertThatThrownBy(() -> read("")).hasMessageContaining("is empty");
    assertThatThrownBy(() -> read("a\n\"open\n")).hasMessageContaining("unterminated quoted field");
    assertThatThrownBy(
            () ->
                TableReader.read(
                    file("t.csv", "a\n1\n"), ReadOptions.defaults().withColumns(List.of("b"))))
        .hasMessageContaining("column 'b' not found");
    assertThatThrownBy(() -> TableReader.read(file("x.parquet", "PAR1"), ReadOptions.defaults()))
        .hasMessageContaining("Parquet");
  }
}
