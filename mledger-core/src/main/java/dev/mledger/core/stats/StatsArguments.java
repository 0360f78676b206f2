package dev.mledger.core.stats;

import dev.mledger.core.error.MledgerException;
import java.util.Collection;

/** Input checks shared by the statistics entry points; messages are written for end users. */
final class StatsArguments {
  private StatsArguments() {}

  static double[] requireFinite(String name, double[] values, int minimumCount) {
    if (values == null) {
      throw MledgerException.invalidParameter(name + " must be provided.");
    }
    if (values.length < minimumCount) {
      throw MledgerException.invalidParameter(
          name
              + " must have at least "
              + minimumCount
              + (minimumCount == 1 ? " value" : " values")
              + ", got "
              + values.length
              + ".");
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw MledgerException.invalidParameter(
            name
                + " must contain only finite numbers, but value #"
                + (i + 1)
                + " is "
                + values[i]
                + ".");
      }
    }
    return values;
  }

  static double[] toArray(String name, Collection<? extends Number> values) {
    if (values == null) {
      throw MledgerException.invalidParameter(name + " must be provided.");
    }
    double[] out = new double[values.size()];
    int i = 0;
    for (Number value : values) {
      if (value == null) {
        throw MledgerException.invalidParameter(
            name + " must not contain missing values, but value #" + (i + 1) + " is null.");
      }
      out[i++] = value.doubleValue();
    }
    return out;
  }

  static void requireSameLength(
      String firstName, double[] first, String secondName, double[] second) {
    if (first.length != second.length) {
      throw MledgerException.invalidParameter(
          firstName
              + " and "
              + secondName
              + " must have the same number of values for a paired test, got "
              + first.length
              + " and "
              + second.length
              + ".");
    }
  }

  static double requireConfidence(double confidence) {
    if (!(confidence > 0.0 && confidence < 1.0)) {
      throw MledgerException.invalidParameter(
          "confidence must be strictly between 0 and 1 (for example 0.95), got "
              + confidence
              + ".");
    }
    return confidence;
  }

  static double requireAlpha(double alpha) {
    if (!(alpha > 0.0 && alpha < 1.0)) {
      throw MledgerException.invalidParameter(
          "alpha must be strictly between 0 and 1 (for example 0.05), got " + alpha + ".");
    }
    return alpha;
  }

  static <T> T requireNonNull(String name, T value) {
    if (value == null) {
      throw MledgerException.invalidParameter(name + " must be provided.");
    }
    return value;
  }
}
