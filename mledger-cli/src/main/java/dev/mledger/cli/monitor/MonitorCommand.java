package dev.mledger.cli.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.cli.CliException;
import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.tracking.ExitCodes;
import dev.mledger.cli.tracking.TrackingOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mledger monitor}: production monitors over the server's native API. */
@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    description =
        "Production monitoring: create monitors, send events, read reports and alerts, tune thresholds.",
    subcommands = {
      MonitorCommand.Create.class,
      MonitorCommand.Events.class,
      MonitorCommand.Report.class,
      MonitorCommand.Alerts.class,
      MonitorCommand.Tune.class,
      RetrainCommand.class
    })
public final class MonitorCommand implements Runnable {
  /** Exit code when some events of a batch were rejected (the valid ones are stored). */
  public static final int PARTIAL = 4;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage(), ExitCodes.USAGE, e);
    }
  }

  /** {@code mledger monitor create FILE}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Creates a monitor from a JSON file (see docs/MONITORING.md); prints its id.",
        "--reference-dataset or --reference-run has the server profile the reference from a stored"
            + " table instead of the file's reference_rows."
      })
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin TrackingOptions tracking;

    @Parameters(paramLabel = "FILE", description = "Monitor definition (JSON).")
    Path file;

    @Option(
        names = "--reference-dataset",
        paramLabel = "NAME@VERSION",
        description = "Reference from this dataset version's table.")
    String referenceDataset;

    @Option(
        names = "--reference-file",
        paramLabel = "PATH",
        description = "The table inside a directory snapshot.")
    String referenceFile;

    @Option(
        names = "--reference-run",
        paramLabel = "RUN_ID",
        description = "Reference from this run's evaluation artifact (with --reference-artifact).")
    String referenceRun;

    @Option(
        names = "--reference-artifact",
        paramLabel = "PATH",
        description = "The run artifact holding the evaluation table, e.g. eval.csv.")
    String referenceArtifact;

    @Option(
        names = "--prediction-column",
        paramLabel = "COLUMN",
        description = "The reference table's prediction column (default: prediction, if present).")
    String predictionColumn;

    @Override
    public Integer call() {
      String body = read(file);
      ObjectNode reference = reference();
      if (reference != null) {
        JsonNode parsed;
        try {
          parsed = MonitorHttp.JSON.readTree(body);
        } catch (IOException e) {
          throw new CliException(file + " is not valid JSON: " + e.getMessage(), ExitCodes.USAGE);
        }
        if (!(parsed instanceof ObjectNode definition)) {
          throw new CliException(file + " must hold a JSON object", ExitCodes.USAGE);
        }
        definition.set("reference", reference);
        definition.remove("reference_rows");
        body = definition.toString();
      }
      JsonNode monitor =
          new MonitorHttp(tracking.trackingUri())
              .post("/api/v1/monitors", body, "application/json")
              .get("monitor");
      PrintWriter out = spec.commandLine().getOut();
      if (tracking.json()) {
        JsonOutput.print(out, monitor);
      } else {
        out.println(monitor.get("id").asText());
      }
      out.flush();
      return ExitCodes.OK;
    }

    /** The reference object of the --reference-* options, or null when none was given. */
    private ObjectNode reference() {
      if (referenceDataset != null && referenceRun != null) {
        throw new CliException(
            "give --reference-dataset or --reference-run, not both", ExitCodes.USAGE);
      }
      if (referenceFile != null && referenceDataset == null) {
        throw new CliException("--reference-file needs --reference-dataset", ExitCodes.USAGE);
      }
      if ((referenceRun == null) != (referenceArtifact == null)) {
        throw new CliException(
            "--reference-run and --reference-artifact go together", ExitCodes.USAGE);
      }
      if (referenceDataset == null && referenceRun == null) {
        if (predictionColumn != null) {
          throw new CliException(
              "--prediction-column needs --reference-dataset or --reference-run", ExitCodes.USAGE);
        }
        return null;
      }
      ObjectNode o = MonitorHttp.JSON.createObjectNode();
      if (referenceDataset != null) {
        o.put("dataset", referenceDataset);
        if (referenceFile != null) {
          o.put("file", referenceFile);
        }
      } else {
        o.put("run", referenceRun).put("artifact", referenceArtifact);
      }
      if (predictionColumn != null) {
        o.put("prediction_column", predictionColumn);
      }
      return o;
    }
  }

  /** {@code mledger monitor events ID FILE}. */
  @Command(
      name = "events",
      mixinStandardHelpOptions = true,
      description = {
        "Sends a batch of events: a JSON array, or NDJSON when the file ends in .ndjson or .jsonl.",
        "Exit code 0 when every row was accepted, 4 when some were rejected (the others are stored).",
        "Window reports are written in the background; --wait waits for them."
      })
  static final class Events implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin TrackingOptions tracking;

    @Parameters(index = "0", paramLabel = "MONITOR", description = "Monitor id.")
    String monitor;

    @Parameters(index = "1", paramLabel = "FILE", description = "Events file.")
    Path file;

    @Option(
        names = "--wait",
        description = "Wait until the server has written the reports of the windows these closed.")
    boolean await;

    @Option(
        names = "--wait-timeout",
        defaultValue = "120",
        paramLabel = "SECONDS",
        description = "Give up waiting after this long (default 120).")
    long waitTimeout;

    @Override
    public Integer call() {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      String type =
          name.endsWith(".ndjson") || name.endsWith(".jsonl")
              ? "application/x-ndjson"
              : "application/json";
      MonitorHttp http = new MonitorHttp(tracking.trackingUri());
      String path = "/api/v1/monitors/" + MonitorHttp.encode(monitor);
      ObjectNode result = (ObjectNode) http.post(path + "/events", read(file), type);
      if (await) {
        JsonNode m = awaitReports(http, path);
        result.put("reports_pending", false);
        result.put("reported_through", m.get("reported_through").asLong());
      }
      PrintWriter out = spec.commandLine().getOut();
      if (tracking.json()) {
        JsonOutput.print(out, result);
      } else {
        out.printf(
            "accepted %d, rejected %d%s%n",
            result.get("accepted").asInt(),
            result.get("rejected").size(),
            await
                ? "; reported through event " + result.get("reported_through").asLong()
                : result.path("reports_pending").asBoolean()
                    ? "; window reports are being written"
                    : "");
        for (JsonNode r : result.get("rejected")) {
          out.printf("  row %d: %s%n", r.get("index").asInt(), r.get("reason").asText());
        }
      }
      out.flush();
      return result.get("rejected").isEmpty() ? ExitCodes.OK : PARTIAL;
    }

    private JsonNode awaitReports(MonitorHttp http, String path) {
      long deadline =
          System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(waitTimeout);
      while (true) {
        JsonNode m = http.get(path).get("monitor");
        if (!m.path("reports_pending").asBoolean()) {
          return m;
        }
        if (System.nanoTime() > deadline) {
          throw new CliException(
              "the window reports were still being written after " + waitTimeout + " s",
              ExitCodes.SERVER_UNAVAILABLE);
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CliException("interrupted", ExitCodes.SERVER_UNAVAILABLE, e);
        }
      }
    }
  }

  /** {@code mledger monitor report ID}. */
  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      description = "Shows the newest window reports.")
  static final class Report implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin TrackingOptions tracking;

    @Parameters(paramLabel = "MONITOR", description = "Monitor id.")
    String monitor;

    @Option(names = "--limit", defaultValue = "1", description = "How many reports (default 1).")
    int limit;

    @Override
    public Integer call() {
      JsonNode reports =
          new MonitorHttp(tracking.trackingUri())
              .get("/api/v1/monitors/" + MonitorHttp.encode(monitor) + "/reports?limit=" + limit)
              .get("reports");
      PrintWriter out = spec.commandLine().getOut();
      if (tracking.json()) {
        JsonOutput.print(out, reports);
      } else if (reports.isEmpty()) {
        out.println("no window has closed yet");
      } else {
        for (JsonNode r : reports) {
          out.printf(
              "report %s: %d rows, %d drifted feature(s) (share %.2f)%n",
              r.get("id").asText(),
              r.get("rows").asLong(),
              r.get("drifted_features").asInt(),
              r.get("drift_share").asDouble());
          for (JsonNode f : r.get("features")) {
            JsonNode q = f.get("quality");
            out.printf(
                "  %-24s %-8s %s=%s  nulls=%d out_of_range=%d unseen=%d%n",
                f.get("feature").asText(),
                f.path("drifted").asBoolean() ? "DRIFT" : "ok",
                f.path("statistic").asText("-"),
                f.path("value").asText("-"),
                q.get("nulls").asLong(),
                q.get("out_of_range").asLong(),
                q.get("unseen").asLong());
          }
          for (JsonNode a : r.get("alerts")) {
            out.printf(
                "  alert %s [%s] %s%n",
                a.get("id").asText(), a.get("severity").asText(), a.get("message").asText());
          }
        }
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code mledger monitor alerts ID}. */
  @Command(
      name = "alerts",
      mixinStandardHelpOptions = true,
      description = "Lists alerts, or acknowledges one with --ack.")
  static final class Alerts implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin TrackingOptions tracking;

    @Parameters(paramLabel = "MONITOR", description = "Monitor id.")
    String monitor;

    @Option(names = "--unacknowledged", description = "Only alerts nobody acknowledged.")
    boolean unacknowledged;

    @Option(names = "--ack", paramLabel = "ALERT", description = "Acknowledge this alert.")
    String ack;

    @Option(names = "--comment", description = "Comment stored with the acknowledgement.")
    String comment;

    @Option(
        names = "--user",
        defaultValue = "${env:USER:-unknown}",
        description = "Who acknowledges (default: $USER).")
    String user;

    @Override
    public Integer call() {
      MonitorHttp http = new MonitorHttp(tracking.trackingUri());
      String base = "/api/v1/monitors/" + MonitorHttp.encode(monitor);
      PrintWriter out = spec.commandLine().getOut();
      if (ack != null) {
        ObjectNode body = MonitorHttp.JSON.createObjectNode();
        if (comment != null) {
          body.put("comment", comment);
        }
        JsonNode alert =
            http.postAs(base + "/alerts/" + MonitorHttp.encode(ack) + "/ack", body.toString(), user)
                .get("alert");
        if (tracking.json()) {
          JsonOutput.print(out, alert);
        } else {
          out.printf(
              "acknowledged %s by %s%n",
              alert.get("id").asText(), alert.get("acknowledged_by").asText());
        }
        out.flush();
        return ExitCodes.OK;
      }
      ArrayNode alerts =
          (ArrayNode)
              http.get(base + "/alerts" + (unacknowledged ? "?unacknowledged=true" : ""))
                  .get("alerts");
      if (tracking.json()) {
        JsonOutput.print(out, alerts);
      } else {
        for (JsonNode a : alerts) {
          out.printf(
              "%s  %-8s %-10s %s%s%n",
              a.get("id").asText(),
              a.get("severity").asText(),
              a.get("kind").asText(),
              a.get("message").asText(),
              a.get("acknowledged").asBoolean()
                  ? "  (acknowledged by " + a.get("acknowledged_by").asText() + ")"
                  : "");
        }
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code mledger monitor tune}. */
  @Command(
      name = "tune",
      mixinStandardHelpOptions = true,
      description = {
        "False-positive and false-negative rates per threshold from labelled past windows.",
        "HISTORY is a CSV file of 'value,incident' lines (incident: true/false or 1/0; a header line is skipped)."
      })
  static final class Tune implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin TrackingOptions tracking;

    @Option(
        names = "--statistic",
        required = true,
        description = "The statistic, e.g. psi or p_value.")
    String statistic;

    @Parameters(paramLabel = "HISTORY", description = "CSV of value,incident.")
    Path history;

    @Option(
        names = "--max-fn-rate",
        defaultValue = "0",
        description = "Largest acceptable share of missed incidents.")
    double maxFnRate;

    @Override
    public Integer call() {
      ObjectNode body = MonitorHttp.JSON.createObjectNode();
      body.put("statistic", statistic);
      body.put("max_false_negative_rate", maxFnRate);
      ArrayNode rows = body.putArray("history");
      int lineNo = 0;
      for (String line : read(history).split("\r?\n")) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.split(",");
        try {
          if (parts.length != 2) {
            throw new NumberFormatException("expected 'value,incident'");
          }
          double value = Double.parseDouble(parts[0].strip());
          String incident = parts[1].strip().toLowerCase(Locale.ROOT);
          if (!incident.matches("true|false|1|0")) {
            throw new NumberFormatException("incident must be true/false or 1/0");
          }
          rows.addObject()
              .put("value", value)
              .put("incident", incident.equals("true") || incident.equals("1"));
        } catch (NumberFormatException e) {
          if (lineNo == 1) {
            continue; // a header line
          }
          throw new CliException(
              history + ":" + lineNo + ": " + e.getMessage(), ExitCodes.USAGE, e);
        }
      }
      JsonNode result =
          new MonitorHttp(tracking.trackingUri())
              .post("/api/v1/monitors/tune", body.toString(), "application/json");
      PrintWriter out = spec.commandLine().getOut();
      if (tracking.json()) {
        JsonOutput.print(out, result);
      } else {
        out.printf(
            "%-12s %6s %6s %6s %6s %8s %8s%n",
            "threshold", "TP", "FP", "TN", "FN", "FP rate", "FN rate");
        for (JsonNode p : result.get("thresholds")) {
          out.printf(
              "%-12s %6d %6d %6d %6d %8.3f %8.3f%n",
              p.get("threshold").asText(),
              p.get("true_positives").asInt(),
              p.get("false_positives").asInt(),
              p.get("true_negatives").asInt(),
              p.get("false_negatives").asInt(),
              p.get("false_positive_rate").asDouble(),
              p.get("false_negative_rate").asDouble());
        }
        if (result.has("recommended")) {
          out.printf(
              "recommended threshold: %s%n", result.get("recommended").get("threshold").asText());
        } else {
          out.println("no threshold misses at most the allowed share of incidents");
        }
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
