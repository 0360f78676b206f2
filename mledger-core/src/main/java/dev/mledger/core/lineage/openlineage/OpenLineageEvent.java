package dev.mledger.core.lineage.openlineage;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One OpenLineage event: a {@link RunEvent} (a job run changed state), a {@link JobEvent} (static
 * job lineage) or a {@link DatasetEvent} (dataset metadata).
 */
public sealed interface OpenLineageEvent permits RunEvent, JobEvent, DatasetEvent {

  OffsetDateTime eventTime();

  String producer();

  String schemaUrl();

  /** The whole event as received, parsed (for storage and re-delivery detection). */
  Map<String, Object> document();

  /** SHA-256 of the canonical JSON of {@link #document()}: equal for a re-delivered event. */
  String digest();
}
