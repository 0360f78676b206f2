package dev.mledger.cli.repro;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.cli.CliException;
import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.VersionProvider;
import dev.mledger.cli.tracking.ExitCodes;
import dev.mledger.cli.tracking.TrackingCommand;
import dev.mledger.client.MledgerClient;
import dev.mledger.client.envelope.EnvelopeApiClient;
import dev.mledger.client.envelope.HostProbe;
import dev.mledger.core.envelope.Envelope;
import dev.mledger.core.envelope.MetricCheck;
import dev.mledger.core.envelope.Tolerance;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.Run;
import dev.mledger.core.tracking.RunStatus;
import dev.mledger.core.tracking.RunTag;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mledger replay RUN -- cmd args...}: re-runs a recorded run's command with its seed and
 * params, records the replay as a nested run of the original, and compares the final metrics.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Re-run a recorded run and compare its final metrics within tolerances.",
      "A child run (tags mlflow.parentRunId and mledger.replay.of = RUN_ID) is created with the"
          + " original params; the command runs with MLEDGER_TRACKING_URI, MLEDGER_RUN_ID (the"
          + " child, also MLFLOW_RUN_ID so MLflow scripts log into it), MLEDGER_PARENT_RUN_ID,"
          + " MLEDGER_SEED (from the envelope), MLEDGER_PARAM_<name> (characters outside"
          + " [A-Za-z0-9_] become _) and MLEDGER_PARAMS_FILE (a JSON object of all params).",
      "Default tolerance: exact for integer values, rel:1e-9 otherwise.",
      "Exit codes: 0 reproduced, 4 a metric differs or is missing, the command's own code when it"
          + " fails, 1 no such run, 2 usage, 3 server unavailable."
    })
public final class ReplayCommand extends TrackingCommand {
  /** Tag on the replay run naming the original. */
  public static final String REPLAY_OF_TAG = "mledger.replay.of";

  /** Tag on the replay run with the outcome: {@code reproduced} or {@code differs}. */
  public static final String OUTCOME_TAG = "mledger.replay.outcome";

  static final String PARENT_RUN_ID_TAG = "mlflow.parentRunId";
  private static final int PARAMS_PER_BATCH = 100;
  private static final long OUTPUT_DRAIN_MILLIS = 5_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run to replay.")
  String runId;

  @Parameters(
      index = "1..*",
      paramLabel = "COMMAND",
      description = "The command to run, after --, e.g. -- python train.py.")
  List<String> command = new ArrayList<>();

  @Option(
      names = "--tolerance",
      paramLabel = "METRIC=SPEC",
      description =
          "Tolerance for one metric: exact, abs:X or rel:X (repeatable); METRIC * sets the"
              + " default for all others.")
  List<String> tolerances = new ArrayList<>();

  @Override
  protected int execute(MledgerClient client) {
    if (command.isEmpty()) {
      throw new CliException("give the command to replay after --, e.g. -- python train.py", 2);
    }
    Map<String, Tolerance> declared = new TreeMap<>();
    Tolerance fallback = parseTolerances(declared);

    Run original = client.getRun(runId.strip());
    String originalId = original.info().runId();
    Optional<Envelope> envelope =
        new EnvelopeApiClient(client).get(originalId).map(s -> Envelope.fromJson(s.envelopeJson()));

    Run child =
        client.createRun(
            original.info().experimentId(),
            "replay-of-"
                + (original.info().runName() == null ? originalId : original.info().runName()),
            List.of(
                new RunTag(PARENT_RUN_ID_TAG, originalId), new RunTag(REPLAY_OF_TAG, originalId)));
    String childId = child.info().runId();
    logParams(client, childId, original.data().params());

    int exit = runCommand(client, originalId, childId, envelope, original.data().params());
    if (exit != 0) {
      client.endRun(childId, RunStatus.FAILED);
      throw new CliException(
          "the replayed command exited with " + exit + " (replay run " + childId + ")", exit);
    }
    List<MetricCheck> checks =
        MetricCheck.compare(
            finalValues(original), finalValues(client.getRun(childId)), declared, fallback);
    boolean reproduced = checks.stream().noneMatch(c -> c.outcome().isFailure());
    client.setTag(childId, OUTCOME_TAG, reproduced ? "reproduced" : "differs");
    client.updateRun(childId, RunStatus.FINISHED, System.currentTimeMillis(), null);

    List<String> hostDifferences =
        envelope
            .map(e -> e.environment().hardwareDifferences(HostProbe.capture().environment()))
            .orElse(List.of());
    print(originalId, childId, envelope, checks, hostDifferences, reproduced);
    return reproduced ? 0 : ReproCommand.NOT_REPRODUCIBLE;
  }

  private Tolerance parseTolerances(Map<String, Tolerance> declared) {
    Tolerance fallback = null;
    for (String spec : tolerances) {
      int eq = spec.lastIndexOf('=');
      if (eq <= 0) {
        throw new CliException(
            "--tolerance must be METRIC=SPEC, e.g. loss=rel:1e-6, got \"" + spec + "\"",
            ExitCodes.USAGE);
      }
      Tolerance tolerance;
      try {
        tolerance = Tolerance.parse(spec.substring(eq + 1));
      } catch (IllegalArgumentException e) {
        throw new CliException("--tolerance " + e.getMessage(), ExitCodes.USAGE);
      }
      String metric = spec.substring(0, eq).strip();
      if (metric.equals("*")) {
        fallback = tolerance;
      } else {
        declared.put(metric, tolerance);
      }
    }
    return fallback;
  }

