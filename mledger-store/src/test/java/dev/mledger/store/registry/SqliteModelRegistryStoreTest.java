package dev.mledger.store.registry;

import dev.mledger.store.Stores;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Runs the registry contract on SQLite, one database file per test. */
class SqliteModelRegistryStoreTest extends ModelRegistryStoreContract {
  @TempDir Path dir;
  private int opened;

  @Override
  protected Stores openEmptyStores() {
    Path file = dir.resolve("registry-" + (opened++) + "/mledger.db");
    return Stores.open("sqlite://" + file, "mlflow-artifacts:");
  }
}
