package dev.mledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.error.ErrorCode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the store contract on PostgreSQL: one embedded server per class, one database per test. */
class PostgresTrackingStoreTest extends TrackingStoreContract {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private static final String TEMPLATE = "contract_template";

  @BeforeAll
  static void startPostgres() throws IOException, SQLException {
    postgres = EmbeddedPostgres.builder().start();
    // Migrating once into a template and cloning it per test is much faster than migrating each
    // fresh database; the store still runs Flyway on open and finds the schema current.
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + TEMPLATE);
    }
    Flyway.configure()
        .dataSource(
            "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + TEMPLATE, "postgres", null)
        .locations("classpath:db/migration/postgresql")
        .load()
        .migrate();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Override
  protected TrackingStore openEmptyStore(String defaultArtifactRoot) {
    return TrackingStores.open(
        "postgresql://postgres@localhost:" + postgres.getPort() + "/" + createDatabase(),
        defaultArtifactRoot);
  }

  private static String createDatabase() {
    String database = "contract_" + DATABASES.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + database + " TEMPLATE " + TEMPLATE);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create test database " + database, e);
    }
    return database;
  }

  @Test
  void jdbcUrlsWorkAndASecondOpenReusesTheSchema() {
    String url =
        "jdbc:postgresql://localhost:"
            + postgres.getPort()
            + "/"
            + createDatabase()
            + "?user=postgres";
    String runId;
    try (TrackingStore first = TrackingStores.open(url, "s3://bucket")) {
      runId = first.createRun(new NewRun("0", "u", 1, "r", List.of())).info().runId();
    }
    try (TrackingStore second = TrackingStores.open(url, "s3://other")) {
      assertThat(second.getRun(runId).info().artifactUri())
          .isEqualTo("s3://bucket/0/" + runId + "/artifacts");
    }
  }

  @Test
  void anUnreachableServerIsReportedAsTemporarilyUnavailable() {
    assertError(
            ErrorCode.TEMPORARILY_UNAVAILABLE,
            () -> TrackingStores.open("postgresql://postgres@127.0.0.1:1/nowhere", "s3://b"))
        .hasMessageContaining("Cannot connect to the tracking database");
  }
}
