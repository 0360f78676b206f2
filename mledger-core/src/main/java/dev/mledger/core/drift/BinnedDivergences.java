package dev.mledger.core.drift;

/**
 * Divergences between the binned (or per-category) reference and current distributions; see {@link
 * Divergences} for the definitions and the smoothing.
 *
 * @param psi population stability index
 * @param kl KL(reference || current) in nats
 * @param klBase2 the same in bits
 * @param js Jensen-Shannon divergence (not distance) in nats
 * @param jsBase2 the same in bits
 * @param bins the number of bins or categories compared
 */
public record BinnedDivergences(
    double psi, double kl, double klBase2, double js, double jsBase2, int bins) {

  /** Computes every divergence over the same bins. */
  public static BinnedDivergences of(long[] reference, long[] current) {
    double kl = Divergences.kl(reference, current);
    double js = Divergences.js(reference, current);
    return new BinnedDivergences(
        Divergences.psi(reference, current),
        kl,
        Divergences.toBase2(kl),
        js,
        Divergences.toBase2(js),
        reference.length);
  }
}
