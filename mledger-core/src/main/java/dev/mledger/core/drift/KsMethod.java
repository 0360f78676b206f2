package dev.mledger.core.drift;

/** How the two-sample Kolmogorov-Smirnov p-value is computed, as {@code ks_2samp(method=...)}. */
public enum KsMethod {
  /** Exact when both samples have at most 10 000 values, asymptotic otherwise (scipy's rule). */
  AUTO("auto"),
  /** Exact lattice-path count; falls back to asymptotic when it cannot be computed. */
  EXACT("exact"),
  /** {@code kstwo.sf(d, round(m n / (m + n)))}. */
  ASYMPTOTIC("asymp");

  private final String scipyName;

  KsMethod(String scipyName) {
    this.scipyName = scipyName;
  }

  /** The name scipy uses for this method ({@code auto}, {@code exact}, {@code asymp}). */
  public String scipyName() {
    return scipyName;
  }
}
