package dev.mledger.core.monitor;

import dev.mledger.core.error.MledgerException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a monitor watches: a model version (or serving endpoint), the reference its production data
 * is compared with, the feature schema and how events are windowed.
 *
 * @param name a unique, human-readable name
 * @param model the registered model name, or an endpoint name when {@code version} is null
 * @param version the model version watched, or {@code null} for an endpoint
 * @param reference where the reference profile came from: {@code dataset:NAME@VERSION} or {@code
 *     run:RUN_ID}
 * @param features the monitored columns
 * @param prediction the prediction column's type, or {@code null} when predictions are not compared
 * @param window how events are cut into windows
 * @param segmentColumn a categorical feature reports are also sliced by, or {@code null}
 * @param embeddingDimension the length of the embedding events may carry, or {@code null} when the
 *     monitor takes no embeddings
 */
public record MonitorDefinition(
    String name,
    String model,
    String version,
    String reference,
    List<FeatureSpec> features,
    FeatureType prediction,
    WindowSpec window,
    String segmentColumn,
    Integer embeddingDimension) {

  /** A monitor without embeddings. */
  public MonitorDefinition(
      String name,
      String model,
      String version,
      String reference,
      List<FeatureSpec> features,
      FeatureType prediction,
      WindowSpec window,
      String segmentColumn) {
    this(name, model, version, reference, features, prediction, window, segmentColumn, null);
  }

  public MonitorDefinition {
    if (embeddingDimension != null && embeddingDimension < 1) {
      throw MledgerException.invalidParameter(
          "'embedding_dimension' must be a positive integer, got " + embeddingDimension + ".");
    }
    if (name == null || name.isBlank()) {
      throw MledgerException.invalidParameter("A monitor needs a name.");
    }
    if (model == null || model.isBlank()) {
      throw MledgerException.invalidParameter("A monitor needs a model or endpoint name.");
    }
    if (reference == null || !(reference.startsWith("dataset:") || reference.startsWith("run:"))) {
      throw MledgerException.invalidParameter(
          "A monitor's reference must be 'dataset:NAME@VERSION' or 'run:RUN_ID', got '"
              + reference
              + "'.");
    }
    features = List.copyOf(features);
    if (features.isEmpty()) {
      throw MledgerException.invalidParameter("A monitor needs at least one feature.");
    }
    Set<String> seen = new HashSet<>();
    for (FeatureSpec f : features) {
      if (!seen.add(f.name())) {
        throw MledgerException.invalidParameter("Feature '" + f.name() + "' is listed twice.");
      }
    }
    Objects.requireNonNull(window, "window");
    if (segmentColumn != null && feature(features, segmentColumn) == null) {
      throw MledgerException.invalidParameter(
          "The segment column '" + segmentColumn + "' is not a monitored feature.");
    }
  }

  /** The feature named {@code name}, or {@code null}. */
  public FeatureSpec feature(String featureName) {
    return feature(features, featureName);
  }

  private static FeatureSpec feature(List<FeatureSpec> features, String name) {
    for (FeatureSpec f : features) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    return null;
  }
}
