package dev.mledger.store.lineage;

import dev.mledger.store.Stores;
import dev.mledger.store.testing.TestPostgres;

/**
 * The derived-lineage contract on PostgreSQL: the shared embedded server, one database per test.
 */
class PostgresDerivedLineageTest extends DerivedLineageContract {
  @Override
  protected Stores openEmptyStores() {
    return Stores.open(
        TestPostgres.storeUri(TestPostgres.newDatabase("derived")), "mlflow-artifacts:");
  }
}
