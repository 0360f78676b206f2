package dev.mledger.core.analysis;

import java.util.Objects;

/**
 * One param of a run comparison. A side is null when that run has no such param.
 *
 * @param key the param key
 * @param a the value on run a, or null
 * @param b the value on run b, or null
 */
public record ParamDifference(String key, String a, String b) {

  /** Whether the runs disagree, counting a param present on one side only as a difference. */
  public boolean differs() {
    return !Objects.equals(a, b);
  }
}
