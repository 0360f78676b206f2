package dev.mledger.core.analysis;

import java.util.List;

/**
 * A param other than the analysed one (and other than a seed) that does not take one value across
 * the analysed runs.
 *
 * @param key the param key
 * @param values its distinct values, sorted as levels are (numeric when all are numbers)
 * @param missingOnSomeRuns whether some runs do not have the param at all
 * @param balanced whether every level of the analysed param saw the same set of values (a crossed
 *     design); when false the param changes together with the analysed one and confounds it
 */
public record VaryingParam(
    String key, List<String> values, boolean missingOnSomeRuns, boolean balanced) {

  public VaryingParam {
    values = List.copyOf(values);
  }
}
