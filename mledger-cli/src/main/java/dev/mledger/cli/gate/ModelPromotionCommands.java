package dev.mledger.cli.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.cli.CliException;
import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.tracking.ExitCodes;
import dev.mledger.cli.tracking.TrackingOptions;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The gate-enforced subcommands of {@code mledger models}: {@code promote}, {@code rollback} and
 * {@code card}. They are separate classes so that the {@code models} parent command lists them.
 */
public final class ModelPromotionCommands {
  private ModelPromotionCommands() {}

  /** Where to promote: exactly one of an alias or a stage. */
  static final class Target {
    @Option(names = "--alias", description = "Alias to move, e.g. champion.")
    String alias;

    @Option(names = "--stage", description = "Stage to enter, e.g. Production.")
    String stage;

    void into(Map<String, Object> body) {
      if (alias != null) {
        body.put("alias", alias);
      } else {
        body.put("stage", stage);
      }
    }
  }

  /** {@code mledger models promote NAME VERSION}. */
  @Command(
      name = "promote",
      mixinStandardHelpOptions = true,
      description = {
        "Promotes a version to an alias or stage. Refused (exit 4) unless the newest gate decision"
            + " for the version passed and is approved, or --override-reason is given (recorded)."
      })
  public static final class Promote implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin TrackingOptions tracking;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "VERSION")
    String version;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--decision", description = "Decision id (default: the newest one).")
    String decision;

    @Option(names = "--override-reason", description = "Promote without a passing decision.")
    String overrideReason;

    @Option(names = "--actor", defaultValue = "${env:USER:-unknown}", description = "Who promotes.")
    String actor;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      target.into(body);
      body.put("actor", actor);
      if (decision != null) {
        body.put("decision_id", decision);
      }
      if (overrideReason != null) {
        body.put("override", Map.of("reason", overrideReason, "actor", actor));
      }
      JsonNode result =
          new GateClient(tracking)
              .post(
                  "/api/v1/registry/models/"
                      + GateClient.encode(name)
                      + "/versions/"
                      + GateClient.encode(version)
                      + "/promote",
                  body);
      printPromotion(spec.commandLine().getOut(), result, tracking.json());
      return ExitCodes.OK;
    }
  }

  /** {@code mledger models rollback NAME}. */
  @Command(
      name = "rollback",
      mixinStandardHelpOptions = true,
      description = {
        "Moves the alias (default: champion) or stage back to the newest previous holder whose"
            + " dependency closure (model artifacts, source run, envelope, datasets) resolves;"
            + " refuses with the unresolved items otherwise.",
        "--dry-run lists the candidates and their closure without changing anything."
      })
  public static final class Rollback implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin TrackingOptions tracking;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--alias", description = "Alias to roll back (default: champion).")
    String alias;

    @Option(names = "--stage", description = "Stage to roll back instead, e.g. Production.")
    String stage;

    @Option(names = "--reason", description = "Why; recorded with the rollback.")
    String reason;

    @Option(names = "--strict", description = "Also refuse dependencies that cannot be verified.")
    boolean strict;

    @Option(names = "--dry-run", description = "Only list the candidates.")
    boolean dryRun;

    @Option(
        names = "--actor",
        defaultValue = "${env:USER:-unknown}",
        description = "Who rolls back.")
    String actor;

    @Override
    public Integer call() {
      if (alias != null && stage != null) {
        throw new CliException("give --alias or --stage, not both", ExitCodes.USAGE);
      }
      GateClient client = new GateClient(tracking);
      PrintWriter out = spec.commandLine().getOut();
      String path = "/api/v1/registry/models/" + GateClient.encode(name);
      if (dryRun) {
        String query =
            stage != null
                ? "stage=" + GateClient.encode(stage)
                : "alias=" + GateClient.encode(alias == null ? "champion" : alias);
        JsonNode plan = client.get(path + "/rollback-candidates?" + query + "&strict=" + strict);
        if (tracking.json()) {
          JsonOutput.print(out, plan);
        } else {
          for (JsonNode c : plan.get("candidates")) {
            out.println(
                "version "
                    + c.get("version").asText()
                    + (c.get("resolves").asBoolean() ? ": resolves" : ": blocked"));
            for (JsonNode i : c.get("closure")) {
              out.println(
                  "  ["
                      + i.get("status").asText()
                      + "] "
                      + i.get("kind").asText()
                      + " "
                      + i.get("item").asText()
                      + ": "
                      + i.get("detail").asText());
            }
          }
        }
        out.flush();
        return ExitCodes.OK;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      if (stage != null) {
        body.put("stage", stage);
      } else {
        body.put("alias", alias == null ? "champion" : alias);
      }
      body.put("actor", actor);
      body.put("strict", strict);
      if (reason != null) {
        body.put("reason", reason);
      }
      JsonNode result;
      try {
        result = client.post(path + "/rollback", body);
      } catch (CliException e) {
        throw e.exitCode() == ExitCodes.USAGE
            ? new CliException(e.getMessage(), GateCommand.REFUSED, e)
            : e;
      }
      printPromotion(out, result, tracking.json());
      return ExitCodes.OK;
    }
  }

  /** {@code mledger models card NAME VERSION}. */
  @Command(
      name = "card",
      mixinStandardHelpOptions = true,
      description = "Prints the model card (Markdown, or JSON with --json).")
  public static final class Card implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin TrackingOptions tracking;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "VERSION")
    String version;

    @Override
    public Integer call() {
      GateClient client = new GateClient(tracking);
      String path =
          "/api/v1/registry/models/"
              + GateClient.encode(name)
              + "/versions/"
              + GateClient.encode(version)
              + "/card?format=";
      PrintWriter out = spec.commandLine().getOut();
      if (tracking.json()) {
        JsonOutput.print(out, client.get(path + "json"));
      } else {
        out.print(client.getText(path + "md"));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  private static void printPromotion(PrintWriter out, JsonNode result, boolean json) {
    if (json) {
      JsonOutput.print(out, result);
    } else {
      JsonNode override = result.get("override");
      out.println(
          "Model "
              + result.get("model_name").asText()
              + " version "
              + result.get("version").asText()
              + " -> "
              + result.at("/target/kind").asText()
              + " "
              + result.at("/target/name").asText()
              + (override == null || override.isNull()
                  ? " (decision " + result.get("decision_id").asText() + ")"
                  : " (override: " + override.get("reason").asText() + ")"));
    }
    out.flush();
  }
}
