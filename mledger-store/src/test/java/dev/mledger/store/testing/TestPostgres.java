package dev.mledger.store.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/**
 * One embedded PostgreSQL server per test JVM, shared by every PostgreSQL test class, and a fully
 * migrated template database that each test clones. Starting a server per class and migrating per
 * test cost tens of seconds each; cloning a template takes milliseconds. The stores still run
 * Flyway when they open a clone and find the schema current.
 */
public final class TestPostgres {
  private static final String TEMPLATE = "mledger_template";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestPostgres() {}

  /** A fresh database with the whole current schema; returns its name. */
  public static String newDatabase(String prefix) {
    return createDatabase(prefix, " TEMPLATE " + TEMPLATE);
  }

  /** A fresh database with no schema at all (for tests of migrations themselves). */
  public static String newEmptyDatabase(String prefix) {
    return createDatabase(prefix, "");
  }

  /** The mledger store URI of {@code database}, e.g. for {@code Stores.open}. */
  public static String storeUri(String database) {
    return "postgresql://postgres@localhost:" + port() + "/" + database;
  }

  /** The JDBC URL of {@code database} (user {@code postgres}, no password). */
  public static String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + port() + "/" + database;
  }

  /** A plain JDBC connection to {@code database}, for tests that inspect or tamper with rows. */
  public static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), "postgres", null);
  }

  public static int port() {
    return server().getPort();
  }

  private static String createDatabase(String prefix, String clause) {
    String database = prefix + "_" + DATABASES.incrementAndGet();
    try (Connection c = server().getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + database + clause);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create test database " + database, e);
    }
    return database;
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        EmbeddedPostgres started = EmbeddedPostgres.builder().start();
        try (Connection c = started.getPostgresDatabase().getConnection();
            Statement st = c.createStatement()) {
          st.execute("CREATE DATABASE " + TEMPLATE);
        }
        Flyway.configure()
            .dataSource(
                "jdbc:postgresql://localhost:" + started.getPort() + "/" + TEMPLATE,
                "postgres",
                null)
            .locations("classpath:db/migration/postgresql")
            .outOfOrder(true)
            .load()
            .migrate();
        server = started;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
      } catch (SQLException e) {
        throw new IllegalStateException("Cannot prepare the template database", e);
      }
    }
    return server;
  }

  /**
   * Stops the server if one was started; {@link StopTestPostgres} calls it when the test run ends,
   * before the JVM exits (a shutdown hook would race the test runner's exit timeout).
   */
  static synchronized void stop() {
    if (server != null) {
      try {
        server.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot stop embedded PostgreSQL", e);
      } finally {
        server = null;
      }
    }
  }
}
