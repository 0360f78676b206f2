package dev.mledger.store.artifact;

import dev.mledger.core.error.MledgerException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@link ContentStore} in a local directory: blob {@code ab12...} lives at {@code
 * sha256/ab/ab12...}, writes go through {@code tmp/} and are renamed into place once synced.
 * Several processes may share the directory.
 */
public final class LocalContentStore implements ContentStore {
  private static final String BLOB_DIR = "sha256";
  private static final String TMP_DIR = "tmp";

  private final Path blobs;
  private final Path tmp;

  /**
   * Opens the store in {@code root}, creating the directory if needed.
   *
   * @throws MledgerException IO_ERROR when the directory cannot be created
   */
  public LocalContentStore(Path root) {
    Path absolute = root.toAbsolutePath().normalize();
    this.blobs = absolute.resolve(BLOB_DIR);
    this.tmp = absolute.resolve(TMP_DIR);
    try {
      Files.createDirectories(blobs);
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw LocalFiles.ioError("Cannot create the content store in " + absolute, e);
    }
  }

  @Override
  public ContentRef put(InputStream data) {
    Path temp = null;
    try {
      temp = Files.createTempFile(tmp, "put-", ".tmp");
      LocalFiles.Written written = LocalFiles.writeDurably(data, temp);
      ContentRef ref = new ContentRef(written.sha256(), written.size());
      Path target = blobPath(ref.sha256());
      if (isIntact(target, ref.size())) {
        // Deduplicated: the fresh timestamp keeps a concurrent collection from removing it.
        Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
        return ref;
      }
      Files.createDirectories(target.getParent());
      LocalFiles.publish(temp, target);
      temp = null;
      return ref;
    } catch (IOException e) {
      throw LocalFiles.ioError("Cannot store content", e);
    } finally {
      deleteQuietly(temp);
    }
  }

  @Override
  public InputStream open(String sha256) {
    ContentRef ref =
        stat(sha256).orElseThrow(() -> MledgerException.notFound("No blob " + sha256 + "."));
    return new VerifyingInputStream(
        openUnverified(ref.sha256()), "blob " + sha256, ref.size(), Optional.of(ref.sha256()));
  }

  @Override
  public boolean exists(String sha256) {
    return stat(sha256).isPresent();
  }

  @Override
  public Optional<ContentRef> stat(String sha256) {
    Path path = blobPath(requireSha256(sha256));
    try {
      BasicFileAttributes attrs =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attrs.isRegularFile()
          ? Optional.of(new ContentRef(sha256, attrs.size()))
          : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw LocalFiles.ioError("Cannot read blob " + sha256, e);
    }
  }

  @Override
  public GcReport removeUnreferenced(Predicate<String> isReferenced, Duration grace) {
    Instant cutoff = Instant.now().minus(grace);
    long removed = 0;
    long bytes = 0;
    try (DirectoryStream<Path> fanout = Files.newDirectoryStream(blobs)) {
      for (Path dir : fanout) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
          for (Path blob : files) {
            String name = blob.getFileName().toString();
            if (ContentRef.isSha256(name) && !isReferenced.test(name)) {
              long freed = deleteIfOlder(blob, cutoff);
              if (freed >= 0) {
                removed++;
                bytes += freed;
              }
            }
          }
        }
      }
      try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmp)) {
        for (Path file : leftovers) {
          long freed = deleteIfOlder(file, cutoff);
          if (freed >= 0) {
            removed++;
            bytes += freed;
          }
        }
      }
    } catch (IOException | UncheckedIOException e) {
      IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
      throw LocalFiles.ioError("Cannot collect unreferenced blobs", io);
    }
    return new GcReport(removed, bytes);
  }

  /** The blob's bytes without verification; callers that know more wrap it themselves. */
  InputStream openUnverified(String sha256) {
    try {
      return Files.newInputStream(blobPath(sha256), LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      throw MledgerException.notFound("No blob " + sha256 + ".");
    } catch (IOException e) {
      throw LocalFiles.ioError("Cannot read blob " + sha256, e);
    }
  }

  Path blobPath(String sha256) {
    return blobs.resolve(sha256.substring(0, 2)).resolve(sha256);
  }

  private static String requireSha256(String sha256) {
    if (!ContentRef.isSha256(sha256)) {
      throw MledgerException.invalidParameter(
          "Invalid blob address '" + sha256 + "': expected a lower-case hex SHA-256.");
    }
    return sha256;
  }

  /** A stored blob of the right length is kept; a truncated one is replaced by the new copy. */
  private static boolean isIntact(Path blob, long size) throws IOException {
    try {
      BasicFileAttributes attrs =
          Files.readAttributes(blob, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attrs.isRegularFile() && attrs.size() == size;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** Deletes {@code file} if last modified before {@code cutoff}; its size, or -1 if kept. */
  private static long deleteIfOlder(Path file, Instant cutoff) throws IOException {
    try {
      BasicFileAttributes attrs =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attrs.lastModifiedTime().toInstant().isBefore(cutoff)) {
        return -1;
      }
      Files.delete(file);
      return attrs.size();
    } catch (NoSuchFileException e) {
      return -1;
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover temporary file is collected later by removeUnreferenced.
    }
  }
}
