package dev.mledger.core.gate;

import dev.mledger.core.error.MledgerException;

/** Where a promotion puts a model version: an alias such as {@code champion}, or a stage. */
public sealed interface PromotionTarget {

  /** {@code alias} or {@code stage}, as stored and shown. */
  String kind();

  /** The alias or stage name. */
  String name();

  /** The alias {@code name} is moved to the promoted version. */
  record Alias(String name) implements PromotionTarget {
    public Alias {
      GateArguments.requireText("alias", name);
    }

    @Override
    public String kind() {
      return "alias";
    }
  }

  /** The promoted version transitions to stage {@code name} (MLflow's {@code Production}, …). */
  record Stage(String name) implements PromotionTarget {
    public Stage {
      GateArguments.requireText("stage", name);
    }

    @Override
    public String kind() {
      return "stage";
    }
  }

  /**
   * Rebuilds a target from its {@link #kind()} and {@link #name()}.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE for an unknown kind
   */
  static PromotionTarget of(String kind, String name) {
    return switch (kind) {
      case "alias" -> new Alias(name);
      case "stage" -> new Stage(name);
      default ->
          throw MledgerException.invalidParameter(
              "A promotion target is an 'alias' or a 'stage', got '" + kind + "'.");
    };
  }
}
