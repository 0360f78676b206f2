package dev.mledger.store.audit;

import dev.mledger.store.Stores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The audit log contract on SQLite, one database file per test. */
class SqliteAuditLogTest extends AuditLogContract {
  @TempDir Path dir;
  private Path file;
  private int opened;

  @Override
  protected Stores openEmptyStores() {
    file = dir.resolve("db-" + (opened++) + "/mledger.db");
    return reopen();
  }

  @Override
  protected Stores reopen() {
    return Stores.open("sqlite://" + file, "/tmp/a");
  }

  @Override
  protected void executeRaw(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  @Override
  protected List<String> dropImmutabilityTriggers() {
    return List.of(
        "DROP TRIGGER IF EXISTS audit_log_no_update", "DROP TRIGGER IF EXISTS audit_log_no_delete");
  }
}
