package dev.mledger.store.monitor;

import dev.mledger.store.Stores;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The monitor store contract on PostgreSQL: one embedded server, one database per test. */
class PostgresMonitorStoreTest extends MonitorStoreContract {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private static final String TEMPLATE = "monitors_template";

  @BeforeAll
  static void startPostgres() throws IOException, SQLException {
    postgres = EmbeddedPostgres.builder().start();
    // Migrating once and cloning per test is much faster than migrating every database.
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + TEMPLATE);
    }
    Flyway.configure()
        .dataSource(
            "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + TEMPLATE, "postgres", null)
        .locations("classpath:db/migration/postgresql")
        .outOfOrder(true)
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
  protected Stores openEmptyStores() {
    String database = "monitors_" + DATABASES.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + database + " TEMPLATE " + TEMPLATE);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create test database " + database, e);
    }
    return Stores.open(
        "postgresql://postgres@localhost:" + postgres.getPort() + "/" + database, "s3://b");
  }
}
