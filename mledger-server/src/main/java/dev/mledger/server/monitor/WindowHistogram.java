package dev.mledger.server.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.drift.CategoricalProfile;
import dev.mledger.core.drift.NumericProfile;
import dev.mledger.core.drift.NumericSummary;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.monitor.ColumnProfile;
import dev.mledger.core.monitor.FeatureSpec;
import dev.mledger.core.monitor.FeatureType;
import dev.mledger.core.monitor.MonitorEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference and one window of a feature as a histogram with shared bins, for drawing them side
 * by side. Numeric features get equal-width bins over the union of both ranges (reference counts
 * read from its KLL sketch, window counts exact); categorical features get one bin per category,
 * the most frequent first, the rest summed into an "other" bin.
 */
final class WindowHistogram {
  static final int DEFAULT_BINS = 20;
  static final int MAX_BINS = 200;

  private WindowHistogram() {}

  static ObjectNode of(
      FeatureSpec feature, ColumnProfile reference, List<MonitorEvent> window, int bins) {
    if (bins < 2 || bins > MAX_BINS) {
      throw MledgerException.invalidParameter(
          "'bins' must be an integer from 2 to " + MAX_BINS + ", got " + bins + ".");
    }
    ObjectNode o = MonitorJson.JSON.createObjectNode();
    o.put("feature", feature.name());
    o.put("type", feature.type().jsonName());
    long missing = 0;
    List<Object> values = new ArrayList<>(window.size());
    for (MonitorEvent e : window) {
      Object value = e.features().get(feature.name());
      if (value == null) {
        missing++;
      } else {
        values.add(value);
      }
    }
    o.put("reference_rows", reference.count());
    o.put("reference_missing", reference.missing());
    o.put("current_rows", values.size());
    o.put("current_missing", missing);
    if (feature.type() == FeatureType.NUMERIC) {
      NumericProfile profile = ((ColumnProfile.Numeric) reference).profile();
      double[] current = values.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
      o.put("approximate", !profile.isExact());
      o.set("bins", numericBins(profile, current, bins));
    } else {
      CategoricalProfile profile = ((ColumnProfile.Categorical) reference).profile();
      o.put("approximate", !profile.isExact());
      categoricalBins(o, profile.counts(), values, bins);
    }
    return o;
  }

  private static ArrayNode numericBins(NumericProfile reference, double[] current, int bins) {
    ArrayNode out = MonitorJson.JSON.createArrayNode();
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    if (!reference.isEmpty()) {
      NumericSummary s = reference.summary();
      low = s.min();
      high = s.max();
    }
    for (double v : current) {
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
    if (low > high) {
      return out;
    }
    int n = high > low ? bins : 1;
    double[] upper = new double[n];
    for (int i = 0; i < n; i++) {
      upper[i] = i == n - 1 ? high : low + (high - low) * (i + 1) / n;
    }
    // Bins are closed on the right; the first one also holds the lowest value.
    long[] referenceCounts = new long[n];
    if (!reference.isEmpty()) {
      double[] cdf = reference.cumulativeFractions(upper);
      long previous = 0;
      for (int i = 0; i < n; i++) {
        long cumulative = Math.round(cdf[i] * reference.count());
        referenceCounts[i] = Math.max(0, cumulative - previous);
        previous = Math.max(previous, cumulative);
      }
    }
    long[] currentCounts = new long[n];
    for (double v : current) {
      int i = Arrays.binarySearch(upper, v);
      currentCounts[i >= 0 ? firstIndexOf(upper, i) : -i - 1]++;
    }
    for (int i = 0; i < n; i++) {
      out.addObject()
          .put("low", i == 0 ? low : upper[i - 1])
          .put("high", upper[i])
          .put("reference", referenceCounts[i])
          .put("current", currentCounts[i]);
    }
    return out;
  }

  private static int firstIndexOf(double[] sorted, int found) {
    int i = found;
    while (i > 0 && sorted[i - 1] == sorted[found]) {
      i--;
    }
    return i;
  }

  private static void categoricalBins(
      ObjectNode o, Map<String, Long> reference, List<Object> values, int bins) {
    Map<String, Long> current = new HashMap<>();
    for (Object v : values) {
      current.merge(String.valueOf(v), 1L, Long::sum);
    }
    Map<String, long[]> both = new LinkedHashMap<>();
    reference.forEach((k, v) -> both.computeIfAbsent(k, x -> new long[2])[0] = v);
    current.forEach((k, v) -> both.computeIfAbsent(k, x -> new long[2])[1] = v);
    List<Map.Entry<String, long[]>> ranked = new ArrayList<>(both.entrySet());
    ranked.sort(
        Comparator.comparingLong(
                (Map.Entry<String, long[]> e) -> -(e.getValue()[0] + e.getValue()[1]))
            .thenComparing(Map.Entry::getKey));
    ArrayNode out = o.putArray("bins");
    long otherReference = 0;
    long otherCurrent = 0;
    for (int i = 0; i < ranked.size(); i++) {
      long[] counts = ranked.get(i).getValue();
      if (i < bins) {
        out.addObject()
            .put("category", ranked.get(i).getKey())
            .put("reference", counts[0])
            .put("current", counts[1])
            .put("unseen", counts[0] == 0);
      } else {
        otherReference += counts[0];
        otherCurrent += counts[1];
      }
    }
    if (ranked.size() > bins) {
      out.addObject()
          .put("category", "(" + (ranked.size() - bins) + " other categories)")
          .put("reference", otherReference)
          .put("current", otherCurrent)
          .put("other", true);
    }
  }
}
