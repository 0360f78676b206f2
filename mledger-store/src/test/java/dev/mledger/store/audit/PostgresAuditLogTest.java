package dev.mledger.store.audit;

import dev.mledger.store.Stores;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The audit log contract on PostgreSQL: one embedded server, one database per test. */
class PostgresAuditLogTest extends AuditLogContract {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;
  private String database;

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
  protected Stores openEmptyStores() {
    database = "audit_" + DATABASES.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create test database " + database, e);
    }
    return reopen();
  }

  @Override
  protected Stores reopen() {
    return Stores.open(
        "postgresql://postgres@localhost:" + postgres.getPort() + "/" + database, "s3://b");
  }

  @Override
  protected void executeRaw(String sql) throws SQLException {
    try (Connection c = postgres.getDatabase("postgres", database).getConnection();
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  @Override
  protected List<String> dropImmutabilityTriggers() {
    return List.of("DROP TRIGGER IF EXISTS audit_log_immutable ON audit_log");
  }
}
