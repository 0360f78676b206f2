package dev.mledger.core.lineage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something upstream of a model that moved on since the model was built: a newer version of a
 * dataset it was trained on, or a later code version of the experiment that trained it. Monitoring
 * root cause and retraining decisions start from these.
 *
 * @param kind {@code dataset_version} or {@code code_version}
 * @param used the node in the model's dependency closure
 * @param newer the newer node
 * @param details what makes it newer (versions, run, experiment, times), JSON-ready
 */
public record UpstreamChange(String kind, NodeId used, NodeId newer, Map<String, Object> details) {
  public static final String DATASET_VERSION = "dataset_version";
  public static final String CODE_VERSION = "code_version";

  public UpstreamChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(used, "used");
    Objects.requireNonNull(newer, "newer");
    details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** JSON form: {@code kind}, {@code used}, {@code newer} (node ids) and the details. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind);
    m.put("used", used.id());
    m.put("newer", newer.id());
    m.putAll(details);
    return m;
  }
}
