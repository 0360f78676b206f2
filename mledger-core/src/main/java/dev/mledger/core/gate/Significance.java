package dev.mledger.core.gate;

import dev.mledger.core.error.MledgerException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The candidate must beat the champion on a metric with statistical evidence, over runs matched by
 * seed (or fold): for each shared key {@code k} the improvement {@code d_k} is {@code candidate_k −
 * champion_k} (or the reverse for lower-is-better metrics), and the rule passes when
 *
 * <ul>
 *   <li>the lower bound of the two-sided Student-t confidence interval of {@code mean(d)} at {@code
 *       confidence} exceeds {@code minEffect}, and
 *   <li>every requested test rejects {@code H0: Δ ≤ minEffect} against {@code H1: Δ > minEffect}
 *       (one-sided, on {@code d − minEffect}) at {@code alpha}, after {@code correction} across the
 *       candidates evaluated together.
 * </ul>
 *
 * @param name the rule's name
 * @param metric the metric key compared
 * @param direction which way the metric improves
 * @param pairBy the run parameter (or, failing that, tag) whose value matches runs, e.g. {@code
 *     seed} or {@code fold}
 * @param tests the tests required, at least one
 * @param alpha the significance level, in {@code (0, 1)}
 * @param confidence the confidence level of the interval, in {@code (0, 1)}
 * @param minEffect the smallest improvement that counts; finite, usually {@code 0}
 * @param correction the multiple-comparison correction across candidates
 */
public record Significance(
    String name,
    String metric,
    Direction direction,
    String pairBy,
    Set<PairedTestKind> tests,
    double alpha,
    double confidence,
    double minEffect,
    CorrectionMethod correction)
    implements GateRule {

  public static final String TYPE = "significance";
  public static final String DEFAULT_PAIR_BY = "seed";
  public static final double DEFAULT_ALPHA = 0.05;
  public static final double DEFAULT_CONFIDENCE = 0.95;

  public Significance {
    GateArguments.requireText("name", name);
    GateArguments.requireText("metric", metric);
    GateArguments.requireNonNull("direction", direction);
    GateArguments.requireText("pair_by", pairBy);
    GateArguments.requireNonNull("tests", tests);
    if (tests.isEmpty()) {
      throw MledgerException.invalidParameter(
          "tests must name at least one of 'paired_t', 'wilcoxon'.");
    }
    GateArguments.requireOpenUnit("alpha", alpha);
    GateArguments.requireOpenUnit("confidence", confidence);
    GateArguments.requireFinite("min_effect", minEffect);
    GateArguments.requireNonNull("correction", correction);
    tests = Collections.unmodifiableSet(EnumSet.copyOf(tests));
  }

  @Override
  public String type() {
    return TYPE;
  }
}
