package dev.mledger.core.monitor;

import dev.mledger.core.error.MledgerException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A bounded uniform sample of the reference embeddings (reservoir sampling, Vitter's algorithm R).
 * The kernel test compares at most a few hundred rows per side, so the reference keeps {@link
 * #capacity()} rows however many it saw. The replacement decisions come from a hash of the row's
 * position rather than a random generator, so the same rows in the same order always give the same
 * sample: profiles, and the reports compared with them, are reproducible.
 */
public final class EmbeddingReservoir {
  /** Rows kept unless told otherwise. */
  public static final int DEFAULT_CAPACITY = 1000;

  private final int capacity;
  private final List<double[]> rows = new ArrayList<>();
  private int dimension;
  private long seen;

  /**
   * @param capacity rows kept (at least 2)
   */
  public EmbeddingReservoir(int capacity) {
    if (capacity < 2) {
      throw MledgerException.invalidParameter("An embedding reservoir keeps at least 2 rows.");
    }
    this.capacity = capacity;
  }

  /** Offers one embedding; all embeddings of a reservoir have one dimension. */
  public void add(double[] embedding) {
    if (dimension == 0) {
      dimension = embedding.length;
    } else if (embedding.length != dimension) {
      throw MledgerException.invalidParameter(
          "embedding of dimension " + embedding.length + " where " + dimension + " was expected");
    }
    seen++;
    if (rows.size() < capacity) {
      rows.add(embedding.clone());
      return;
    }
    long slot = Long.remainderUnsigned(mix(seen), seen);
    if (slot < capacity) {
      rows.set((int) slot, embedding.clone());
    }
  }

  /** SplitMix64's finaliser: a well-mixed 64-bit hash of the position. */
  private static long mix(long x) {
    long z = x + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The sampled rows (not copies; do not modify). */
  public List<double[]> rows() {
    return Collections.unmodifiableList(rows);
  }

  /** Embeddings offered so far. */
  public long seen() {
    return seen;
  }

  /** The embeddings' dimension, or 0 before the first. */
  public int dimension() {
    return dimension;
  }

  public int capacity() {
    return capacity;
  }

  /** Restores a reservoir from its parts (see {@link ReferenceProfile#toBytes()}). */
  static EmbeddingReservoir restore(int capacity, long seen, List<double[]> rows) {
    EmbeddingReservoir r = new EmbeddingReservoir(capacity);
    for (double[] row : rows) {
      if (r.dimension == 0) {
        r.dimension = row.length;
      }
      r.rows.add(row);
    }
    r.seen = seen;
    return r;
  }

  /**
   * Adds the other reservoir's sample, keeping each side's share of the merged sample proportional
   * to the embeddings it saw.
   */
  public void merge(EmbeddingReservoir other) {
    if (other.seen == 0) {
      return;
    }
    if (dimension != 0 && other.dimension != dimension) {
      throw MledgerException.invalidParameter(
          "Cannot merge embeddings of dimension " + other.dimension + " into " + dimension + ".");
    }
    long total = seen + other.seen;
    if (rows.size() + other.rows.size() <= capacity) {
      for (double[] row : other.rows) {
        rows.add(row.clone());
      }
    } else {
      int fromOther =
          (int) Math.min(other.rows.size(), Math.round((double) capacity * other.seen / total));
      int fromThis = Math.min(rows.size(), capacity - fromOther);
      List<double[]> merged = new ArrayList<>(rows.subList(0, fromThis));
      for (double[] row : other.rows.subList(0, Math.min(other.rows.size(), capacity - fromThis))) {
        merged.add(row.clone());
      }
      rows.clear();
      rows.addAll(merged);
    }
    dimension = other.dimension;
    seen = total;
  }
}
