package dev.mledger.core.drift;

/** Neumaier's compensated summation: sums of millions of terms stay accurate to a few ulps. */
final class CompensatedSum {
  private double sum;
  private double compensation;

  void add(double value) {
    double t = sum + value;
    if (Math.abs(sum) >= Math.abs(value)) {
      compensation += (sum - t) + value;
    } else {
      compensation += (value - t) + sum;
    }
    sum = t;
  }

  double value() {
    return sum + compensation;
  }
}
