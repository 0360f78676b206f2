package dev.mledger.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Connections to the tracking database and the transaction discipline around them.
 *
 * <p>SQLite allows one writer at a time; instead of letting concurrent requests collide on the
 * database lock (SQLITE_BUSY), writes are serialized in-process through a single connection whose
 * transactions begin IMMEDIATE, while reads use their own small pool and, thanks to WAL, never wait
 * for the writer. PostgreSQL gets one HikariCP pool for both.
 */
final class Database implements AutoCloseable {
  private static final int SQLITE_BUSY_TIMEOUT_MS = 30_000;
  private static final int SQLITE_READERS = 4;
  private static final int POSTGRES_POOL_SIZE = 10;
  private static final int POSTGRES_WRITE_ATTEMPTS = 3;
  private static final long WRITE_LOCK_TIMEOUT_SECONDS = 120;
  private static final long SQLITE_MMAP_BYTES = 1L << 30;

  /**
   * SQLite's planner needs table statistics to pick the selective index for a search; {@code PRAGMA
   * optimize} refreshes them when tables have grown or shrunk a lot, and is nearly free otherwise.
   * It runs on open and after this many writes.
   */
  private static final long WRITES_BETWEEN_OPTIMIZE = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final Dialect dialect;
  private final HikariDataSource writePool;
  private final HikariDataSource readPool;
  private final Jdbi writer;
  private final Jdbi reader;
  private final ReentrantLock writeLock;
  private final AuditAppender audit;
  private long writesSinceOptimize;

  private Database(
      Dialect dialect,
      HikariDataSource writePool,
      HikariDataSource readPool,
      ReentrantLock writeLock) {
    this.dialect = dialect;
    this.writePool = writePool;
    this.readPool = readPool;
    this.writer = configure(Jdbi.create(writePool));
    this.reader = readPool == writePool ? writer : configure(Jdbi.create(readPool));
    this.writeLock = writeLock;
    this.audit = new AuditAppender(dialect, Clock.systemUTC());
  }

  /** Opens the database, creating the file (SQLite) and migrating the schema as needed. */
  static Database open(StoreLocation location) {
    return switch (location.dialect()) {
      case SQLITE -> openSqlite(location);
      case POSTGRESQL -> openPostgres(location);
    };
  }

  private static Database openSqlite(StoreLocation location) {
    Path file = location.sqliteFile();
    try {
      Path parent = file.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new MledgerException(
          ErrorCode.IO_ERROR, "Cannot create the directory for database " + file + ": " + e, e);
    }
    // Migrate over a plain connection before any pool exists: Flyway may open several.
    migrate(sqliteDataSource(location, SQLiteConfig.TransactionMode.DEFERRED), Dialect.SQLITE);
    HikariDataSource writePool =
        pool(
            "mledger-sqlite-writer",
            sqliteDataSource(location, SQLiteConfig.TransactionMode.IMMEDIATE),
            1);
    HikariDataSource readPool;
    try {
      readPool =
          pool(
              "mledger-sqlite-reader",
              sqliteDataSource(location, SQLiteConfig.TransactionMode.DEFERRED),
              SQLITE_READERS);
    } catch (RuntimeException e) {
      writePool.close();
      throw e;
    }
    Database db = new Database(Dialect.SQLITE, writePool, readPool, new ReentrantLock(true));
    db.optimizeSqlite();
    return db;
  }

