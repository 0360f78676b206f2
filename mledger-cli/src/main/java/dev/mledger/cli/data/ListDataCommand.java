package dev.mledger.cli.data;

import dev.mledger.cli.JsonOutput;
import dev.mledger.store.dataset.DatasetSummary;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mledger data list}: every dataset with its current and latest version. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists datasets.")
public final class ListDataCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataStoreOptions storeOptions;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    List<DatasetSummary> all;
    try (DataWorkspace ws = DataWorkspace.open(storeOptions)) {
      all = ws.datasets().list();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      List<Map<String, Object>> rows =
          all.stream()
              .map(
                  s -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", s.name());
                    m.put("current_version", s.current().toString());
                    m.put("latest_version", s.latest().toString());
                    m.put("versions", s.versions());
                    m.put("updated_at", s.updatedAt().toString());
                    return m;
                  })
              .toList();
      JsonOutput.print(out, Map.of("datasets", rows));
      return 0;
    }
    if (all.isEmpty()) {
      out.println("No datasets yet. Add one with: mledger data add PATH --name NAME");
    } else {
      out.printf("%-32s %-10s %-10s %8s  %s%n", "NAME", "CURRENT", "LATEST", "VERSIONS", "UPDATED");
      for (DatasetSummary s : all) {
        out.printf(
            "%-32s %-10s %-10s %8d  %s%n",
            s.name(), s.current(), s.latest(), s.versions(), s.updatedAt());
      }
    }
    out.flush();
    return 0;
  }
}
