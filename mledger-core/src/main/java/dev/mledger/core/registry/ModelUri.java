package dev.mledger.core.registry;

import dev.mledger.core.error.MledgerException;

/**
 * A parsed {@code models:/} URI, with MLflow's {@code _parse_model_uri} rules: {@code
 * models:/name/3} (a version), {@code models:/name/Production} (the latest version in a stage),
 * {@code models:/name/latest} (the latest version in any stage) and {@code models:/name@champion}
 * (an alias).
 */
public sealed interface ModelUri {

  /** The registered model's name. */
  String name();

  record ByVersion(String name, long version) implements ModelUri {}

  record ByStage(String name, Stage stage) implements ModelUri {}

  record Latest(String name) implements ModelUri {}

  record ByAlias(String name, String alias) implements ModelUri {}

  /**
   * Parses {@code uri}.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE with MLflow's message for anything that is not
   *     a proper {@code models:/} URI (and for an unknown stage name)
   */
  static ModelUri parse(String uri) {
    return ModelUriParser.parse(uri);
  }
}
