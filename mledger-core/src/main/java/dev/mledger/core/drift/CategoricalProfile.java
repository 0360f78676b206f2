package dev.mledger.core.drift;

import dev.mledger.core.error.MledgerException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.memory.Memory;

/**
 * A mergeable profile of a categorical stream: a DataSketches frequent-items sketch plus the
 * missing count.
 *
 * <p>Accuracy: counts are exact while the stream has at most 0.75 × {@code maxMapSize} distinct
 * categories (768 with the default 1024). Beyond that each count is an estimate within {@link
 * #maximumError()} of the truth, and categories rarer than that error may be missing from {@link
 * #counts()}. Not thread-safe.
 */
public final class CategoricalProfile {
  /** The default map size (a power of two). */
  public static final int DEFAULT_MAX_MAP_SIZE = 1024;

  private static final int FORMAT = 1;
  private static final ArrayOfStringsSerDe SERDE = new ArrayOfStringsSerDe();

  private final ItemsSketch<String> sketch;
  private long missing;

  private CategoricalProfile(ItemsSketch<String> sketch) {
    this.sketch = sketch;
  }

  /** An empty profile with {@link #DEFAULT_MAX_MAP_SIZE}. */
  public static CategoricalProfile create() {
    return create(DEFAULT_MAX_MAP_SIZE);
  }

  /** An empty profile; {@code maxMapSize} must be a power of two of at least 8. */
  public static CategoricalProfile create(int maxMapSize) {
    if (maxMapSize < 8 || Integer.bitCount(maxMapSize) != 1) {
      throw MledgerException.invalidParameter(
          "maxMapSize must be a power of two of at least 8, got " + maxMapSize);
    }
    return new CategoricalProfile(new ItemsSketch<>(maxMapSize));
  }

  /** Adds one value; {@code null} counts as missing. */
  public void update(String value) {
    update(value, 1);
  }

  /** Adds {@code count} occurrences of a value; {@code null} counts as missing. */
  public void update(String value, long count) {
    if (count < 0) {
      throw MledgerException.invalidParameter("count must not be negative");
    }
    if (value == null) {
      missing += count;
    } else if (count > 0) {
      sketch.update(value, count);
    }
  }

  /** Adds another profile's values to this one. */
  public void merge(CategoricalProfile other) {
    sketch.merge(other.sketch);
    missing += other.missing;
  }

  /** Non-missing values seen. */
  public long count() {
    return sketch.getStreamLength();
  }

  /** Missing values seen. */
  public long missing() {
    return missing;
  }

  /** The largest possible error of any count; 0 while counts are exact. */
  public long maximumError() {
    return sketch.getMaximumError();
  }

  /** Whether every count is exact. */
  public boolean isExact() {
    return sketch.getMaximumError() == 0;
  }

  /** Count (or estimate) per category, most frequent first. */
  public Map<String, Long> counts() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (ItemsSketch.Row<String> row : sketch.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES)) {
      out.put(row.getItem(), row.getEstimate());
    }
    return out;
  }

  /** A portable binary form (format version, missing count, then the sketch). */
  public byte[] toBytes() {
    byte[] items = sketch.toByteArray(SERDE);
    return ByteBuffer.allocate(4 + 8 + items.length)
        .putInt(FORMAT)
        .putLong(missing)
        .put(items)
        .array();
  }

  /** Reads {@link #toBytes()}. */
  public static CategoricalProfile fromBytes(byte[] bytes) {
    try {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      int format = buf.getInt();
      if (format != FORMAT) {
        throw MledgerException.invalidParameter("unknown categorical profile format " + format);
      }
      long missing = buf.getLong();
      byte[] items = new byte[buf.remaining()];
      buf.get(items);
      CategoricalProfile p =
          new CategoricalProfile(ItemsSketch.getInstance(Memory.wrap(items), SERDE));
      p.missing = missing;
      return p;
    } catch (java.nio.BufferUnderflowException
        | org.apache.datasketches.common.SketchesException e) {
      throw MledgerException.invalidParameter("corrupt categorical profile: " + e.getMessage());
    }
  }
}
