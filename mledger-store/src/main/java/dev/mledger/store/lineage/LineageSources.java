package dev.mledger.store.lineage;

import dev.mledger.core.lineage.CompositeLineageSource;
import dev.mledger.core.lineage.LineageGraph;
import dev.mledger.core.lineage.LineageSource;
import dev.mledger.store.registry.ModelRegistryStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole lineage graph of one database: recorded and tracking-derived edges plus the registry.
 */
public final class LineageSources {
  private LineageSources() {}

  /**
   * @param registry null when no model registry is available
   */
  public static LineageSource combined(LineageStore lineage, ModelRegistryStore registry) {
    List<LineageSource> sources = new ArrayList<>();
    sources.add(lineage);
    if (registry != null) {
      sources.add(new RegistryLineageSource(registry));
    }
    return new CompositeLineageSource(sources);
  }

  /** A graph over {@link #combined}. */
  public static LineageGraph graph(LineageStore lineage, ModelRegistryStore registry) {
    return new LineageGraph(combined(lineage, registry));
  }
}