  private static void logParams(MledgerClient client, String runId, List<Param> params) {
    for (int i = 0; i < params.size(); i += PARAMS_PER_BATCH) {
      client.logBatch(
          runId,
          List.of(),
          params.subList(i, Math.min(params.size(), i + PARAMS_PER_BATCH)),
          List.of());
    }
  }

  private int runCommand(
      MledgerClient client,
      String originalId,
      String childId,
      Optional<Envelope> envelope,
      List<Param> params) {
    Path paramsFile = null;
    try {
      paramsFile = Files.createTempFile("mledger-replay-params-", ".json");
      Map<String, String> paramMap = new TreeMap<>();
      params.forEach(p -> paramMap.put(p.key(), p.value()));
      Files.writeString(paramsFile, JSON.writeValueAsString(paramMap));

      ProcessBuilder builder = new ProcessBuilder(command);
      Map<String, String> env = builder.environment();
      String uri = client.trackingUri().toString();
      env.put("MLEDGER_TRACKING_URI", uri);
      env.put("MLFLOW_TRACKING_URI", uri);
      env.put("MLEDGER_RUN_ID", childId);
      env.put("MLFLOW_RUN_ID", childId);
      env.put("MLEDGER_PARENT_RUN_ID", originalId);
      env.put("MLEDGER_PARAMS_FILE", paramsFile.toString());
      envelope.map(Envelope::seed).ifPresent(seed -> env.put("MLEDGER_SEED", seed.toString()));
      paramMap.forEach((k, v) -> env.put("MLEDGER_PARAM_" + k.replaceAll("[^A-Za-z0-9_]", "_"), v));
      // With --json, stdout carries exactly one JSON document; the command's output goes to stderr.
      if (!json()) {
        return builder.inheritIO().start().waitFor();
      }
      Process process = builder.redirectErrorStream(true).start();
      Thread output = pump(process.getInputStream(), System.err);
      int exit = process.waitFor();
      output.join(OUTPUT_DRAIN_MILLIS);
      return exit;
    } catch (IOException e) {
      client.endRun(childId, RunStatus.FAILED);
      throw new CliException(
          "cannot run " + String.join(" ", command) + ": " + e.getMessage(), ExitCodes.USAGE, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      client.endRun(childId, RunStatus.KILLED);
      throw new CliException("interrupted while the replay ran", 130, e);
    } finally {
      if (paramsFile != null) {
        try {
          Files.deleteIfExists(paramsFile);
        } catch (IOException e) {
          // A leftover temp file is harmless.
        }
      }
    }
  }

  /** Copies the command's output to {@code out} on a daemon thread; a broken pipe ends it. */
  private static Thread pump(InputStream in, java.io.PrintStream out) {
    Thread t =
        new Thread(
            () -> {
              try (in) {
                in.transferTo(out);
              } catch (IOException e) {
                // The command's output is informational; losing its tail must not fail the replay.
              }
              out.flush();
            },
            "replay-output");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static Map<String, Double> finalValues(Run run) {
    Map<String, Double> values = new TreeMap<>();
    for (Metric m : run.data().metrics()) {
      values.put(m.key(), m.value());
    }
    return values;
  }

  private void print(
      String originalId,
      String childId,
      Optional<Envelope> envelope,
      List<MetricCheck> checks,
      List<String> hostDifferences,
      boolean reproduced) {
    String hostNote =
        hostDifferences.isEmpty()
            ? null
            : "hosts differ ("
                + String.join(", ", hostDifferences)
                + "): hardware nondeterminism possible";
    PrintWriter out = out();
    if (json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("run_id", originalId);
      doc.put("replay_run_id", childId);
      doc.put("reproduced", reproduced);
      doc.put("seed", envelope.map(Envelope::seed).orElse(null));
      doc.put("envelope", envelope.isPresent());
      doc.put("host_differences", hostDifferences);
      doc.put("note", hostNote);
      List<Map<String, Object>> metrics = new ArrayList<>();
      for (MetricCheck c : checks) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", c.key());
        m.put("outcome", c.outcome().name().toLowerCase(java.util.Locale.ROOT));
        m.put("expected", c.expected());
        m.put("actual", c.actual());
        m.put("difference", c.difference());
        m.put("tolerance", c.tolerance() == null ? null : c.tolerance().describe());
        metrics.add(m);
      }
      doc.put("metrics", metrics);
      JsonOutput.print(out, doc);
      return;
    }
    if (envelope.isEmpty()) {
      out.println(
          "note: run " + originalId + " has no envelope; the seed and environment are unknown");
    }
    for (MetricCheck c : checks) {
      out.printf(
          "%-9s %s  expected=%s actual=%s%s%n",
          c.outcome().name().toLowerCase(java.util.Locale.ROOT),
          c.key(),
          c.expected(),
          c.actual(),
          c.tolerance() == null ? "" : "  (" + c.tolerance().describe() + ")");
    }
    if (hostNote != null) {
      out.println("note: " + hostNote);
    }
    out.printf(
        "replay %s of run %s: %s%n",
        childId, originalId, reproduced ? "reproduced" : "metrics differ");
    out.flush();
  }
}
