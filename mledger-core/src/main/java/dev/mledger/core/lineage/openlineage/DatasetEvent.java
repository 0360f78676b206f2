package dev.mledger.core.lineage.openlineage;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Metadata about one dataset (its facets), outside any run. */
public record DatasetEvent(
    OffsetDateTime eventTime,
    String producer,
    String schemaUrl,
    LineageDataset dataset,
    Map<String, Object> document,
    String digest)
    implements OpenLineageEvent {

  public DatasetEvent {
    document = Collections.unmodifiableMap(new LinkedHashMap<>(document));
  }
}
