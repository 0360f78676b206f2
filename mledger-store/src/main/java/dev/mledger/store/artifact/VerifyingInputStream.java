package dev.mledger.store.artifact;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Passes bytes through while hashing them; at the end of the stream it checks the length and, when
 * one is known, the SHA-256, and throws {@link ArtifactIntegrityException} instead of reporting the
 * end if either differs. A reader that stops early is not checked: it has not seen the whole file.
 */
final class VerifyingInputStream extends FilterInputStream {
  private final String path;
  private final long expectedSize;
  private final Optional<String> expectedSha256;
  private final MessageDigest digest = Sha256.newDigest();
  private long count;
  private boolean verified;

  VerifyingInputStream(
      InputStream in, String path, long expectedSize, Optional<String> expectedSha256) {
    super(in);
    this.path = path;
    this.expectedSize = expectedSize;
    this.expectedSha256 = expectedSha256;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    int n = in.read(b, off, len);
    if (n < 0) {
      verify();
      return -1;
    }
    digest.update(b, off, n);
    count += n;
    if (count > expectedSize) {
      throw new ArtifactIntegrityException(
          path,
          "Artifact '" + path + "' is damaged: longer than the " + expectedSize + " bytes stored.");
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes must still be hashed, so skipping reads.
    byte[] buffer = new byte[8192];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void mark(int readlimit) {
    // Not supported: a reset would hash bytes twice.
  }

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }

  private void verify() throws ArtifactIntegrityException {
    if (verified) {
      return;
    }
    if (count != expectedSize) {
      throw new ArtifactIntegrityException(
          path,
          "Artifact '"
              + path
              + "' is damaged: "
              + count
              + " bytes read, "
              + expectedSize
              + " stored.");
    }
    if (expectedSha256.isPresent()) {
      String actual = HexFormat.of().formatHex(digest.digest());
      if (!actual.equals(expectedSha256.get())) {
        throw new ArtifactIntegrityException(
            path,
            "Artifact '"
                + path
                + "' is damaged: SHA-256 "
                + actual
                + " does not match the stored "
                + expectedSha256.get()
                + ".");
      }
    }
    verified = true;
  }
}
