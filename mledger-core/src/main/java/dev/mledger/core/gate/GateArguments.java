package dev.mledger.core.gate;

import dev.mledger.core.error.MledgerException;

/** Argument checks shared by the gate records; failures are INVALID_PARAMETER_VALUE. */
final class GateArguments {
  private GateArguments() {}

  static void requireNonNull(String field, Object value) {
    if (value == null) {
      throw MledgerException.invalidParameter(field + " must be provided.");
    }
  }

  static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw MledgerException.invalidParameter(field + " must be a non-empty string.");
    }
  }

  static void requireFinite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw MledgerException.invalidParameter(
          field + " must be a finite number, got " + value + ".");
    }
  }

  static void requireOpenUnit(String field, double value) {
    if (!(value > 0.0 && value < 1.0)) {
      throw MledgerException.invalidParameter(
          field + " must lie strictly between 0 and 1, got " + value + ".");
    }
  }
}
