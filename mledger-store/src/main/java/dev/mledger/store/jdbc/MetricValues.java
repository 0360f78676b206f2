package dev.mledger.store.jdbc;

import dev.mledger.core.tracking.Metric;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How metric values are stored: NaN becomes value 0 with {@code is_nan} set (SQLite cannot store
 * NaN and the two dialects would order it differently), infinities are stored as they are.
 */
final class MetricValues {
  private MetricValues() {}

  static double stored(double value) {
    return Double.isNaN(value) ? 0.0 : value;
  }

  static boolean isNan(double value) {
    return Double.isNaN(value);
  }

  /** Reads a metric from columns key, value, timestamp, step, is_nan. */
  static Metric read(ResultSet rs) throws SQLException {
    double value = rs.getBoolean("is_nan") ? Double.NaN : rs.getDouble("value");
    return new Metric(rs.getString("key"), value, rs.getLong("timestamp"), rs.getLong("step"));
  }

  /**
   * MLflow's latest-metric rule: {@code a} replaces {@code b} when it is strictly greater by (step,
   * timestamp, stored value).
   */
  static boolean supersedes(Metric a, Metric b) {
    if (a.step() != b.step()) {
      return a.step() > b.step();
    }
    if (a.timestamp() != b.timestamp()) {
      return a.timestamp() > b.timestamp();
    }
    return stored(a.value()) > stored(b.value());
  }
}
