package dev.mledger.store.llm;

import dev.mledger.store.Stores;
import dev.mledger.store.testing.TestPostgres;

/** The LLM store contract on PostgreSQL: the shared embedded server, one database per test. */
class PostgresLlmStoreTest extends LlmStoreContract {
  @Override
  protected Stores openEmptyStores() {
    return Stores.open(TestPostgres.storeUri(TestPostgres.newDatabase("llm")), "s3://b");
  }
}
