package dev.mledger.core.stats;

/**
 * One hypothesis after a multiple-comparison correction.
 *
 * @param raw the p-value given
 * @param adjusted the adjusted p-value, in {@code [raw, 1]}
 * @param rejected whether the null hypothesis is rejected at the family's alpha
 */
public record AdjustedPValue(double raw, double adjusted, boolean rejected) {}
