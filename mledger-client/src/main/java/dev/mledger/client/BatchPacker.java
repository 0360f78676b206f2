package dev.mledger.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.RunTag;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts one run's metrics, params and tags, in logging order, into the fewest consecutive batches
 * that each respect {@link BatchLimits}: at most 1000 metrics, 100 params, 100 tags, 1000 entries
 * and 1 MB of request body.
 */
final class BatchPacker {
  /** Room left in each request for the envelope: run id, field names, brackets. */
  private static final int ENVELOPE_BYTES = 256;

  private final int maxBytes;

  BatchPacker() {
    this(BatchLimits.MAX_REQUEST_BYTES);
  }

  BatchPacker(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  List<Batch> pack(List<LogEntry.Data> entries) {
    List<Batch> batches = new ArrayList<>();
    Builder current = new Builder();
    for (LogEntry.Data entry : entries) {
      int bytes = jsonBytes(entry);
      if (ENVELOPE_BYTES + bytes > maxBytes) {
        throw new IllegalArgumentException(
            "A single " + kind(entry) + " is larger than the " + maxBytes + "-byte request limit");
      }
      if (!current.fits(entry, bytes)) {
        batches.add(current.build());
        current = new Builder();
      }
      current.add(entry, bytes);
    }
    if (current.count > 0) {
      batches.add(current.build());
    }
    return batches;
  }

  private final class Builder {
    final List<Metric> metrics = new ArrayList<>();
    final List<Param> params = new ArrayList<>();
    final List<RunTag> tags = new ArrayList<>();
    int count;
    long bytes = ENVELOPE_BYTES;

    boolean fits(LogEntry.Data entry, int entryBytes) {
      if (count >= BatchLimits.MAX_ENTITIES || bytes + entryBytes > maxBytes) {
        return false;
      }
      if (entry instanceof LogEntry.MetricEntry) {
        return metrics.size() < BatchLimits.MAX_METRICS;
      }
      if (entry instanceof LogEntry.ParamEntry) {
        return params.size() < BatchLimits.MAX_PARAMS;
      }
      return tags.size() < BatchLimits.MAX_TAGS;
    }

    void add(LogEntry.Data entry, int entryBytes) {
      if (entry instanceof LogEntry.MetricEntry m) {
        metrics.add(m.metric());
      } else if (entry instanceof LogEntry.ParamEntry p) {
        params.add(p.param());
      } else if (entry instanceof LogEntry.TagEntry t) {
        tags.add(t.tag());
      }
      count++;
      bytes += entryBytes;
    }

    Batch build() {
      return new Batch(metrics, params, tags);
    }
  }

  /** The entry's exact size in the request body, plus a separating comma. */
  private static int jsonBytes(LogEntry.Data entry) {
    try {
      Object json;
      if (entry instanceof LogEntry.MetricEntry m) {
        json = Wire.metric(m.metric());
      } else if (entry instanceof LogEntry.ParamEntry p) {
        json = Wire.keyValue(p.param().key(), p.param().value());
      } else {
        LogEntry.TagEntry t = (LogEntry.TagEntry) entry;
        json = Wire.keyValue(t.tag().key(), t.tag().value());
      }
      return 1 + HttpTransport.JSON.writeValueAsBytes(json).length;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot measure a log entry", e);
    }
  }

  private static String kind(LogEntry.Data entry) {
    if (entry instanceof LogEntry.MetricEntry) {
      return "metric";
    }
    return entry instanceof LogEntry.ParamEntry ? "param" : "tag";
  }
}
