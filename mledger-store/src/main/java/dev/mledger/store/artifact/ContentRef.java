package dev.mledger.store.artifact;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The address and length of one blob in a {@link ContentStore}.
 *
 * @param sha256 lower-case hex SHA-256 of the content (64 characters)
 * @param size length in bytes
 */
public record ContentRef(String sha256, long size) {
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  public ContentRef {
    Objects.requireNonNull(sha256, "sha256");
    if (!isSha256(sha256)) {
      throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
  }

  /** Whether {@code text} is a lower-case hex SHA-256, the form blobs are addressed by. */
  public static boolean isSha256(String text) {
    return text != null && SHA256_HEX.matcher(text).matches();
  }
}