  private static SQLiteDataSource sqliteDataSource(
      StoreLocation location, SQLiteConfig.TransactionMode mode) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
    // MLflow's search grammar defines LIKE as case-sensitive; SQLite's default is not.
    config.enableCaseSensitiveLike(true);
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    config.setCacheSize(-16_384);
    config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(SQLITE_MMAP_BYTES));
    config.setTransactionMode(mode);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl(location.jdbcUrl());
    return dataSource;
  }

  private static Database openPostgres(StoreLocation location) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("mledger-postgresql");
    config.setJdbcUrl(location.jdbcUrl());
    if (location.user() != null) {
      config.setUsername(location.user());
    }
    if (location.password() != null) {
      config.setPassword(location.password());
    }
    config.setMaximumPoolSize(POSTGRES_POOL_SIZE);
    // Turns a JDBC batch of inserts into multi-row INSERTs: one round trip per log-batch table.
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw unavailable(location, e);
    }
    try {
      migrate(pool, Dialect.POSTGRESQL);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new Database(Dialect.POSTGRESQL, pool, pool, null);
  }

  private static MledgerException unavailable(StoreLocation location, RuntimeException e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    return new MledgerException(
        ErrorCode.TEMPORARILY_UNAVAILABLE,
        "Cannot connect to the tracking database "
            + StoreLocation.redact(location.jdbcUrl())
            + ": "
            + cause.getMessage(),
        e);
  }

  private static HikariDataSource pool(String name, DataSource dataSource, int size) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setDataSource(dataSource);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    return new HikariDataSource(config);
  }

  private static void migrate(DataSource dataSource, Dialect dialect) {
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations(dialect.migrationLocation())
          .failOnMissingLocations(true)
          // Each area (tracking, registry, datasets, lineage, ...) numbers its migrations in its
          // own
          // range, so a database created by an older build may miss a lower-numbered one.
          .outOfOrder(true)
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new MledgerException(
          ErrorCode.INTERNAL_ERROR, "Cannot migrate the tracking database: " + e.getMessage(), e);
    }
  }

  private static Jdbi configure(Jdbi jdbi) {
    // SQL here is plain text with positional parameters; no template processing wanted.
    jdbi.setTemplateEngine(TemplateEngine.NOP);
    return jdbi;
  }

  Dialect dialect() {
    return dialect;
  }

  /** Appends audit entries inside this database's write transactions. */
  AuditAppender audit() {
    return audit;
  }

  /** Observes every statement this database executes (diagnostics and statement-count tests). */
  void setSqlLogger(SqlLogger logger) {
    writer.getConfig(SqlStatements.class).setSqlLogger(logger);
    reader.getConfig(SqlStatements.class).setSqlLogger(logger);
  }

  /** Runs {@code work} in one read-write transaction; serialized with other writes on SQLite. */
  <T> T write(HandleCallback<T, RuntimeException> work) {
    if (writeLock == null) {
      return writePostgres(work);
    }
    try {
      if (!writeLock.tryLock(WRITE_LOCK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new MledgerException(
            ErrorCode.TEMPORARILY_UNAVAILABLE,
            "The tracking store is busy with other writes; try again later.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MledgerException(
          ErrorCode.TEMPORARILY_UNAVAILABLE, "Interrupted while waiting to write.", e);
    }
    try {
      T result;
      try {
        result = translate(() -> writer.inTransaction(work));
      } catch (RuntimeException e) {
        audit.transactionRolledBack();
        throw e;
      }
      audit.transactionCommitted();
      if (++writesSinceOptimize >= WRITES_BETWEEN_OPTIMIZE) {
        optimizeSqlite();
      }
      return result;
    } finally {
      writeLock.unlock();
    }
  }

  /** Brings the planner's table statistics up to date (used after bulk loads). */
  void refreshStatistics() {
    if (writeLock == null) {
      translate(() -> writer.withHandle(h -> h.execute("ANALYZE")));
      return;
    }
    writeLock.lock();
    try {
      optimizeSqlite();
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * PostgreSQL may abort one of two transactions that wait on each other (deadlock) or conflict;
   * the work is re-run from scratch, which is safe because a callback only talks to the database.
   */
  private <T> T writePostgres(HandleCallback<T, RuntimeException> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        T result = writer.inTransaction(work);
        audit.transactionCommitted();
        return result;
      } catch (JdbiException e) {
        audit.transactionRolledBack();
        if (attempt >= POSTGRES_WRITE_ATTEMPTS || !SqlErrors.isRetryable(e)) {
          throw SqlErrors.toMledger(e);
        }
        LOG.debug("Retrying a write after a transient conflict (attempt {})", attempt, e);
      } catch (RuntimeException e) {
        audit.transactionRolledBack();
        throw e;
      }
    }
  }

  /** Refreshes SQLite's planner statistics where they went stale; never fails the caller. */
  private void optimizeSqlite() {
    writesSinceOptimize = 0;
    try {
      // 0x10002: analyze every table that might benefit, not only those this connection queried.
      writer.useHandle(h -> h.execute("PRAGMA optimize=0x10002"));
    } catch (JdbiException e) {
      LOG.warn("PRAGMA optimize failed; search plans may be slower until the next attempt", e);
    }
  }

  /** Runs {@code work} in one transaction that sees a single consistent snapshot. */
  <T> T read(HandleCallback<T, RuntimeException> work) {
    return switch (dialect) {
      case SQLITE -> translate(() -> reader.inTransaction(work));
      case POSTGRESQL ->
          translate(() -> reader.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, work));
    };
  }

  private interface Work<T> {
    T run();
  }

  private <T> T translate(Work<T> work) {
    try {
      return work.run();
    } catch (JdbiException e) {
      throw SqlErrors.toMledger(e);
    }
  }

  @Override
  public void close() {
    // Idempotent: the tracking store and the Stores that own this database may both close it.
    if (readPool != writePool) {
      readPool.close();
    }
    writePool.close();
  }
}
