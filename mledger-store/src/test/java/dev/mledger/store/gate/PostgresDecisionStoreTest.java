package dev.mledger.store.gate;

import dev.mledger.store.Stores;
import dev.mledger.store.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The decision-store contract on PostgreSQL: the shared embedded server, one database per test. */
class PostgresDecisionStoreTest extends DecisionStoreContract {
  private String database;

  @Override
  protected Stores openEmptyStores() {
    database = TestPostgres.newDatabase("decisions");
    return Stores.open(TestPostgres.storeUri(database), "s3://bucket");
  }

  @Override
  protected Connection rawConnection() throws SQLException {
    return TestPostgres.connect(database);
  }

  @Override
  protected void allowUpdates(Statement statement) throws SQLException {
    statement.execute("ALTER TABLE gate_decisions DISABLE TRIGGER gate_decisions_immutable");
  }
}
