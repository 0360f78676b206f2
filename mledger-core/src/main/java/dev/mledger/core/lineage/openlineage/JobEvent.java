package dev.mledger.core.lineage.openlineage;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Static lineage of a job (no run): what it reads and writes, and its facets. */
public record JobEvent(
    OffsetDateTime eventTime,
    String producer,
    String schemaUrl,
    String jobNamespace,
    String jobName,
    Map<String, Object> jobFacets,
    List<LineageDataset> inputs,
    List<LineageDataset> outputs,
    Map<String, Object> document,
    String digest)
    implements OpenLineageEvent {

  public JobEvent {
    jobFacets = Collections.unmodifiableMap(new LinkedHashMap<>(jobFacets));
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    document = Collections.unmodifiableMap(new LinkedHashMap<>(document));
  }
}
