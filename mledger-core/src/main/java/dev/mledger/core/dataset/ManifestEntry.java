package dev.mledger.core.dataset;

import dev.mledger.core.error.MledgerException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file of a snapshot.
 *
 * @param path the path relative to the snapshot root, segments separated by {@code /}; for a
 *     single-file snapshot the file's name
 * @param size length in bytes
 * @param sha256 lower-case hex SHA-256 of the content
 */
public record ManifestEntry(String path, long size, String sha256) {
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  public ManifestEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
    requireValidPath(path);
    if (size < 0) {
      throw MledgerException.invalidParameter("negative size for " + path + ": " + size);
    }
    if (!SHA256_HEX.matcher(sha256).matches()) {
      throw MledgerException.invalidParameter("not a lower-case hex SHA-256 for " + path);
    }
  }

  /**
   * Refuses paths that could escape the snapshot root on checkout or make the manifest ambiguous:
   * absolute paths, empty, {@code .} or {@code ..} segments, backslashes, NUL and line breaks.
   */
  public static void requireValidPath(String path) {
    if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
      throw MledgerException.invalidParameter("invalid snapshot path '" + path + "'");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\0' || c == '\n' || c == '\r' || c == '\\') {
        throw MledgerException.invalidParameter(
            "snapshot path contains a NUL, line break or backslash: '" + path + "'");
      }
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw MledgerException.invalidParameter("invalid snapshot path '" + path + "'");
      }
    }
  }
}
