package dev.mledger.core.dataset;

import dev.mledger.core.error.MledgerException;
import java.util.Locale;

/** Which part of a {@link SemanticVersion} a new version increments. */
public enum VersionBump {
  /** Incompatible change (for example a removed or retyped column): {@code 1.4.2 -> 2.0.0}. */
  MAJOR,
  /** Compatible addition (new rows, a new column): {@code 1.4.2 -> 1.5.0}. */
  MINOR,
  /** Fix that keeps the schema (corrected values): {@code 1.4.2 -> 1.4.3}. */
  PATCH;

  /** The bump called {@code name} (major, minor or patch, any case). */
  public static VersionBump fromName(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw MledgerException.invalidParameter(
          "version bump must be major, minor or patch, not '" + name + "'");
    }
  }
}
