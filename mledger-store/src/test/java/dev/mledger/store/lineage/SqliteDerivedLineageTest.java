package dev.mledger.store.lineage;

import dev.mledger.store.Stores;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The derived-lineage contract on SQLite, one database file per test. */
class SqliteDerivedLineageTest extends DerivedLineageContract {
  @TempDir Path dir;
  private int opened;

  @Override
  protected Stores openEmptyStores() {
    return Stores.open("sqlite://" + dir.resolve("db-" + (opened++) + "/mledger.db"), "/tmp/a");
  }
}
