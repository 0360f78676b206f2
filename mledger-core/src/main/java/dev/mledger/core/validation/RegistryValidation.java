package dev.mledger.core.validation;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.registry.ModelVersionTag;
import dev.mledger.core.registry.RegisteredModelTag;
import java.util.regex.Pattern;

/**
 * The input rules of MLflow 2.17's model registry ({@code mlflow/utils/validation.py} and the
 * checks its registry SQL store makes), with MLflow's limits and messages. Every failure is a
 * {@link MledgerException} with {@code INVALID_PARAMETER_VALUE}.
 */
public final class RegistryValidation {

  public static final int MAX_TAG_KEY_LENGTH = 250;
  public static final int MAX_TAG_VALUE_LENGTH = 5000;
  public static final int MAX_ALIAS_LENGTH = 255;

  /** search-registered-models: proto default and the handler's upper bound. */
  public static final int SEARCH_REGISTERED_MODELS_DEFAULT = 100;

  public static final int SEARCH_REGISTERED_MODELS_MAX = 1000;

  /** search-model-versions: proto default, which is also the upper bound. */
  public static final int SEARCH_MODEL_VERSIONS_MAX = 200_000;

  /** Python's {@code ^[\w\-]*$}; {@code $} also matches before a final newline. */
  private static final Pattern ALIAS =
      Pattern.compile("[\\w\\-]*\\n?", Pattern.UNICODE_CHARACTER_CLASS);

  private static final Pattern VERSION_ALIAS = Pattern.compile("[vV]\\d+\\n?");

  /** What Python's {@code int(str)} accepts: a sign, digits, single underscores between digits. */
  private static final Pattern PY_INT = Pattern.compile("[+-]?[0-9]+(_[0-9]+)*");

  private RegistryValidation() {}

  /** A registered model name: present and non-empty ({@code _validate_model_name}). */
  public static void validateModelName(String name) {
    if (name == null || name.isEmpty()) {
      throw invalid("Missing value for required parameter 'name'.");
    }
  }

  /** A new registered model name ({@code _validate_model_renaming}). */
  public static void validateNewModelName(String newName) {
    if (newName == null || newName.isEmpty()) {
      throw invalid("Missing value for required parameter 'new_name'.");
    }
  }

  /**
   * A model version as the API carries it, a decimal string; returns its number ({@code
   * _validate_model_version}: Python's {@code int()}, so {@code " 3"} and {@code "+3"} are 3).
   */
  public static long parseVersion(String version) {
    String text = version == null ? "None" : version;
    String stripped = text.strip();
    if (PY_INT.matcher(stripped).matches()) {
      String digits = stripped.replace("_", "");
      try {
        return Long.parseLong(digits);
      } catch (NumberFormatException e) {
        // Larger than any version that can exist; no such version, but a valid integer.
        return digits.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
      }
    }
    throw invalid("Parameter 'version' must be an integer, got '" + text + "'.");
  }

  /** An alias name ({@code _validate_model_alias_name}). */
  public static void validateAlias(String alias) {
    if (alias == null || alias.isEmpty()) {
      throw invalid("Registered model alias name cannot be empty.");
    }
    if (!ALIAS.matcher(alias).matches()) {
      throw invalid(
          "Invalid alias name: '"
              + alias
              + "'. Names may only contain alphanumerics, underscores (_), and dashes (-).");
    }
    lengthLimit("Registered model alias name", MAX_ALIAS_LENGTH, alias);
    if (alias.equalsIgnoreCase("latest")) {
      throw invalid("'latest' alias name (case insensitive) is reserved.");
    }
    if (VERSION_ALIAS.matcher(alias).matches()) {
      throw invalid("Version alias name '" + alias + "' is reserved.");
    }
  }

  /** A registered model tag ({@code _validate_registered_model_tag}). */
  public static void validateRegisteredModelTag(RegisteredModelTag tag) {
    validateTag(tag.key(), tag.value());
  }

  /** A model version tag ({@code _validate_model_version_tag}). */
  public static void validateModelVersionTag(ModelVersionTag tag) {
    validateTag(tag.key(), tag.value());
  }

  /** The key of a tag to delete ({@code _validate_tag_name}). */
  public static void validateTagKey(String key) {
    TrackingValidation.validateTagKey(key);
  }

  private static void validateTag(String key, String value) {
    TrackingValidation.validateTagKey(key);
    lengthLimit("key", MAX_TAG_KEY_LENGTH, key);
    lengthLimit("value", MAX_TAG_VALUE_LENGTH, value);
  }

  /** The max_results of search-registered-models (handler and store checks). */
  public static int searchRegisteredModelsMaxResults(Long requested) {
    long value = requested == null ? SEARCH_REGISTERED_MODELS_DEFAULT : requested;
    if (value > SEARCH_REGISTERED_MODELS_MAX) {
      throw invalid(
          "Invalid value for request parameter max_results. It must be at most "
              + SEARCH_REGISTERED_MODELS_MAX
              + ", but got value "
              + value);
    }
    if (value < 1) {
      throw invalid(
          "Invalid value for request parameter max_results. It must be at least 1, but got value "
              + value);
    }
    return (int) value;
  }

  /** The max_results of search-model-versions (store checks). */
  public static int searchModelVersionsMaxResults(Long requested) {
    long value = requested == null ? SEARCH_MODEL_VERSIONS_MAX : requested;
    if (value < 1) {
      throw invalid(
          "Invalid value for max_results. It must be a positive integer, but got " + value);
    }
    if (value > SEARCH_MODEL_VERSIONS_MAX) {
      throw invalid(
          "Invalid value for request parameter max_results. It must be at most "
              + SEARCH_MODEL_VERSIONS_MAX
              + ", but got value "
              + value);
    }
    return (int) value;
  }

  private static void lengthLimit(String entity, int limit, String value) {
    if (value == null) {
      return;
    }
    int length = PythonFormat.length(value);
    if (length > limit) {
      throw invalid(
          entity
              + " '"
              + PythonFormat.prefix(value, 250)
              + "' had length "
              + length
              + ", which exceeded length limit of "
              + limit);
    }
  }

  private static MledgerException invalid(String message) {
    return MledgerException.invalidParameter(message);
  }
}
