package dev.mledger.store.dataset;

import dev.mledger.store.Stores;
import dev.mledger.store.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;

/** The dataset-store contract on PostgreSQL: the shared embedded server, one database per test. */
class PostgresDatasetStoreTest extends DatasetStoreContract {
  private String database;

  @Override
  protected Stores openEmptyStores() {
    database = TestPostgres.newDatabase("datasets");
    return Stores.open(TestPostgres.storeUri(database), "s3://bucket");
  }

  @Override
  protected Connection rawConnection() throws SQLException {
    return TestPostgres.connect(database);
  }
}
