package dev.mledger.core.gate;

/** What a {@link MetricThreshold} compares the candidate's metric with. */
public sealed interface ThresholdBound {

  /**
   * The candidate's value must be at least as good as {@code value} (in the rule's direction).
   *
   * @param value the bound; finite
   */
  record Absolute(double value) implements ThresholdBound {
    public Absolute {
      GateArguments.requireFinite("threshold", value);
    }
  }

  /**
   * The candidate must improve on the champion by at least {@code minImprovement} (in the rule's
   * direction). A negative bound tolerates a regression: {@code -0.01} allows the candidate to be
   * up to 0.01 worse. With {@code relative} the improvement is measured as a fraction of the
   * champion's absolute value ({@code -0.02} = at most 2% worse).
   */
  record VersusChampion(double minImprovement, boolean relative) implements ThresholdBound {
    public VersusChampion {
      GateArguments.requireFinite("min_improvement", minImprovement);
    }
  }
}
