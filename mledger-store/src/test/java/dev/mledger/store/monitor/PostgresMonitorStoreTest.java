package dev.mledger.store.monitor;

import dev.mledger.store.Stores;
import dev.mledger.store.testing.TestPostgres;

/** The monitor store contract on PostgreSQL: the shared embedded server, one database per test. */
class PostgresMonitorStoreTest extends MonitorStoreContract {
  @Override
  protected Stores openEmptyStores() {
    return Stores.open(TestPostgres.storeUri(TestPostgres.newDatabase("monitors")), "s3://b");
  }
}
