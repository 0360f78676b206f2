package dev.mledger.store.audit;

import dev.mledger.store.Stores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** Audited mutations on SQLite, one database file per test. */
class SqliteAuditedMutationsTest extends AuditedMutationsContract {
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
  protected List<String> refuseAuditAppends() {
    return List.of(
        "CREATE TRIGGER audit_refused BEFORE INSERT ON audit_log"
            + " BEGIN SELECT RAISE(ABORT, 'audit appends refused'); END");
  }

  @Override
  protected List<String> allowAuditAppends() {
    return List.of("DROP TRIGGER audit_refused");
  }
}
