package dev.mledger.store.audit;

import dev.mledger.store.Stores;
import dev.mledger.store.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Audited mutations on PostgreSQL: the shared embedded server, one database per test. */
class PostgresAuditedMutationsTest extends AuditedMutationsContract {
  private String database;

  @Override
  protected Stores openEmptyStores() {
    database = TestPostgres.newDatabase("audited");
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
  protected List<String> refuseAuditAppends() {
    return List.of(
        "CREATE FUNCTION audit_refused() RETURNS trigger LANGUAGE plpgsql AS"
            + " $$ BEGIN RAISE EXCEPTION 'audit appends refused'; END $$",
        "CREATE TRIGGER audit_refused BEFORE INSERT ON audit_log"
            + " FOR EACH ROW EXECUTE FUNCTION audit_refused()");
  }

  @Override
  protected List<String> allowAuditAppends() {
    return List.of("DROP TRIGGER audit_refused ON audit_log", "DROP FUNCTION audit_refused()");
  }
}
