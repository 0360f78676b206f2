package dev.mledger.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreLocationTest {

  @Test
  void sqliteUrisNameAnAbsoluteFile() {
    StoreLocation three = StoreLocation.parse("sqlite:///var/lib/mledger/mledger.db");
    StoreLocation four = StoreLocation.parse("sqlite:////var/lib/mledger/mledger.db");

    assertThat(three.dialect()).isEqualTo(Dialect.SQLITE);
    assertThat(three.sqliteFile()).isEqualTo(Path.of("/var/lib/mledger/mledger.db"));
    assertThat(three.jdbcUrl()).isEqualTo("jdbc:sqlite:/var/lib/mledger/mledger.db");
    assertThat(four).isEqualTo(three);
  }

  @Test
  void aPlainPathIsAnSqliteFile() {
    assertThat(StoreLocation.parse("/tmp/store/m.db").sqliteFile())
        .isEqualTo(Path.of("/tmp/store/m.db"));
    StoreLocation relative = StoreLocation.parse("data/m.db");
    assertThat(relative.dialect()).isEqualTo(Dialect.SQLITE);
    assertThat(relative.sqliteFile()).isEqualTo(Path.of("data/m.db").toAbsolutePath());
  }

  @Test
  void postgresUrisBecomeJdbcUrlsWithSeparateCredentials() {
    StoreLocation location =
        StoreLocation.parse(
            "postgresql://mlflow:p%40ss:w0rd@db.internal:5433/tracking?sslmode=require");

    assertThat(location.dialect()).isEqualTo(Dialect.POSTGRESQL);
    assertThat(location.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.internal:5433/tracking?sslmode=require");
    assertThat(location.user()).isEqualTo("mlflow");
    assertThat(location.password()).isEqualTo("p@ss:w0rd");
    assertThat(location.toString()).doesNotContain("p@ss").doesNotContain("w0rd");
  }

  @Test
  void sqlalchemyStyleAndShortPostgresSchemesAreAccepted() {
    StoreLocation driver = StoreLocation.parse("postgresql+psycopg2://alice@localhost/mlflow");
    assertThat(driver.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/mlflow");
    assertThat(driver.user()).isEqualTo("alice");
    assertThat(driver.password()).isNull();

    assertThat(StoreLocation.parse("postgres://h:1/db").jdbcUrl())
        .isEqualTo("jdbc:postgresql://h:1/db");
  }

  @Test
  void jdbcPostgresUrlsPassThrough() {
    String url = "jdbc:postgresql://h:5432/db?user=x&password=y";
    StoreLocation location = StoreLocation.parse(url);

    assertThat(location.jdbcUrl()).isEqualTo(url);
    assertThat(location.user()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "  ",
        "mysql://u:p@h/db",
        "sqlite:relative.db",
        "postgresql:///db",
        "s3://bucket/x"
      })
  void unsupportedOrMalformedUrisAreInvalidParameters(String uri) {
    assertThatThrownBy(() -> StoreLocation.parse(uri))
        .isInstanceOf(MledgerException.class)
        .satisfies(
            e ->
                assertThat(((MledgerException) e).code())
                    .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
  }

  @Test
  void errorMessagesNeverShowPasswords() {
    assertThatThrownBy(() -> StoreLocation.parse("mysql://root:hunter2@db/x"))
        .hasMessageNotContaining("hunter2");
  }
}
