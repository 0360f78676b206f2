package dev.mledger.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.error.ErrorCode;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {

  @Test
  void postgresDeadlocksAndSerializationFailuresAreRetryable() {
    assertThat(SqlErrors.isRetryable(wrapped("40P01"))).isTrue();
    assertThat(SqlErrors.isRetryable(wrapped("40001"))).isTrue();
    assertThat(SqlErrors.isRetryable(wrapped("23505"))).isFalse();
    assertThat(SqlErrors.isRetryable(new RuntimeException("no SQL inside"))).isFalse();
  }

  @Test
  void uniqueViolationsAreRecognisedThroughWrappers() {
    assertThat(SqlErrors.isUniqueViolation(wrapped("23505"))).isTrue();
    assertThat(SqlErrors.isUniqueViolation(wrapped("23503"))).isFalse();
  }

  @Test
  void connectionFailuresAreTemporarilyUnavailableAndTheRestInternal() {
    assertThat(SqlErrors.toMledger(wrapped("08006")).code())
        .isEqualTo(ErrorCode.TEMPORARILY_UNAVAILABLE);
    assertThat(SqlErrors.toMledger(wrapped("42P01")).code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
    assertThat(SqlErrors.toMledger(new IllegalStateException("x")).code())
        .isEqualTo(ErrorCode.INTERNAL_ERROR);
  }

  private static RuntimeException wrapped(String sqlState) {
    return new RuntimeException("driver said no", new SQLException("reason", sqlState));
  }
}
