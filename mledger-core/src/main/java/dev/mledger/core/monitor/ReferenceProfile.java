package dev.mledger.core.monitor;

import dev.mledger.core.drift.CategoricalProfile;
import dev.mledger.core.drift.NumericProfile;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reference distribution p_ref of a monitor as mergeable sketches: KLL for numeric columns,
 * frequent items for categorical ones, one per feature plus {@value #PREDICTION} for predictions.
 * While a column holds fewer values than the sketch size the sketches are exact, so small
 * references get exact statistics. Profiles of reference partitions {@link #merge merge} into the
 * profile of the whole.
 */
public final class ReferenceProfile {
  /** The column name predictions are profiled under. */
  public static final String PREDICTION = "__prediction__";

  private static final int FORMAT = 1;

  private final Map<String, ColumnProfile> columns;

  private ReferenceProfile(Map<String, ColumnProfile> columns) {
    this.columns = columns;
  }

  /** An empty profile for the monitor's schema. */
  public static ReferenceProfile empty(MonitorDefinition monitor) {
    Map<String, ColumnProfile> columns = new LinkedHashMap<>();
    for (FeatureSpec f : monitor.features()) {
      columns.put(f.name(), ColumnProfile.empty(f.type()));
    }
    if (monitor.prediction() != null) {
      columns.put(PREDICTION, ColumnProfile.empty(monitor.prediction()));
    }
    return new ReferenceProfile(columns);
  }

  /** Adds one reference row (validated like an event). */
  public void add(MonitorEvent row) {
    for (Map.Entry<String, ColumnProfile> c : columns.entrySet()) {
      if (c.getKey().equals(PREDICTION)) {
        c.getValue().add(row.prediction());
      } else {
        c.getValue().add(row.features().get(c.getKey()));
      }
    }
  }

  /** Adds the other profile's values column by column; both must have the same columns. */
  public void merge(ReferenceProfile other) {
    if (!columns.keySet().equals(other.columns.keySet())) {
      throw MledgerException.invalidParameter(
          "Cannot merge reference profiles of different columns: "
              + columns.keySet()
              + " vs "
              + other.columns.keySet());
    }
    for (Map.Entry<String, ColumnProfile> c : columns.entrySet()) {
      ColumnProfile theirs = other.columns.get(c.getKey());
      ColumnProfile ours = c.getValue();
      if (ours instanceof ColumnProfile.Numeric n && theirs instanceof ColumnProfile.Numeric t) {
        n.profile().merge(t.profile());
      } else if (ours instanceof ColumnProfile.Categorical n
          && theirs instanceof ColumnProfile.Categorical t) {
        n.profile().merge(t.profile());
      } else {
        throw MledgerException.invalidParameter(
            "Column '" + c.getKey() + "' has different types in the two profiles.");
      }
    }
  }

  /** The columns by name, in schema order. */
  public Map<String, ColumnProfile> columns() {
    return Collections.unmodifiableMap(columns);
  }

  /** The profile of {@code column}, or {@code null}. */
  public ColumnProfile column(String column) {
    return columns.get(column);
  }

  /** The number of rows added (the largest column count including missing values). */
  public long rows() {
    return columns.values().stream().mapToLong(c -> c.count() + c.missing()).max().orElse(0);
  }

  /** A compact binary form (format 1: per column name, type byte, sketch bytes). */
  public byte[] toBytes() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(FORMAT);
      out.writeInt(columns.size());
      for (Map.Entry<String, ColumnProfile> c : columns.entrySet()) {
        out.writeUTF(c.getKey());
        byte[] sketch =
            c.getValue() instanceof ColumnProfile.Numeric n
                ? n.profile().toBytes()
                : ((ColumnProfile.Categorical) c.getValue()).profile().toBytes();
        out.writeByte(c.getValue() instanceof ColumnProfile.Numeric ? 'N' : 'C');
        out.writeInt(sketch.length);
        out.write(sketch);
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("in-memory stream failed", e);
    }
  }

  /** Reads {@link #toBytes()}. */
  public static ReferenceProfile fromBytes(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int format = in.readInt();
      if (format != FORMAT) {
        throw new MledgerException(
            ErrorCode.INTERNAL_ERROR, "Unsupported reference profile format " + format);
      }
      int n = in.readInt();
      Map<String, ColumnProfile> columns = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        String name = in.readUTF();
        int type = in.readByte();
        byte[] sketch = in.readNBytes(in.readInt());
        columns.put(
            name,
            type == 'N'
                ? new ColumnProfile.Numeric(NumericProfile.fromBytes(sketch))
                : new ColumnProfile.Categorical(CategoricalProfile.fromBytes(sketch)));
      }
      return new ReferenceProfile(columns);
    } catch (IOException e) {
      throw new MledgerException(
          ErrorCode.INTERNAL_ERROR, "Corrupt reference profile: " + e.getMessage(), e);
    }
  }
}
