package dev.mledger.store.artifact;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/** File-system steps shared by the local stores: durable temporary writes and atomic renames. */
final class LocalFiles {
  static final int BUFFER_BYTES = 64 * 1024;

  private LocalFiles() {}

  /** What {@link #writeDurably} wrote. */
  record Written(String sha256, long size) {}

  /**
   * Copies {@code data} into the new file {@code tmp}, hashing it, and forces it to disk before
   * returning, so a later rename publishes complete content even across a power failure.
   */
  static Written writeDurably(InputStream data, Path tmp) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    long size = 0;
    try (FileChannel channel =
        FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      OutputStream out = Channels.newOutputStream(channel);
      byte[] buffer = new byte[BUFFER_BYTES];
      int n;
      while ((n = data.read(buffer)) >= 0) {
        if (n == 0) {
          continue;
        }
        digest.update(buffer, 0, n);
        out.write(buffer, 0, n);
        size += n;
      }
      channel.force(true);
    }
    return new Written(HexFormat.of().formatHex(digest.digest()), size);
  }

  /**
   * Renames {@code source} onto {@code target} atomically (replacing it) and syncs the directory.
   */
  static void publish(Path source, Path target) throws IOException {
    try {
      Files.move(
          source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(
          "the file system under " + target.getParent() + " cannot rename atomically", e);
    }
    syncDirectory(target.getParent());
  }

  /**
   * Makes a rename in {@code dir} durable; file systems that cannot sync directories are skipped.
   */
  static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not every platform lets a directory be opened; the rename itself is still atomic.
    }
  }

  static MledgerException ioError(String what, IOException e) {
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new MledgerException(ErrorCode.IO_ERROR, what + ": " + detail, e);
  }
}
