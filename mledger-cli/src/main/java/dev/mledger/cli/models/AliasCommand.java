package dev.mledger.cli.models;

import dev.mledger.cli.CliException;
import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.VersionProvider;
import dev.mledger.cli.tracking.ExitCodes;
import dev.mledger.cli.tracking.TrackingCommand;
import dev.mledger.client.MledgerClient;
import dev.mledger.client.RegistryClient;
import dev.mledger.core.registry.ModelVersion;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mledger models alias NAME ALIAS VERSION} and {@code mledger models alias --delete NAME
 * ALIAS}: audited alias changes.
 */
@Command(
    name = "alias",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Point an alias at a version (NAME ALIAS VERSION) or remove it (--delete NAME ALIAS),"
          + " recording actor, reason and approval in the history.",
      "Not gated: use 'mledger models promote --alias' to enforce a passing gate decision."
    })
public final class AliasCommand extends TrackingCommand {
  @Parameters(
      arity = "2..3",
      paramLabel = "NAME ALIAS [VERSION]",
      description = "Model name, alias and (unless --delete) the version.")
  List<String> arguments;

  @Option(names = "--delete", description = "Remove the alias instead of setting it.")
  boolean delete;

  @Mixin ChangeOptions change;

  @Override
  protected int execute(MledgerClient client) {
    if (delete && arguments.size() != 2) {
      throw new CliException("--delete takes NAME ALIAS, without a version", ExitCodes.USAGE);
    }
    if (!delete && arguments.size() != 3) {
      throw new CliException("give NAME ALIAS VERSION (or --delete NAME ALIAS)", ExitCodes.USAGE);
    }
    String name = arguments.get(0);
    String alias = arguments.get(1);
    RegistryClient registry = client.registry();
    PrintWriter out = out();
    if (delete) {
      registry.deleteAlias(name, alias, change.context());
      if (json()) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("alias", alias);
        json.put("deleted", true);
        JsonOutput.print(out, json);
      } else {
        out.println("Alias " + alias + " of model " + name + " removed.");
        out.flush();
      }
      return ExitCodes.OK;
    }
    registry.setAlias(name, alias, arguments.get(2), change.context());
    ModelVersion target = registry.getModelVersionByAlias(name, alias);
    if (json()) {
      JsonOutput.print(out, Map.of("model_version", ModelsJson.modelVersion(target)));
    } else {
      out.println(
          "Alias "
              + alias
              + " of model "
              + name
              + " now points at version "
              + target.version()
              + ".");
      out.flush();
    }
    return ExitCodes.OK;
  }
}
