package dev.mledger.store.lineage;

import dev.mledger.store.Stores;
import dev.mledger.store.testing.TestPostgres;

/** Runs the lineage contract on PostgreSQL: the shared embedded server, one database per test. */
class PostgresLineageStoreTest extends LineageStoreContract {
  @Override
  protected Stores openEmptyStores() {
    return Stores.open(
        TestPostgres.storeUri(TestPostgres.newDatabase("lineage")), "mlflow-artifacts:");
  }
}
