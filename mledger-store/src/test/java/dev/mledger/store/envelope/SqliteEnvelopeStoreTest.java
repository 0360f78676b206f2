package dev.mledger.store.envelope;

import dev.mledger.store.Stores;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The envelope store contract on SQLite, one database file per test. */
class SqliteEnvelopeStoreTest extends EnvelopeStoreContract {
  @TempDir Path dir;
  private int opened;

  @Override
  protected Stores openEmptyStores() {
    return Stores.open("sqlite://" + dir.resolve("db-" + (opened++) + "/mledger.db"), "/tmp/a");
  }
}
