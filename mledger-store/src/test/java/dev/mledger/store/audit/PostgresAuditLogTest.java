package dev.mledger.store.audit;

import dev.mledger.store.Stores;
import dev.mledger.store.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The audit log contract on PostgreSQL: the shared embedded server, one database per test. */
class PostgresAuditLogTest extends AuditLogContract {
  private String database;

  @Override
  protected Stores openEmptyStores() {
    database = TestPostgres.newDatabase("audit");
    return reopen();
  }

  @Override
  protected Stores reopen() {
    return Stores.open(TestPostgres.storeUri(database), "s3://b");
  }

  @Override
  protected void executeRaw(String sql) throws SQLException {
    try (Connection c = TestPostgres.connect(database);
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  @Override
  protected List<String> dropImmutabilityTriggers() {
    return List.of("DROP TRIGGER IF EXISTS audit_log_immutable ON audit_log");
  }
}
