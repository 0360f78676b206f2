package dev.mledger.cli.models;

import dev.mledger.core.registry.ModelVersion;
import dev.mledger.core.registry.RegisteredModel;
import dev.mledger.core.registry.RegistryChange;
import dev.mledger.core.registry.StageTransition;
import java.util.List;
import java.util.stream.Collectors;

/** One-cell summaries of registry entities for tables. */
final class ModelsText {
  private ModelsText() {}

  /** e.g. {@code champion=3, challenger=4}; null when there are none. */
  static String aliases(RegisteredModel model) {
    if (model.aliases().isEmpty()) {
      return null;
    }
    return model.aliases().stream()
        .map(a -> a.alias() + "=" + a.version())
        .collect(Collectors.joining(", "));
  }

  /** e.g. {@code Production: 3, None: 4}; null when the model has no versions. */
  static String latest(List<ModelVersion> latestVersions) {
    if (latestVersions.isEmpty()) {
      return null;
    }
    return latestVersions.stream()
        .map(v -> v.currentStage().wireName() + ": " + v.version())
        .collect(Collectors.joining(", "));
  }

  /** e.g. {@code stage None -> Production} or {@code alias champion 1 -> 2}. */
  static String change(StageTransition entry) {
    if (entry.change() instanceof RegistryChange.StageChange stage) {
      return "stage " + stage.from().wireName() + " -> " + stage.to().wireName();
    }
    RegistryChange.AliasChange alias = (RegistryChange.AliasChange) entry.change();
    if (alias.newVersion() == null) {
      return "alias " + alias.alias() + " removed (was " + alias.previousVersion() + ")";
    }
    return "alias "
        + alias.alias()
        + " "
        + (alias.previousVersion() == null ? "set" : alias.previousVersion())
        + " -> "
        + alias.newVersion();
  }

  static String approval(StageTransition entry) {
    if (entry.approval() == null) {
      return null;
    }
    return entry.approval().approver()
        + (entry.approval().reference() == null ? "" : " (" + entry.approval().reference() + ")");
  }
}
