package dev.mledger.core.analysis;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.tracking.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Two runs side by side: every metric either run logged with {@code Δ = m(a) − m(b)} on its latest
 * value, and every param with whether it differs. Rows are sorted by key.
 *
 * @param a run a (the minuend of every delta)
 * @param b run b (the baseline)
 * @param metrics one row per metric key logged by a or b
 * @param params one row per param key set on a or b
 */
public record RunComparison(Run a, Run b, List<MetricDelta> metrics, List<ParamDifference> params) {

  public RunComparison {
    metrics = List.copyOf(metrics);
    params = List.copyOf(params);
  }

  /**
   * Compares run {@code a} with run {@code b}.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE when a run is missing
   */
  public static RunComparison of(Run a, Run b) {
    if (a == null || b == null) {
      throw MledgerException.invalidParameter("Two runs are needed for a comparison.");
    }
    Map<String, Double> metricsA = RunValues.metrics(a);
    Map<String, Double> metricsB = RunValues.metrics(b);
    List<MetricDelta> metricRows = new ArrayList<>();
    for (String key : union(metricsA.keySet(), metricsB.keySet())) {
      metricRows.add(new MetricDelta(key, metricsA.get(key), metricsB.get(key)));
    }
    Map<String, String> paramsA = RunValues.params(a);
    Map<String, String> paramsB = RunValues.params(b);
    List<ParamDifference> paramRows = new ArrayList<>();
    for (String key : union(paramsA.keySet(), paramsB.keySet())) {
      paramRows.add(new ParamDifference(key, paramsA.get(key), paramsB.get(key)));
    }
    return new RunComparison(a, b, metricRows, paramRows);
  }

  /** The params whose values differ, in key order. */
  public List<ParamDifference> differingParams() {
    return params.stream().filter(ParamDifference::differs).toList();
  }

  /**
   * The row of metric {@code key}.
   *
   * @throws MledgerException RESOURCE_DOES_NOT_EXIST when neither run logged it
   */
  public MetricDelta metric(String key) {
    return metrics.stream()
        .filter(row -> row.key().equals(key))
        .findFirst()
        .orElseThrow(
            () ->
                MledgerException.notFound(
                    "Neither run "
                        + a.info().runId()
                        + " nor run "
                        + b.info().runId()
                        + " has a metric '"
                        + key
                        + "'."));
  }

  private static TreeSet<String> union(
      java.util.Collection<String> first, java.util.Collection<String> second) {
    TreeSet<String> keys = new TreeSet<>(first);
    keys.addAll(second);
    return keys;
  }
}
