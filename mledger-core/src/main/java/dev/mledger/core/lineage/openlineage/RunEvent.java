package dev.mledger.core.lineage.openlineage;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run state transition of a job, with the datasets the run read and wrote.
 *
 * @param eventType null when the event does not say (the spec makes it optional)
 */
public record RunEvent(
    EventType eventType,
    OffsetDateTime eventTime,
    String producer,
    String schemaUrl,
    String runId,
    Map<String, Object> runFacets,
    String jobNamespace,
    String jobName,
    Map<String, Object> jobFacets,
    List<LineageDataset> inputs,
    List<LineageDataset> outputs,
    Map<String, Object> document,
    String digest)
    implements OpenLineageEvent {

  public RunEvent {
    runFacets = Collections.unmodifiableMap(new LinkedHashMap<>(runFacets));
    jobFacets = Collections.unmodifiableMap(new LinkedHashMap<>(jobFacets));
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    document = Collections.unmodifiableMap(new LinkedHashMap<>(document));
  }
}
