package dev.mledger.cli.data;

import dev.mledger.cli.JsonOutput;
import dev.mledger.core.dataset.ManifestEntry;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.store.dataset.DatasetVersion;
import dev.mledger.store.dataset.TableDiff;
import dev.mledger.store.tabular.ReadOptions;
import dev.mledger.store.tabular.TableReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mledger data diff A B}: what changed between two versions. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Compares two dataset versions (A old, B new): files added, removed and modified; for",
      "CSV/TSV/Parquet tables also schema changes, row counts, added/removed/changed rows (matched by",
      "--key, or by the key declared on both versions) and per-column distribution shift."
    })
public final class DiffDataCommand implements Callable<Integer> {
  private static final int LISTED_FILES = 20;

  @Spec CommandSpec spec;
  @Mixin DataStoreOptions storeOptions;

  @Parameters(index = "0", paramLabel = "A", description = "Old version, NAME@VERSION.")
  String a;

  @Parameters(index = "1", paramLabel = "B", description = "New version, NAME@VERSION.")
  String b;

  @Option(names = "--key", split = ",", description = "Row-key column(s).")
  List<String> key;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    try (DataWorkspace ws = DataWorkspace.open(storeOptions)) {
      DatasetVersion from = ws.get(a);
      DatasetVersion to = ws.get(b);
      Map<String, Object> files = fileChanges(ws, from, to);
      TableDiff table = null;
      if (from.profile() != null && to.profile() != null) {
        table = tableDiff(ws, from, to);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("from", DataJson.version(from, false));
        doc.put("to", DataJson.version(to, false));
        doc.put("identical", from.sha256().equals(to.sha256()));
        doc.put("files", files);
        doc.put("table", table == null ? null : table.toMap());
        JsonOutput.print(out, doc);
      } else {
        printText(out, from, to, files, table);
      }
    }
    return 0;
  }

  private List<String> keyFor(DatasetVersion from, DatasetVersion to) {
    if (key != null) {
      // An explicit empty --key '' asks for the multiset comparison even when keys are declared.
      return key.stream().filter(k -> !k.isBlank()).toList();
    }
    return !from.keyColumns().isEmpty() && from.keyColumns().equals(to.keyColumns())
        ? from.keyColumns()
        : List.of();
  }

  private TableDiff tableDiff(DataWorkspace ws, DatasetVersion from, DatasetVersion to) {
    Path temp = null;
    try {
      temp = Files.createTempDirectory("mledger-diff-");
      Path fa = ws.materialize(from, temp);
      Path fb = ws.materialize(to, temp);
      return TableDiff.of(
          TableReader.read(fa, ReadOptions.defaults()),
          TableReader.read(fb, ReadOptions.defaults()),
          keyFor(from, to));
    } catch (IOException e) {
      throw new MledgerException(ErrorCode.IO_ERROR, "cannot create a temporary directory", e);
    } finally {
      deleteTree(temp);
    }
  }

  private static Map<String, Object> fileChanges(
      DataWorkspace ws, DatasetVersion from, DatasetVersion to) {
    Map<String, String> old = new HashMap<>();
    ws.datasets().forEachFile(from.name(), from.version(), e -> old.put(key(from, e), e.sha256()));
    List<String> added = new ArrayList<>();
    List<String> modified = new ArrayList<>();
    long[] unchanged = new long[1];
    ws.datasets()
        .forEachFile(
            to.name(),
            to.version(),
            e -> {
              String before = old.remove(key(to, e));
              if (before == null) {
                added.add(e.path());
              } else if (before.equals(e.sha256())) {
                unchanged[0]++;
              } else {
                modified.add(e.path());
              }
            });
    List<String> removed = new ArrayList<>(old.keySet());
    removed.sort(null);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("added", added.size());
    m.put("removed", removed.size());
    m.put("modified", modified.size());
    m.put("unchanged", unchanged[0]);
    m.put("added_paths", added.stream().limit(LISTED_FILES).toList());
    m.put("removed_paths", removed.stream().limit(LISTED_FILES).toList());
    m.put("modified_paths", modified.stream().limit(LISTED_FILES).toList());
    return m;
  }

  /** Single-file versions compare their one file whatever its name; directories by path. */
  private static String key(DatasetVersion v, ManifestEntry e) {
    return v.kind() == dev.mledger.core.dataset.DatasetKind.FILE ? "" : e.path();
  }

  private static void printText(
      PrintWriter out,
      DatasetVersion from,
      DatasetVersion to,
      Map<String, Object> files,
      TableDiff table) {
    out.printf("%s -> %s%n", from.ref(), to.ref());
    if (from.sha256().equals(to.sha256())) {
      out.println("  identical content (same sha256)");
    }
    out.printf(
        "  files: %s added, %s removed, %s modified, %s unchanged%n",
        files.get("added"), files.get("removed"), files.get("modified"), files.get("unchanged"));
    for (String kind : List.of("added", "removed", "modified")) {
      @SuppressWarnings("unchecked")
      List<String> paths = (List<String>) files.get(kind + "_paths");
      if (from.kind() == dev.mledger.core.dataset.DatasetKind.DIRECTORY) {
        String sign = kind.equals("added") ? "+" : kind.equals("removed") ? "-" : "~";
        paths.forEach(p -> out.printf("    %s %s%n", sign, p));
      }
    }
    if (table != null) {
      out.printf("  rows: %d -> %d%n", table.rowsFrom(), table.rowsTo());
      for (TableDiff.SchemaChange c : table.schema()) {
        switch (c.change()) {
          case "added" -> out.printf("  + column %s (%s)%n", c.column(), c.to());
          case "removed" -> out.printf("  - column %s (%s)%n", c.column(), c.from());
          default -> out.printf("  ~ column %s: %s -> %s%n", c.column(), c.from(), c.to());
        }
      }
      TableDiff.RowChanges r = table.rows();
      out.printf(
          "  rows %s: %d added, %d removed, %s changed, %d unchanged%n",
          r.key().isEmpty()
              ? "(no key, compared as a multiset)"
              : "by key " + String.join(",", r.key()),
          r.added(),
          r.removed(),
          r.key().isEmpty() ? "n/a" : Long.toString(r.changed()),
          r.unchanged());
      if (!table.shifts().isEmpty()) {
        out.printf(
            "  %-24s %-12s %-8s %12s %10s  %s%n",
            "COLUMN", "TYPE", "TEST", "STATISTIC", "PSI", "DRIFT");
        table.shifts().stream()
            .sorted(Comparator.comparing(TableDiff.ColumnShift::column))
            .forEach(
                s ->
                    out.printf(
                        Locale.ROOT,
                        "  %-24s %-12s %-8s %12.6g %10.4f  %s%n",
                        s.column(),
                        s.type(),
                        s.test(),
                        s.statistic(),
                        s.psi(),
                        s.drifted() ? "yes" : "no"));
      }
    }
    out.flush();
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A leftover temporary copy is harmless; the diff result is what matters.
    }
  }
}
