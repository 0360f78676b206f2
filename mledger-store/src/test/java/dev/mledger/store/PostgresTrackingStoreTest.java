package dev.mledger.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Runs the store contract on PostgreSQL: one embedded server per class, one database per test. */
class PostgresTrackingStoreTest extends TrackingStoreContract {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Override
  protected TrackingStore openEmptyStore(String defaultArtifactRoot) {
    String database = "contract_" + DATABASES.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create test database " + database, e);
    }
    return TrackingStores.open(
        "postgresql://postgres@localhost:" + postgres.getPort() + "/" + database,
        defaultArtifactRoot);
  }
}
