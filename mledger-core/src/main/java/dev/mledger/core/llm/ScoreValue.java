package dev.mledger.core.llm;

import dev.mledger.core.error.MledgerException;

/** The value of an evaluation score: a number, a category label or a yes/no verdict. */
public sealed interface ScoreValue {

  /** The wire name of the value type: {@code numeric}, {@code categorical} or {@code boolean}. */
  String type();

  /** The value as a number for statistics: booleans are 1/0; categories have none. */
  java.util.OptionalDouble asNumber();

  record Numeric(double value) implements ScoreValue {
    public Numeric {
      if (!Double.isFinite(value)) {
        throw MledgerException.invalidParameter(
            "A numeric score must be finite, got " + value + ".");
      }
    }

    @Override
    public String type() {
      return "numeric";
    }

    @Override
    public java.util.OptionalDouble asNumber() {
      return java.util.OptionalDouble.of(value);
    }
  }

  record Categorical(String label) implements ScoreValue {
    public Categorical {
      if (label == null || label.isEmpty() || label.length() > 256) {
        throw MledgerException.invalidParameter(
            "A categorical score needs a label of 1 to 256 characters.");
      }
    }

    @Override
    public String type() {
      return "categorical";
    }

    @Override
    public java.util.OptionalDouble asNumber() {
      return java.util.OptionalDouble.empty();
    }
  }

  record Bool(boolean value) implements ScoreValue {
    @Override
    public String type() {
      return "boolean";
    }

    @Override
    public java.util.OptionalDouble asNumber() {
      return java.util.OptionalDouble.of(value ? 1 : 0);
    }
  }
}
