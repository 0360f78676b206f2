package dev.mledger.store.registry;

import dev.mledger.store.Stores;
import dev.mledger.store.testing.TestPostgres;

/** Runs the registry contract on PostgreSQL: the shared embedded server, one database per test. */
class PostgresModelRegistryStoreTest extends ModelRegistryStoreContract {
  @Override
  protected Stores openEmptyStores() {
    return Stores.open(
        TestPostgres.storeUri(TestPostgres.newDatabase("registry")), "mlflow-artifacts:");
  }
}
