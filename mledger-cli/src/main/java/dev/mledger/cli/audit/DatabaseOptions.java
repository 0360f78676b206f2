package dev.mledger.cli.audit;

import dev.mledger.cli.CliException;
import dev.mledger.store.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the database is, as {@code mledger server} takes it: {@code --store URI}, or the embedded
 * store in {@code --data DIR} (default {@code ~/.mledger}). Commands that must not trust a server
 * (audit verification) read the database directly.
 */
public final class DatabaseOptions {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory of the embedded store (default: ~/.mledger).")
  Path data;

  @Option(
      names = "--store",
      paramLabel = "URI",
      description = "Store URI: sqlite:///path/mledger.db or postgresql://user:pass@host:port/db.")
  String store;

  /** Opens the database; it must already exist (nothing is created by a read-only command). */
  public Stores open() {
    if (store != null) {
      return Stores.open(store, "mlflow-artifacts:");
    }
    Path dir = data != null ? data : Path.of(System.getProperty("user.home"), ".mledger");
    Path file = dir.resolve("mledger.db").toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new CliException("no mledger database at " + file + " (use --data or --store)", 2);
    }
    return Stores.open("sqlite:///" + file, "mlflow-artifacts:");
  }
}
