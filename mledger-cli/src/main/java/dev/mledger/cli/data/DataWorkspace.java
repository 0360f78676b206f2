package dev.mledger.cli.data;

import dev.mledger.core.dataset.DatasetRef;
import dev.mledger.core.error.MledgerException;
import dev.mledger.store.Stores;
import dev.mledger.store.artifact.LocalContentStore;
import dev.mledger.store.dataset.DatasetStore;
import dev.mledger.store.dataset.DatasetVersion;
import dev.mledger.store.dataset.Snapshotter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The open dataset registry of one command: the database (through {@link Stores}) and the content
 * store of dataset blobs in {@code DATA/datasets/blobs}, separate from run artifacts so that
 * collecting one never removes the other's blobs.
 */
final class DataWorkspace implements AutoCloseable {
  private final Stores stores;
  private final LocalContentStore blobs;

  private DataWorkspace(Stores stores, LocalContentStore blobs) {
    this.stores = stores;
    this.blobs = blobs;
  }

  static DataWorkspace open(DataStoreOptions options) {
    LocalContentStore blobs = new LocalContentStore(options.dataDir().resolve("datasets/blobs"));
    return new DataWorkspace(Stores.open(options.storeUri(), "mlflow-artifacts:"), blobs);
  }

  Stores stores() {
    return stores;
  }

  DatasetStore datasets() {
    return stores.datasets();
  }

  LocalContentStore blobs() {
    return blobs;
  }

  DatasetVersion get(String ref) {
    return datasets().get(DatasetRef.parse(ref));
  }

  /**
   * Copies the single file of a file snapshot out of the content store (verified) into {@code dir},
   * so the table reader can read it; the caller deletes {@code dir}.
   */
  Path materialize(DatasetVersion version, Path dir) {
    List<dev.mledger.core.dataset.ManifestEntry> files = new ArrayList<>();
    datasets().forEachFile(version.name(), version.version(), files::add);
    Path file = dir.resolve(version.version() + "-" + version.path());
    try (InputStream in = blobs.open(files.get(0).sha256())) {
      Files.copy(in, file);
    } catch (IOException e) {
      throw new MledgerException(
          dev.mledger.core.error.ErrorCode.IO_ERROR,
          "cannot read the stored content of " + version.ref() + ": " + e.getMessage(),
          e);
    }
    return file;
  }

  static int threads() {
    return Snapshotter.defaultThreads();
  }

  static String actor() {
    String user = System.getProperty("user.name");
    return user == null || user.isBlank() ? "unknown" : user;
  }

  @Override
  public void close() {
    stores.close();
  }
}
