package dev.mledger.store.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.dataset.TabularProfile;
import dev.mledger.core.error.MledgerException;
import dev.mledger.store.tabular.ReadOptions;
import dev.mledger.store.tabular.Table;
import dev.mledger.store.tabular.TableReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableDiffTest {
  @TempDir Path dir;

  private Table table(String name, String csv) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, csv);
    return TableReader.read(file, ReadOptions.defaults());
  }

  @Test
  void keyedDiffFindsAddedRemovedAndChangedRows() throws IOException {
    Table a = table("a.csv", "id,v,c\n1,10,x\n2,20,y\n3,30,z\n");
    Table b = table("b.csv", "id,v,n\n1,10,7\n2,21,8\n4,40,9\n5,50,9\n");
    TableDiff diff = TableDiff.of(a, b, List.of("id"));
    assertThat(diff.rowsFrom()).isEqualTo(3);
    assertThat(diff.rowsTo()).isEqualTo(4);
    assertThat(diff.schema())
        .containsExactly(
            new TableDiff.SchemaChange("c", "removed", "categorical", null),
            new TableDiff.SchemaChange("n", "added", null, "numeric"));
    assertThat(diff.rows()).isEqualTo(new TableDiff.RowChanges(List.of("id"), 2, 1, 1, 1));
    assertThat(diff.shifts()).extracting(TableDiff.ColumnShift::column).containsExactly("id", "v");
  }

  @Test
  void unkeyedDiffComparesRowsAsAMultiset() throws IOException {
    Table a = table("a.csv", "x,y\n1,a\n1,a\n2,b\n");
    Table b = table("b.csv", "x,y\n1,a\n2,b\n2.0,b\n3,c\n");
    TableDiff diff = TableDiff.of(a, b, List.of());
    assertThat(diff.rows()).isEqualTo(new TableDiff.RowChanges(List.of(), 2, 1, 0, 2));
    assertThat(diff.schema()).isEmpty();
  }

  @Test
  void reportsTypeChangesAndDriftOnShiftedColumns() throws IOException {
    StringBuilder a = new StringBuilder("v,t\n");
    StringBuilder b = new StringBuilder("v,t\n");
    for (int i = 0; i < 500; i++) {
      a.append(i % 50).append(',').append(i).append('\n');
      b.append(i % 50 + 40).append(',').append(i % 3 == 0 ? "x" : "" + i).append('\n');
    }
    TableDiff diff =
        TableDiff.of(table("a.csv", a.toString()), table("b.csv", b.toString()), List.of());
    assertThat(diff.schema())
        .containsExactly(new TableDiff.SchemaChange("t", "type_changed", "numeric", "categorical"));
    assertThat(diff.shifts()).singleElement().satisfies(s -> assertThat(s.drifted()).isTrue());
  }

  @Test
  void refusesDuplicateOrUnknownKeys() throws IOException {
    Table a = table("a.csv", "id,v\n1,1\n1,2\n");
    Table b = table("b.csv", "id,v\n1,1\n");
    assertThatThrownBy(() -> TableDiff.of(a, b, List.of("id")))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("not unique");
    assertThatThrownBy(() -> TableDiff.of(a, b, List.of("nope")))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("not in both");
  }

  @Test
  void profilesCountsMissingValuesAndTopCategories() throws IOException {
    Path file = dir.resolve("p.csv");
    Files.writeString(file, "x,c\n1,a\n2,a\n,b\n4,\n");
    TabularProfile p = TabularProfiler.profile(file);
    assertThat(p.rows()).isEqualTo(4);
    var x = p.column("x").orElseThrow();
    assertThat(x.missing()).isEqualTo(1);
    assertThat(x.mean()).isCloseTo(7.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(x.median()).isEqualTo(2.0);
    assertThat(x.stddev())
        .isCloseTo(1.5275252316519468, org.assertj.core.data.Offset.offset(1e-12));
    var c = p.column("c").orElseThrow();
    assertThat(c.topValues()).containsEntry("a", 2L).containsEntry("b", 1L);
    assertThat(c.missing()).isEqualTo(1);
  }
}
