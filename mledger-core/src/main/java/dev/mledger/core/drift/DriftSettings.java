package dev.mledger.core.drift;

import dev.mledger.core.error.MledgerException;
import java.util.Optional;

/**
 * Settings of a drift report. The defaults follow Evidently's data-drift preset; see {@link
 * TestSelection} for how the test of each column is chosen.
 *
 * @param bins number of reference-quantile bins for PSI/KL/JS of numeric columns (default 10)
 * @param ksMethod how KS p-values are computed (default {@link KsMethod#AUTO})
 * @param pValueThreshold drift when a test's p-value is below this (default 0.05)
 * @param wassersteinNormThreshold drift when the normalised Wasserstein distance reaches this
 *     (default 0.1)
 * @param jsThreshold drift when the JS divergence in nats reaches this (default 0.01, i.e. a JS
 *     distance of 0.1, Evidently's threshold)
 * @param psiThreshold drift when PSI reaches this (default 0.2, the usual "significant shift")
 * @param klThreshold drift when KL in nats reaches this (default 0.1)
 * @param forcedTest a test to use for every column instead of the default selection
 * @param parallelism threads used across columns (default: available processors)
 */
public record DriftSettings(
    int bins,
    KsMethod ksMethod,
    double pValueThreshold,
    double wassersteinNormThreshold,
    double jsThreshold,
    double psiThreshold,
    double klThreshold,
    Optional<DriftTest> forcedTest,
    int parallelism) {

  public DriftSettings {
    if (bins < 2 || bins > 1000) {
      throw MledgerException.invalidParameter("bins must be between 2 and 1000, got " + bins);
    }
    if (!(pValueThreshold > 0 && pValueThreshold < 1)) {
      throw MledgerException.invalidParameter(
          "the p-value threshold must be in (0, 1), got " + pValueThreshold);
    }
    if (parallelism < 1) {
      throw MledgerException.invalidParameter("parallelism must be at least 1");
    }
    if (forcedTest.filter(t -> t == DriftTest.MMD).isPresent()) {
      throw MledgerException.invalidParameter("mmd applies to embeddings, not to columns");
    }
  }

  /** Evidently-style defaults on all available processors. */
  public static DriftSettings defaults() {
    return new DriftSettings(
        QuantileBins.DEFAULT_BINS,
        KsMethod.AUTO,
        0.05,
        0.1,
        0.01,
        0.2,
        0.1,
        Optional.empty(),
        Runtime.getRuntime().availableProcessors());
  }

  public DriftSettings withBins(int value) {
    return new DriftSettings(
        value,
        ksMethod,
        pValueThreshold,
        wassersteinNormThreshold,
        jsThreshold,
        psiThreshold,
        klThreshold,
        forcedTest,
        parallelism);
  }

  public DriftSettings withForcedTest(DriftTest test) {
    return new DriftSettings(
        bins,
        ksMethod,
        pValueThreshold,
        wassersteinNormThreshold,
        jsThreshold,
        psiThreshold,
        klThreshold,
        Optional.of(test),
        parallelism);
  }

  public DriftSettings withKsMethod(KsMethod value) {
    return new DriftSettings(
        bins,
        value,
        pValueThreshold,
        wassersteinNormThreshold,
        jsThreshold,
        psiThreshold,
        klThreshold,
        forcedTest,
        parallelism);
  }

  public DriftSettings withParallelism(int value) {
    return new DriftSettings(
        bins,
        ksMethod,
        pValueThreshold,
        wassersteinNormThreshold,
        jsThreshold,
        psiThreshold,
        klThreshold,
        forcedTest,
        value);
  }

  /** The threshold that applies to {@code test}. */
  public double thresholdOf(DriftTest test) {
    return switch (test) {
      case KS, CHI2, G_TEST, MMD -> pValueThreshold;
      case WASSERSTEIN -> wassersteinNormThreshold;
      case JENSEN_SHANNON -> jsThreshold;
      case PSI -> psiThreshold;
      case KL -> klThreshold;
    };
  }
}
