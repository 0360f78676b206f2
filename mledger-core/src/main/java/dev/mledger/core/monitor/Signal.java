package dev.mledger.core.monitor;

import dev.mledger.core.drift.CategoricalDrift;
import dev.mledger.core.drift.ColumnDrift;
import dev.mledger.core.drift.NumericDrift;
import dev.mledger.core.stats.AdjustmentMethod;
import dev.mledger.core.stats.MultipleTestCorrection;
import dev.mledger.core.stats.MultipleTestResult;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The value of one alerting statistic in a window.
 *
 * @param key feature and statistic
 * @param value the value (a corrected p-value for {@link Statistic#P_VALUE})
 */
public record Signal(AlertKey key, double value) {

  /**
   * The signals of every statistic {@code policy} has rules for. P-values are corrected across the
   * window's features with the policy's correction, so {@code m} features at τ do not raise {@code
   * m·τ} false alarms per window.
   */
  public static List<Signal> of(WindowReport report, AlertPolicy policy) {
    Set<Statistic> wanted = EnumSet.noneOf(Statistic.class);
    policy.rules().forEach(r -> wanted.add(r.statistic()));
    List<Signal> signals = new ArrayList<>();
    if (wanted.contains(Statistic.P_VALUE)) {
      signals.addAll(pValues(report, policy));
    }
    for (FeatureReport f : report.features()) {
      for (Statistic s : wanted) {
        if (!s.perFeature() || s == Statistic.P_VALUE) {
          continue;
        }
        Double value = featureValue(f, s);
        if (value != null && Double.isFinite(value)) {
          signals.add(new Signal(new AlertKey(f.feature(), s), value));
        }
      }
    }
    for (Statistic s : wanted) {
      Double value = s.perFeature() ? null : windowValue(report, s);
      if (value != null && Double.isFinite(value)) {
        signals.add(new Signal(new AlertKey(Statistic.WINDOW, s), value));
      }
    }
    return signals;
  }

  private static List<Signal> pValues(WindowReport report, AlertPolicy policy) {
    List<String> names = new ArrayList<>();
    List<Double> raw = new ArrayList<>();
    for (FeatureReport f : report.features()) {
      Double p = pValue(f.drift());
      if (p != null && !Double.isNaN(p)) {
        names.add(f.feature());
        raw.add(p);
      }
    }
    return corrected(
        names, raw.stream().mapToDouble(Double::doubleValue).toArray(), policy.correction());
  }

  /** P-value signals of {@code features}, adjusted across them by {@code correction}. */
  static List<Signal> corrected(
      List<String> features, double[] raw, java.util.Optional<AdjustmentMethod> correction) {
    List<String> names = features;
    double[] p = raw;
    if (p.length > 0 && correction.isPresent()) {
      MultipleTestResult adjusted = MultipleTestCorrection.adjust(p, correction.get());
      p = adjusted.adjustedPValues();
    }
    List<Signal> signals = new ArrayList<>();
    for (int i = 0; i < p.length; i++) {
      signals.add(new Signal(new AlertKey(names.get(i), Statistic.P_VALUE), p[i]));
    }
    return signals;
  }

  /** The p-value of the column's test: the verdict's if it is a test, else KS or chi-square. */
  static Double pValue(ColumnDrift drift) {
    if (drift == null) {
      return null;
    }
    if (drift.verdict().test().isPValue()) {
      return drift.verdict().value();
    }
    return drift instanceof NumericDrift n
        ? n.ks().pValue()
        : ((CategoricalDrift) drift).chiSquare().pValue();
  }

  private static Double featureValue(FeatureReport f, Statistic s) {
    ColumnDrift d = f.drift();
    return switch (s) {
      case PSI -> d == null ? null : divergences(d).psi();
      case JS -> d == null ? null : divergences(d).js();
      case KL -> d == null ? null : divergences(d).kl();
      case WASSERSTEIN_NORM -> d instanceof NumericDrift n ? n.wassersteinNorm() : null;
      case NULL_RATE -> f.quality().nullRate();
      case OUT_OF_RANGE_RATE -> f.quality().outOfRangeRate();
      case UNSEEN_RATE -> f.quality().unseenRate();
      default -> null;
    };
  }

  static dev.mledger.core.drift.BinnedDivergences divergences(ColumnDrift d) {
    return d instanceof NumericDrift n ? n.divergences() : ((CategoricalDrift) d).divergences();
  }

  private static Double windowValue(WindowReport r, Statistic s) {
    return switch (s) {
      case DRIFT_SHARE -> r.driftShare();
      case ACCURACY -> r.performance() == null ? null : r.performance().accuracy();
      case MAE -> r.performance() == null ? null : r.performance().mae();
      case LATENCY_P95 -> r.latency() == null ? null : r.latency().p95();
      case COST -> r.totalCost();
      case MMD -> r.embedding() == null ? null : r.embedding().result().mmdSquared();
      case MMD_P_VALUE -> r.embedding() == null ? null : r.embedding().result().pValue();
      case EMBEDDING_DISTANCE ->
          r.embedding() == null ? null : r.embedding().result().meanEmbeddingDistance();
      default -> null;
    };
  }
}
