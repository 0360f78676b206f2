package dev.mledger.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Runs the store contract on SQLite, one database file per test. */
class SqliteTrackingStoreTest extends TrackingStoreContract {
  @TempDir Path dir;
  private int opened;

  @Override
  protected TrackingStore openEmptyStore(String defaultArtifactRoot) {
    Path file = dir.resolve("store-" + (opened++) + "/mledger.db");
    return TrackingStores.open("sqlite://" + file, defaultArtifactRoot);
  }
}
