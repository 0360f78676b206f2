package dev.mledger.core.monitor;

import dev.mledger.core.error.MledgerException;
import java.util.Locale;

/** How a monitored column is compared with its reference. */
public enum FeatureType {
  NUMERIC,
  CATEGORICAL;

  /** The wire name ({@code numeric} or {@code categorical}). */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name. */
  public static FeatureType fromName(String name) {
    for (FeatureType t : values()) {
      if (t.jsonName().equals(name)) {
        return t;
      }
    }
    throw MledgerException.invalidParameter(
        "Unknown feature type '" + name + "'; use 'numeric' or 'categorical'.");
  }
}
