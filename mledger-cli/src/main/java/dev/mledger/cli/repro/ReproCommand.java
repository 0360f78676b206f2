package dev.mledger.cli.repro;

import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.VersionProvider;
import dev.mledger.cli.tracking.TrackingCommand;
import dev.mledger.client.MledgerClient;
import dev.mledger.client.envelope.EnvelopeApiClient;
import dev.mledger.core.tracking.Run;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mledger repro}: reproducibility of recorded runs. */
@Command(
    name = "repro",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Reproducibility of recorded runs (see also: mledger replay).",
    subcommands = {ReproCommand.Check.class})
public final class ReproCommand implements Runnable {
  @Spec CommandSpec spec;

  /** Exit code: some item is missing or differs from what was recorded. */
  public static final int NOT_REPRODUCIBLE = 4;

  /** Exit code: nothing is wrong, but some item could not be verified. */
  public static final int UNVERIFIED = 5;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code mledger repro check RUN}: the reproducibility predicate, item by item. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = {
        "Check that a run is reproducible: its envelope is present and complete, still hashes to"
            + " its fingerprint, and every dataset, commit and artifact it references resolves.",
        "Exit codes: 0 reproducible, 4 not reproducible (missing or mismatched item), 5 some item"
            + " unverifiable, 1 no such run, 2 usage, 3 server unavailable."
      })
  static final class Check extends TrackingCommand {
    @Parameters(paramLabel = "RUN_ID", description = "The run to check.")
    String runId;

    @Option(
        names = "--repo",
        paramLabel = "DIR",
        defaultValue = ".",
        description = "Git working tree to resolve the commit in (default: current directory).")
    Path repo;

    @Override
    protected int execute(MledgerClient client) {
      Run run = client.getRun(runId.strip());
      EnvelopeApiClient envelopes = new EnvelopeApiClient(client);
      ArtifactHasher hasher =
          new ArtifactHasher(client.nativeApi(), id -> client.getRun(id).info().artifactUri());
      ReproducibilityCheck.Report report =
          new ReproducibilityCheck(repo.toAbsolutePath().normalize(), hasher)
              .check(run, envelopes.get(run.info().runId()));
      print(report);
      return report.reproducible() ? 0 : report.failed() ? NOT_REPRODUCIBLE : UNVERIFIED;
    }

    private void print(ReproducibilityCheck.Report report) {
      PrintWriter out = out();
      if (json()) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run_id", report.runId());
        doc.put("reproducible", report.reproducible());
        doc.put("verdict", report.verdict());
        doc.put("fingerprint", report.fingerprint());
        List<Map<String, Object>> items = new ArrayList<>();
        for (CheckItem item : report.items()) {
          Map<String, Object> i = new LinkedHashMap<>();
          i.put("item", item.item());
          i.put("status", item.status().label());
          i.put("detail", item.detail());
          items.add(i);
        }
        doc.put("items", items);
        JsonOutput.print(out, doc);
        return;
      }
      int width = report.items().stream().mapToInt(i -> i.item().length()).max().orElse(0);
      for (CheckItem item : report.items()) {
        out.printf(
            "%-12s %-" + width + "s  %s%n", item.status().label(), item.item(), item.detail());
      }
      out.printf("run %s: %s%n", report.runId(), report.verdict().replace('_', ' '));
      out.flush();
    }
  }
}
