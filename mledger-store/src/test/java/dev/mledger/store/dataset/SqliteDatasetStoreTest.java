package dev.mledger.store.dataset;

import dev.mledger.store.Stores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatasetStoreTest extends DatasetStoreContract {
  @TempDir Path dir;
  private Path file;
  private int opened;

  @Override
  protected Stores openEmptyStores() {
    file = dir.resolve("db-" + (opened++) + "/mledger.db");
    return Stores.open("sqlite://" + file, "file:///tmp/artifacts");
  }

  @Override
  protected Connection rawConnection() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file);
  }
}
