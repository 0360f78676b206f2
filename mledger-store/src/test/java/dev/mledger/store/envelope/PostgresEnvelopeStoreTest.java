package dev.mledger.store.envelope;

import dev.mledger.store.Stores;
import dev.mledger.store.testing.TestPostgres;

/** The envelope store contract on PostgreSQL: the shared embedded server, one database per test. */
class PostgresEnvelopeStoreTest extends EnvelopeStoreContract {
  @Override
  protected Stores openEmptyStores() {
    return Stores.open(TestPostgres.storeUri(TestPostgres.newDatabase("envelopes")), "s3://b");
  }
}
