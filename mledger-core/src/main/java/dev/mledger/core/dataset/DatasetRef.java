package dev.mledger.core.dataset;

import dev.mledger.core.error.MledgerException;
import java.util.Optional;

/**
 * A reference {@code NAME} or {@code NAME@VERSION} as typed on the command line.
 *
 * @param name the dataset name
 * @param version the version, or empty for the dataset's current version
 */
public record DatasetRef(String name, Optional<SemanticVersion> version) {

  public DatasetRef {
    DatasetNames.requireValid(name);
  }

  /** Parses {@code NAME} or {@code NAME@VERSION}. */
  public static DatasetRef parse(String text) {
    if (text == null || text.isBlank()) {
      throw MledgerException.invalidParameter(
          "empty dataset reference: expected NAME or NAME@VERSION");
    }
    int at = text.indexOf('@');
    if (at < 0) {
      return new DatasetRef(text, Optional.empty());
    }
    return new DatasetRef(
        text.substring(0, at), Optional.of(SemanticVersion.parse(text.substring(at + 1))));
  }

  @Override
  public String toString() {
    return version.map(v -> name + "@" + v).orElse(name);
  }
}
