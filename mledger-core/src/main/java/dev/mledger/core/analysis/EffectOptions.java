package dev.mledger.core.analysis;

import dev.mledger.core.error.MledgerException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Settings of a parameter-effect analysis.
 *
 * @param confidence the level of every confidence interval, in {@code (0, 1)}
 * @param seedParams param keys (compared ignoring case) that only choose a random seed: runs that
 *     differ only in these form one run group, and they never count as confounders
 * @param referenceLevel the level every other level is compared with; null for the first level in
 *     order
 */
public record EffectOptions(double confidence, Set<String> seedParams, String referenceLevel) {
  /** The seed param keys recognised by default. */
  public static final Set<String> DEFAULT_SEED_PARAMS =
      Set.of("seed", "random_seed", "random_state", "rng_seed");

  public EffectOptions {
    if (!(confidence > 0.0 && confidence < 1.0)) {
      throw MledgerException.invalidParameter(
          "confidence must be strictly between 0 and 1 (for example 0.95), got "
              + confidence
              + ".");
    }
    seedParams =
        seedParams == null
            ? Set.of()
            : seedParams.stream()
                .map(key -> key.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
  }

  /** 95% intervals, the default seed keys, the first level as reference. */
  public static EffectOptions defaults() {
    return new EffectOptions(0.95, DEFAULT_SEED_PARAMS, null);
  }

  public EffectOptions withConfidence(double newConfidence) {
    return new EffectOptions(newConfidence, seedParams, referenceLevel);
  }

  public EffectOptions withSeedParams(Set<String> keys) {
    return new EffectOptions(confidence, keys, referenceLevel);
  }

  public EffectOptions withReferenceLevel(String level) {
    return new EffectOptions(confidence, seedParams, level);
  }

  /** Whether {@code key} names a seed param. */
  public boolean isSeedParam(String key) {
    return seedParams.contains(key.toLowerCase(Locale.ROOT));
  }
}
