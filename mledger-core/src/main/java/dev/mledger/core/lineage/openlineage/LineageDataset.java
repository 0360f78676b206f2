package dev.mledger.core.lineage.openlineage;

import dev.mledger.core.lineage.NodeId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dataset named in an OpenLineage event, with its facets (e.g. {@code schema}, {@code
 * dataSource}, {@code version}) and its input or output facets, as JSON-like maps.
 */
public record LineageDataset(
    String namespace, String name, Map<String, Object> facets, Map<String, Object> ioFacets) {

  public LineageDataset {
    facets = Collections.unmodifiableMap(new LinkedHashMap<>(facets));
    ioFacets = Collections.unmodifiableMap(new LinkedHashMap<>(ioFacets));
  }

  /** The {@code datasetVersion} of the {@code version} facet; null when absent. */
  public String version() {
    if (facets.get("version") instanceof Map<?, ?> facet
        && facet.get("datasetVersion") instanceof String v
        && !v.isEmpty()) {
      return v;
    }
    return null;
  }

  /** The lineage node of this dataset: versioned when the event names a version. */
  public NodeId.Dataset node() {
    return new NodeId.Dataset(namespace, name, version());
  }
}
