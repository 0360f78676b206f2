package dev.mledger.core.dataset;

import dev.mledger.core.error.MledgerException;
import java.util.Locale;

/** What a snapshot was taken of. */
public enum DatasetKind {
  /** One file; the snapshot hash is the file's SHA-256. */
  FILE,
  /** A directory tree; the snapshot hash is its Merkle root ({@link TreeHasher}). */
  DIRECTORY;

  /** Lower-case name used in pointer files, the database and JSON. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind called {@code name} ({@link #jsonName()}). */
  public static DatasetKind fromName(String name) {
    for (DatasetKind k : values()) {
      if (k.jsonName().equals(name)) {
        return k;
      }
    }
    throw MledgerException.invalidParameter("unknown dataset kind '" + name + "'");
  }
}
