package dev.mledger.core.monitor;

import dev.mledger.core.error.MledgerException;
import java.util.Objects;

/**
 * One monitored column of the feature schema.
 *
 * @param name the column name as events send it
 * @param type numeric or categorical
 */
public record FeatureSpec(String name, FeatureType type) {
  public FeatureSpec {
    if (name == null || name.isBlank()) {
      throw MledgerException.invalidParameter("A feature needs a non-empty name.");
    }
    Objects.requireNonNull(type, "type");
  }
}
