package dev.mledger.core.lineage;

import dev.mledger.core.envelope.CanonicalJson;
import dev.mledger.core.tracking.Dataset;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * Names MLflow datasets (from {@code log-inputs}) the way OpenLineage names datasets, so that a
 * file written by a pipeline job and later logged as a training input are the same dataset:
 *
 * <ul>
 *   <li>a source with a {@code uri}, {@code url} or {@code path}: OpenLineage's naming for that
 *       location ({@code s3://bucket/key} → namespace {@code s3://bucket}, name {@code key}; a
 *       local path or {@code file:} URI → namespace {@code file}, name the path);
 *   <li>a source naming a table ({@code delta_table_name}, {@code table_name}): namespace the
 *       source type, name the table; a Hugging Face source: namespace {@code huggingface};
 *   <li>anything else: namespace {@code mlflow}, name the dataset's name.
 * </ul>
 *
 * The version is always the dataset's digest, MLflow's content hash.
 */
public final class MlflowDatasets {
  /** Namespace of MLflow datasets whose source names no location. */
  public static final String MLFLOW_NAMESPACE = "mlflow";

  private MlflowDatasets() {}

  /** The lineage node of an MLflow dataset. */
  public static NodeId.Dataset node(Dataset dataset) {
    String version =
        dataset.digest() == null || dataset.digest().isEmpty() ? null : dataset.digest();
    Map<?, ?> source = sourceObject(dataset.source());
    if (source != null) {
      if ("hugging_face".equals(dataset.sourceType()) && source.get("path") instanceof String p) {
        return nonEmpty("huggingface", p, version, dataset);
      }
      for (String key : new String[] {"uri", "url", "path"}) {
        if (source.get(key) instanceof String location && !location.isBlank()) {
          return fromLocation(location, version, dataset);
        }
      }
      for (String key : new String[] {"delta_table_name", "table_name"}) {
        if (source.get(key) instanceof String table && !table.isBlank()) {
          return nonEmpty(dataset.sourceType(), table, version, dataset);
        }
      }
    }
    return new NodeId.Dataset(MLFLOW_NAMESPACE, dataset.name(), version);
  }

  private static NodeId.Dataset fromLocation(String location, String version, Dataset dataset) {
    URI uri;
    try {
      uri = new URI(location);
    } catch (URISyntaxException e) {
      return new NodeId.Dataset("file", location, version);
    }
    String scheme = uri.getScheme();
    if (scheme == null || scheme.length() == 1) {
      // No scheme, or a Windows drive letter: a local path.
      return new NodeId.Dataset("file", location, version);
    }
    if ("file".equals(scheme)) {
      return nonEmpty("file", uri.getPath(), version, dataset);
    }
    if (uri.getRawAuthority() != null) {
      String path = uri.getPath() == null ? "" : uri.getPath();
      String key = path.startsWith("/") ? path.substring(1) : path;
      return nonEmpty(scheme + "://" + uri.getRawAuthority(), key, version, dataset);
    }
    String rest = uri.getSchemeSpecificPart();
    return nonEmpty(scheme, rest, version, dataset);
  }

  private static NodeId.Dataset nonEmpty(
      String namespace, String name, String version, Dataset dataset) {
    if (namespace == null || namespace.isEmpty() || name == null || name.isEmpty()) {
      return new NodeId.Dataset(MLFLOW_NAMESPACE, dataset.name(), version);
    }
    return new NodeId.Dataset(namespace, name, version);
  }

  private static Map<?, ?> sourceObject(String source) {
    if (source == null || source.isBlank()) {
      return null;
    }
    try {
      return CanonicalJson.parse(source) instanceof Map<?, ?> map ? map : null;
    } catch (IllegalArgumentException e) {
      // MLflow stores the source as JSON; anything else is treated as a bare location.
      return Map.of("uri", source);
    }
  }
}
