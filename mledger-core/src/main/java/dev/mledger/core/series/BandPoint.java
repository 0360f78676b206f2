package dev.mledger.core.series;

/**
 * The replicates of one configuration at one step: how many logged a value there, their mean and
 * the Student-t confidence interval of the mean. The interval is null when fewer than two
 * replicates have a value at the step (no spread can be estimated).
 *
 * @param x the step
 * @param n the number of replicates with a value at the step
 * @param mean the mean of their values
 * @param ciLow the interval's lower bound, or null
 * @param ciHigh the interval's upper bound, or null
 */
public record BandPoint(double x, int n, double mean, Double ciLow, Double ciHigh) {}
