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
 * references get exact statistics. Monitors with embeddings also keep a bounded {@link
 * EmbeddingReservoir sample} of the reference embeddings for the kernel test. Profiles of reference
 * partitions {@link #merge merge} into the profile of the whole.
 */
public final class ReferenceProfile {
  /** The column name predictions are profiled under. */
  public static final String PREDICTION = "__prediction__";

  /** Format 2 adds the embedding reservoir; format 1 (columns only) is still read. */
  private static final int FORMAT = 2;

  private final Map<String, ColumnProfile> columns;
  private final EmbeddingReservoir embeddings;

  private ReferenceProfile(Map<String, ColumnProfile> columns, EmbeddingReservoir embeddings) {
    this.columns = columns;
    this.embeddings = embeddings;
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
    return new ReferenceProfile(
        columns,
        monitor.embeddingDimension() == null
            ? null
            : new EmbeddingReservoir(EmbeddingReservoir.DEFAULT_CAPACITY));
  }

  /** The sample of reference embeddings, or {@code null} when the monitor takes none. */
  public EmbeddingReservoir embeddings() {
    return embeddings;
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
    if (embeddings != null && row.embedding() != null) {
      embeddings.add(row.embedding());
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
    if (embeddings != null && other.embeddings != null) {
      embeddings.merge(other.embeddings);
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

  /**
   * A compact binary form (format 2: per column name, type byte, sketch bytes; then the embedding
   * reservoir, if any: capacity, embeddings seen, rows, dimension, values).
   */
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
      out.writeBoolean(embeddings != null);
      if (embeddings != null) {
        out.writeInt(embeddings.capacity());
        out.writeLong(embeddings.seen());
        out.writeInt(embeddings.rows().size());
        out.writeInt(embeddings.dimension());
        for (double[] row : embeddings.rows()) {
          for (double v : row) {
            out.writeDouble(v);
          }
        }
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
      if (format != 1 && format != FORMAT) {
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
      EmbeddingReservoir embeddings = null;
      if (format >= 2 && in.readBoolean()) {
        int capacity = in.readInt();
        long seen = in.readLong();
        int rows = in.readInt();
        int dimension = in.readInt();
        java.util.List<double[]> sample = new java.util.ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
          double[] row = new double[dimension];
          for (int d = 0; d < dimension; d++) {
            row[d] = in.readDouble();
          }
          sample.add(row);
        }
        embeddings = EmbeddingReservoir.restore(capacity, seen, sample);
      }
      return new ReferenceProfile(columns, embeddings);
    } catch (IOException e) {
      throw new MledgerException(
          ErrorCode.INTERNAL_ERROR, "Corrupt reference profile: " + e.getMessage(), e);
    }
  }
}
