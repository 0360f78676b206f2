package dev.mledger.cli.data;

import dev.mledger.cli.JsonOutput;
import dev.mledger.core.dataset.ColumnProfile;
import dev.mledger.store.dataset.DatasetVersion;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mledger data show N[@v]}: one version with provenance, profile and history. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Shows a dataset version (the current one for a bare NAME).")
public final class ShowDataCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataStoreOptions storeOptions;

  @Parameters(index = "0", paramLabel = "NAME[@VERSION]")
  String ref;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    try (DataWorkspace ws = DataWorkspace.open(storeOptions)) {
      DatasetVersion v = ws.get(ref);
      String current = ws.get(v.name()).version().toString();
      List<DatasetVersion> versions = ws.datasets().versions(v.name());
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> doc = DataJson.version(v, true);
        doc.put("current", current.equals(v.version().toString()));
        doc.put("versions", versions.stream().map(x -> x.version().toString()).toList());
        doc.put("events", ws.datasets().events(v.name()).stream().map(DataJson::event).toList());
        JsonOutput.print(out, doc);
        return 0;
      }
      out.printf("%s%s%n", v.ref(), current.equals(v.version().toString()) ? "  (current)" : "");
      out.printf(
          "  kind      %s, %d files, %s%n",
          v.kind().jsonName(), v.files(), DataJson.bytes(v.size()));
      out.printf("  sha256    %s%n", v.sha256());
      out.printf("  path      %s%n", v.path());
      line(out, "source", v.provenance().source());
      line(out, "owner", v.provenance().owner());
      line(out, "license", v.provenance().license());
      line(
          out,
          "pii",
          v.provenance().piiColumns() == null
              ? null
              : v.provenance().piiColumns().isEmpty()
                  ? "(none)"
                  : String.join(", ", v.provenance().piiColumns()));
      line(out, "run", v.provenance().runId());
      line(out, "key", v.keyColumns().isEmpty() ? null : String.join(", ", v.keyColumns()));
      out.printf("  created   %s by %s%n", v.createdAt(), v.provenance().createdBy());
      out.printf(
          "  versions  %s%n",
          String.join(", ", versions.stream().map(x -> x.version().toString()).toList()));
      if (v.profile() != null) {
        out.printf(
            "  table     %d rows%s%n",
            v.profile().rows(),
            v.profile().format() == null ? "" : " (" + v.profile().format() + ")");
        out.printf(
            "    %-24s %-12s %10s %8s %8s  %s%n",
            "COLUMN", "TYPE", "COUNT", "MISSING", "DISTINCT", "SUMMARY");
        for (ColumnProfile c : v.profile().columns()) {
          out.printf(
              "    %-24s %-12s %10d %8d %8d  %s%n",
              c.name(),
              c.sourceType() == null ? c.type() : c.type() + " " + c.sourceType(),
              c.count(),
              c.missing(),
              c.distinct(),
              summary(c));
        }
      }
      out.flush();
    }
    return 0;
  }

  private static String summary(ColumnProfile c) {
    if (c.type().equals("numeric")) {
      return c.mean() == null
          ? ""
          : String.format(Locale.ROOT, "min %.6g  mean %.6g  max %.6g", c.min(), c.mean(), c.max());
    }
    return c.topValues().entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(3)
        .map(e -> e.getKey() + " (" + e.getValue() + ")")
        .reduce((a, b) -> a + ", " + b)
        .orElse("");
  }

  private static void line(PrintWriter out, String label, String value) {
    if (value != null) {
      out.printf("  %-9s %s%n", label, value);
    }
  }
}
