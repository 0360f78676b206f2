package dev.mledger.cli.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.cli.CliException;
import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.tracking.ExitCodes;
import dev.mledger.cli.tracking.TrackingOptions;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.gate.GateSpecs;
import dev.mledger.store.gate.GateFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mledger gate}: evaluate promotion gates and approve their decisions. */
@Command(
    name = "gate",
    mixinStandardHelpOptions = true,
    description =
        "Promotion gates: evaluate a gate file for candidate versions, approve decisions.",
    subcommands = {GateCommand.Evaluate.class, GateCommand.Approve.class, GateCommand.Show.class})
public final class GateCommand implements Runnable {
  /** Exit code of a failed gate or a refused promotion (HTTP 409). */
  public static final int REFUSED = 4;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code mledger gate evaluate}. */
  @Command(
      name = "evaluate",
      mixinStandardHelpOptions = true,
      description = {
        "Evaluates a gate (YAML or JSON, see docs/GATES.md) for candidate versions against the"
            + " champion and records one immutable decision per candidate.",
        "Exit code 0 when every candidate passes, 4 when one fails."
      })
  static final class Evaluate implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin TrackingOptions tracking;

    @Option(names = "--gate", required = true, paramLabel = "FILE", description = "Gate file.")
    Path gate;

    @Option(names = "--model", required = true, description = "Registered model name.")
    String model;

    @Option(
        names = "--candidate",
        required = true,
        split = ",",
        paramLabel = "VERSION",
        description = "Candidate version(s); several form one multiple-comparison family.")
    List<String> candidates;

    @Option(
        names = "--champion",
        paramLabel = "ALIAS|VERSION",
        description = "What to compare with (default: the 'champion' alias, if set).")
    String champion;

    @Override
    public Integer call() {
      Map<String, Object> gateTree;
      try {
        gateTree = GateSpecs.toTree(GateFiles.read(gate));
      } catch (MledgerException e) {
        throw new CliException(e.getMessage(), ExitCodes.USAGE, e);
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("gate", gateTree);
      body.put("model", model);
      body.put("candidates", candidates);
      if (champion != null) {
        body.put("champion", champion);
      }
      JsonNode result = new GateClient(tracking).post("/api/v1/gates/evaluate", body);
      PrintWriter out = spec.commandLine().getOut();
      boolean allPassed = true;
      for (JsonNode d : result.get("decisions")) {
        allPassed &= d.get("passed").asBoolean();
      }
      if (tracking.json()) {
        JsonOutput.print(out, result);
      } else {
        for (JsonNode d : result.get("decisions")) {
          printDecision(out, d);
        }
      }
      out.flush();
      return allPassed ? ExitCodes.OK : REFUSED;
    }
  }

  /** {@code mledger gate approve}. */
  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = "Appends an approval to a passed decision.")
  static final class Approve implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin TrackingOptions tracking;

    @Parameters(paramLabel = "DECISION", description = "Decision id.")
    String decision;

    @Option(names = "--comment", required = true, description = "Why it is approved.")
    String comment;

    @Option(
        names = "--approver",
        description = "Who approves (default: $USER).",
        defaultValue = "${env:USER:-unknown}")
    String approver;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("approver", approver);
      body.put("comment", comment);
      JsonNode result =
          new GateClient(tracking)
              .post("/api/v1/decisions/" + GateClient.encode(decision) + "/approve", body);
      PrintWriter out = spec.commandLine().getOut();
      if (tracking.json()) {
        JsonOutput.print(out, result);
      } else {
        out.println("Decision " + decision + " approved by " + approver + ".");
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code mledger gate show}. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows a decision.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin TrackingOptions tracking;

    @Parameters(paramLabel = "DECISION", description = "Decision id.")
    String decision;

    @Override
    public Integer call() {
      JsonNode result =
          new GateClient(tracking).get("/api/v1/decisions/" + GateClient.encode(decision));
      PrintWriter out = spec.commandLine().getOut();
      if (tracking.json()) {
        JsonOutput.print(out, result);
      } else {
        printDecision(out, result);
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  static void printDecision(PrintWriter out, JsonNode d) {
    JsonNode doc = d.get("decision");
    out.println(
        "Decision "
            + d.get("id").asText()
            + ": model "
            + doc.get("model_name").asText()
            + " version "
            + doc.get("candidate_version").asText()
            + (doc.get("champion_version").isNull()
                ? " (no champion)"
                : " vs champion " + doc.get("champion_version").asText())
            + " -> "
            + (d.get("passed").asBoolean() ? "PASSED" : "FAILED")
            + (d.get("approved").asBoolean() ? ", approved" : ", not approved"));
    List<String> lines = new ArrayList<>();
    for (JsonNode o : doc.get("outcomes")) {
      lines.add(
          "  ["
              + o.get("status").asText().toUpperCase(java.util.Locale.ROOT)
              + "] "
              + o.get("rule").asText()
              + ": "
              + o.get("reason").asText());
    }
    lines.forEach(out::println);
  }
}
