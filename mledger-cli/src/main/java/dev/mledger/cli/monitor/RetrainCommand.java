package dev.mledger.cli.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.tracking.ExitCodes;
import dev.mledger.cli.tracking.TrackingOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mledger monitor retrain show|approve|reject ATTEMPT}: the human step of a retrain policy
 * with {@code "approval": "required"}.
 */
@Command(
    name = "retrain",
    mixinStandardHelpOptions = true,
    description = "Shows a retraining attempt, or approves or rejects one awaiting approval.",
    subcommands = {
      RetrainCommand.Show.class,
      RetrainCommand.Approve.class,
      RetrainCommand.Reject.class
    })
final class RetrainCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static String path(String attempt) {
    return "/api/v1/monitors/retrain-attempts/" + MonitorHttp.encode(attempt);
  }

  static void print(PrintWriter out, boolean json, JsonNode attempt) {
    if (json) {
      JsonOutput.print(out, attempt);
    } else {
      out.printf(
          "attempt %s of monitor %s: %s%n",
          attempt.get("attempt_id").asText(),
          attempt.get("monitor_id").asText(),
          attempt.get("state").asText());
      for (JsonNode s : attempt.get("steps")) {
        out.printf(
            "  %2d %-18s %s%n", s.get("ordinal").asInt(), s.get("step").asText(), s.get("detail"));
      }
    }
    out.flush();
  }

  /** {@code mledger monitor retrain show ATTEMPT}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Shows an attempt's steps.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin TrackingOptions tracking;

    @Parameters(paramLabel = "ATTEMPT", description = "Retraining attempt id.")
    String attempt;

    @Override
    public Integer call() {
      JsonNode a = new MonitorHttp(tracking.trackingUri()).get(path(attempt)).get("attempt");
      print(spec.commandLine().getOut(), tracking.json(), a);
      return ExitCodes.OK;
    }
  }

  /** Shared by approve and reject. */
  abstract static class Verdict implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin TrackingOptions tracking;

    @Parameters(paramLabel = "ATTEMPT", description = "Retraining attempt id (awaiting approval).")
    String attempt;

    @Option(names = "--comment", description = "Why; recorded in the steps and the audit trail.")
    String comment;

    @Option(
        names = "--user",
        defaultValue = "${env:USER:-unknown}",
        description = "Who decides (default: $USER).")
    String user;

    abstract String verb();

    @Override
    public Integer call() {
      ObjectNode body = MonitorHttp.JSON.createObjectNode();
      if (comment != null) {
        body.put("comment", comment);
      }
      JsonNode a =
          new MonitorHttp(tracking.trackingUri())
              .postAs(path(attempt) + "/" + verb(), body.toString(), user)
              .get("attempt");
      print(spec.commandLine().getOut(), tracking.json(), a);
      return ExitCodes.OK;
    }
  }

  /** {@code mledger monitor retrain approve ATTEMPT}. */
  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = "Approves the attempt: its version is promoted to champion.")
  static final class Approve extends Verdict {
    @Override
    String verb() {
      return "approve";
    }
  }

  /** {@code mledger monitor retrain reject ATTEMPT}. */
  @Command(
      name = "reject",
      mixinStandardHelpOptions = true,
      description = "Rejects the attempt: the champion is kept.")
  static final class Reject extends Verdict {
    @Override
    String verb() {
      return "reject";
    }
  }
}
