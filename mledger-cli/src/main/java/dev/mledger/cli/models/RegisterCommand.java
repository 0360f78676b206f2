package dev.mledger.cli.models;

import dev.mledger.cli.CliException;
import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.VersionProvider;
import dev.mledger.cli.tracking.ExitCodes;
import dev.mledger.cli.tracking.TrackingCommand;
import dev.mledger.client.MledgerClient;
import dev.mledger.client.RegistryClient;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.registry.ModelVersion;
import dev.mledger.core.registry.ModelVersionTag;
import dev.mledger.core.tracking.Run;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mledger models register NAME --run RUN_ID --path PATH}: registers the model a run logged
 * as a new version, creating the registered model when needed, as MLflow's {@code register_model}
 * does for a {@code runs:/RUN_ID/PATH} URI (the version's source is the run's artifact location
 * joined with PATH).
 */
@Command(
    name = "register",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Register the model a run logged under PATH as a new version of NAME (the model is created"
          + " if it does not exist)."
    })
public final class RegisterCommand extends TrackingCommand {
  @Parameters(paramLabel = "NAME", description = "Registered model name.")
  String name;

  @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "Source run.")
  String runId;

  @Option(
      names = "--path",
      required = true,
      paramLabel = "PATH",
      description = "The model's path within the run's artifacts, e.g. model.")
  String path;

  @Option(names = "--description", paramLabel = "TEXT", description = "Version description.")
  String description;

  @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Version tag; repeatable.")
  List<String> tags = new ArrayList<>();

  @Override
  protected int execute(MledgerClient client) {
    String relative = stripSlashes(path);
    if (relative.isEmpty()) {
      throw new CliException("--path must name a path within the run's artifacts", ExitCodes.USAGE);
    }
    List<ModelVersionTag> versionTags = parseTags(tags);
    Run run = client.getRun(runId);
    String artifactUri = run.info().artifactUri();
    if (artifactUri == null || artifactUri.isEmpty()) {
      throw new CliException("run " + runId + " has no artifact location", ExitCodes.USAGE);
    }
    String source = stripTrailingSlashes(artifactUri) + "/" + relative;
    RegistryClient registry = client.registry();
    boolean created = false;
    if (registry.findRegisteredModel(name).isEmpty()) {
      try {
        registry.createRegisteredModel(name, null, List.of());
        created = true;
      } catch (MledgerException e) {
        // Someone registered it concurrently: use theirs, as MLflow's register_model does.
        if (e.code() != ErrorCode.RESOURCE_ALREADY_EXISTS) {
          throw e;
        }
      }
    }
    ModelVersion version =
        registry.createModelVersion(name, source, runId, description, versionTags);
    PrintWriter out = out();
    if (json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("registered_model_created", created);
      json.put("model_version", ModelsJson.modelVersion(version));
      JsonOutput.print(out, json);
      return ExitCodes.OK;
    }
    if (created) {
      out.println("Created registered model " + name + ".");
    }
    out.println(
        "Registered model "
            + name
            + " version "
            + version.version()
            + " from run "
            + runId
            + " ("
            + source
            + ").");
    out.flush();
    return ExitCodes.OK;
  }

  private static List<ModelVersionTag> parseTags(List<String> tags) {
    List<ModelVersionTag> parsed = new ArrayList<>();
    for (String tag : tags) {
      int eq = tag.indexOf('=');
      if (eq <= 0) {
        throw new CliException("--tag must be KEY=VALUE, got '" + tag + "'", ExitCodes.USAGE);
      }
      parsed.add(new ModelVersionTag(tag.substring(0, eq), tag.substring(eq + 1)));
    }
    return parsed;
  }

  private static String stripSlashes(String value) {
    String stripped = value.strip();
    int start = 0;
    while (start < stripped.length() && stripped.charAt(start) == '/') {
      start++;
    }
    return stripTrailingSlashes(stripped.substring(start));
  }

  private static String stripTrailingSlashes(String value) {
    int end = value.length();
    while (end > 0 && value.charAt(end - 1) == '/') {
      end--;
    }
    return value.substring(0, end);
  }
}
