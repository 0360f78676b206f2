package dev.mledger.core.monitor;

import dev.mledger.core.drift.CategoricalProfile;
import dev.mledger.core.drift.NumericProfile;

/** The mergeable profile of one column: a KLL sketch or a frequent-items sketch. */
public sealed interface ColumnProfile permits ColumnProfile.Numeric, ColumnProfile.Categorical {

  /** Non-missing values seen. */
  long count();

  /** Missing values seen. */
  long missing();

  /** Adds one value of the column's type ({@code Double}, {@code String}, or {@code null}). */
  void add(Object value);

  /** An empty profile for {@code type}. */
  static ColumnProfile empty(FeatureType type) {
    return switch (type) {
      case NUMERIC -> new Numeric(NumericProfile.create());
      case CATEGORICAL -> new Categorical(CategoricalProfile.create());
    };
  }

  /** A numeric column. */
  record Numeric(NumericProfile profile) implements ColumnProfile {
    @Override
    public long count() {
      return profile.count();
    }

    @Override
    public long missing() {
      return profile.missing();
    }

    @Override
    public void add(Object value) {
      profile.update(value == null ? Double.NaN : ((Number) value).doubleValue());
    }
  }

  /** A categorical column. */
  record Categorical(CategoricalProfile profile) implements ColumnProfile {
    @Override
    public long count() {
      return profile.count();
    }

    @Override
    public long missing() {
      return profile.missing();
    }

    @Override
    public void add(Object value) {
      profile.update(value == null ? null : EventValidation.categoryOf(value));
    }
  }
}
