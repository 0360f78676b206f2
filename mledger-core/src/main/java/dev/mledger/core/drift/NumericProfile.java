package dev.mledger.core.drift;

import dev.mledger.core.error.MledgerException;
import java.nio.ByteBuffer;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * A mergeable profile of a numeric stream: a KLL quantile sketch plus exact count, mean, variance
 * (Chan et al.'s parallel update), min, max and missing count. Profiles of partitions or time
 * windows merge into the profile of their union, so a reference can be profiled once and compared
 * with any current window by {@link SketchDrift}.
 *
 * <p>Accuracy: with {@code k = 200} (default) a rank query is off by at most {@link #rankError()} ≈
 * 1.3% of the count with 99% confidence; while fewer than about {@code k} values were seen the
 * sketch holds them all and every query is exact. Not thread-safe.
 */
public final class NumericProfile {
  /** The default KLL accuracy parameter. */
  public static final int DEFAULT_K = 200;

  private static final int FORMAT = 1;

  private final KllDoublesSketch sketch;
  private long count;
  private double mean;
  private double m2;
  private long missing;

  private NumericProfile(KllDoublesSketch sketch) {
    this.sketch = sketch;
  }

  /** An empty profile with {@link #DEFAULT_K}. */
  public static NumericProfile create() {
    return create(DEFAULT_K);
  }

  /** An empty profile with accuracy parameter {@code k} (8 to 65535; error ~ 1/k). */
  public static NumericProfile create(int k) {
    if (k < 8 || k > 65535) {
      throw MledgerException.invalidParameter("KLL k must be between 8 and 65535, got " + k);
    }
    return new NumericProfile(KllDoublesSketch.newHeapInstance(k));
  }

  /** Adds one value; NaN counts as missing, infinities are rejected. */
  public void update(double value) {
    if (Double.isNaN(value)) {
      missing++;
      return;
    }
    if (Double.isInfinite(value)) {
      throw MledgerException.invalidParameter("a numeric profile cannot hold " + value);
    }
    sketch.update(value);
    count++;
    double delta = value - mean;
    mean += delta / count;
    m2 += delta * (value - mean);
  }

  /** Adds every value. */
  public void update(double[] values) {
    for (double v : values) {
      update(v);
    }
  }

  /** Adds another profile's values to this one (the other is unchanged). */
  public void merge(NumericProfile other) {
    sketch.merge(other.sketch);
    if (other.count > 0) {
      long total = count + other.count;
      double delta = other.mean - mean;
      mean += delta * other.count / total;
      m2 += other.m2 + delta * delta * ((double) count * other.count / total);
      count = total;
    }
    missing += other.missing;
  }

  /** Non-missing values seen. */
  public long count() {
    return count;
  }

  /** Missing (NaN) values seen. */
  public long missing() {
    return missing;
  }

  /** Whether no value was seen. */
  public boolean isEmpty() {
    return count == 0;
  }

  /** Moments of the values (population standard deviation). */
  public NumericSummary summary() {
    if (count == 0) {
      throw MledgerException.invalidParameter("the profile is empty");
    }
    return new NumericSummary(
        count, mean, Math.sqrt(Math.max(0, m2) / count), sketch.getMinItem(), sketch.getMaxItem());
  }

  /** The normalised rank error of a single query (99% confidence); 0 while the sketch is exact. */
  public double rankError() {
    return isExact() ? 0.0 : sketch.getNormalizedRankError(false);
  }

  /** Whether the sketch still holds every value (no compaction yet). */
  public boolean isExact() {
    return !sketch.isEstimationMode();
  }

  /**
   * The fraction of values at or below each of {@code points} (the empirical CDF, within {@link
   * #rankError()}), e.g. to draw the profile as a histogram.
   */
  public double[] cumulativeFractions(double[] points) {
    if (count == 0) {
      throw MledgerException.invalidParameter("the profile is empty");
    }
    return sketch.getRanks(
        points, org.apache.datasketches.quantilescommon.QuantileSearchCriteria.INCLUSIVE);
  }

  KllDoublesSketch sketch() {
    return sketch;
  }

  /** A portable binary form (format version, moments, then the KLL sketch). */
  public byte[] toBytes() {
    byte[] kll = sketch.toByteArray();
    ByteBuffer buf = ByteBuffer.allocate(4 + 8 * 4 + kll.length);
    buf.putInt(FORMAT).putLong(count).putDouble(mean).putDouble(m2).putLong(missing).put(kll);
    return buf.array();
  }

  /** Reads {@link #toBytes()}. */
  public static NumericProfile fromBytes(byte[] bytes) {
    try {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      int format = buf.getInt();
      if (format != FORMAT) {
        throw MledgerException.invalidParameter("unknown numeric profile format " + format);
      }
      long count = buf.getLong();
      double mean = buf.getDouble();
      double m2 = buf.getDouble();
      long missing = buf.getLong();
      byte[] kll = new byte[buf.remaining()];
      buf.get(kll);
      NumericProfile p = new NumericProfile(KllDoublesSketch.heapify(Memory.wrap(kll)));
      if (p.sketch.getN() != count) {
        throw MledgerException.invalidParameter("corrupt numeric profile: counts disagree");
      }
      p.count = count;
      p.mean = mean;
      p.m2 = m2;
      p.missing = missing;
      return p;
    } catch (java.nio.BufferUnderflowException
        | org.apache.datasketches.common.SketchesException e) {
      throw MledgerException.invalidParameter("corrupt numeric profile: " + e.getMessage());
    }
  }
}
