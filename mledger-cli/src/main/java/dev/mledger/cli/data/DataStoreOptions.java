package dev.mledger.cli.data;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the dataset registry lives: the same data directory and store as {@code mledger server}.
 */
public final class DataStoreOptions {
  @Option(
      names = "--data",
      description = "Data directory of the embedded store (default: ~/.mledger).")
  Path data;

  @Option(
      names = "--store",
      description =
          "Store URI (sqlite:///path/mledger.db or postgresql://...); dataset contents still go to"
              + " DATA/datasets/blobs.")
  String store;

  Path dataDir() {
    return data != null ? data : Path.of(System.getProperty("user.home"), ".mledger");
  }

  String storeUri() {
    return store != null ? store : "sqlite:///" + dataDir().resolve("mledger.db");
  }
}
