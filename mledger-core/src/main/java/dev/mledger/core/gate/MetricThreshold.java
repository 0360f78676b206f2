package dev.mledger.core.gate;

/**
 * A metric of the candidate must reach an absolute bound, or improve on the champion's value by a
 * minimum amount.
 *
 * @param name the rule's name
 * @param metric the metric key, as logged on the model version's source run
 * @param direction which way the metric improves
 * @param bound what the candidate's value is compared with
 */
public record MetricThreshold(String name, String metric, Direction direction, ThresholdBound bound)
    implements GateRule {

  public static final String TYPE = "metric_threshold";

  public MetricThreshold {
    GateArguments.requireText("name", name);
    GateArguments.requireText("metric", metric);
    GateArguments.requireNonNull("direction", direction);
    GateArguments.requireNonNull("bound", bound);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
