package dev.mledger.core.registry;

import dev.mledger.core.error.MledgerException;
import java.util.List;
import java.util.Locale;

/**
 * The lifecycle stage of a model version (MLflow's {@code current_stage}). MLflow parses stage
 * names case-insensitively ({@code "production"}, {@code "PRODUCTION"}) and always writes the
 * canonical spelling of {@link #wireName()}.
 */
public enum Stage {
  NONE("None"),
  STAGING("Staging"),
  PRODUCTION("Production"),
  ARCHIVED("Archived");

  /** The stages get-latest-versions and archive_existing_versions consider "active". */
  public static final List<Stage> ACTIVE = List.of(STAGING, PRODUCTION);

  private final String wireName;

  Stage(String wireName) {
    this.wireName = wireName;
  }

  /** The canonical name MLflow stores and returns, e.g. {@code Production}. */
  public String wireName() {
    return wireName;
  }

  public boolean isActive() {
    return ACTIVE.contains(this);
  }

  /**
   * MLflow's {@code get_canonical_stage}: any capitalisation of a stage name.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE with MLflow's message for anything else
   */
  public static Stage parse(String name) {
    if (name != null) {
      String lower = name.toLowerCase(Locale.ROOT);
      for (Stage stage : values()) {
        if (stage.wireName.toLowerCase(Locale.ROOT).equals(lower)) {
          return stage;
        }
      }
    }
    throw MledgerException.invalidParameter(
        "Invalid Model Version stage: "
            + name
            + ". Value must be one of None, Staging, Production, Archived.");
  }

  @Override
  public String toString() {
    return wireName;
  }
}
