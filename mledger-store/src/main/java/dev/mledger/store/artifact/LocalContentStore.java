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
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
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
      if (isIntact(target, ref.size()) && refresh(target)) {
        // Deduplicated: the fresh timestamp keeps a concurrent collection from removing it.
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
    BlobCollection c =
        collect(
            candidates -> {
              Set<String> used = new HashSet<>();
              candidates.stream().filter(isReferenced).forEach(used::add);
              return used;
            },
            grace,
            false,
            SweepProgress.NONE);
    return new GcReport(c.removed() + c.temporaryFiles(), c.bytesFreed() + c.temporaryBytes());
  }

  /** Progress of a {@link #collect} pass, reported after each fan-out directory. */
  @FunctionalInterface
  public interface SweepProgress {
    /** Reports nothing. */
    SweepProgress NONE = (done, total, scanned) -> {};

    /**
     * @param directoriesDone fan-out directories ({@code sha256/ab/}) swept so far
     * @param directories how many there are
     * @param blobsScanned blobs looked at so far
     */
    void update(int directoriesDone, int directories, long blobsScanned);
  }

  /**
   * Collects garbage: removes (or with {@code dryRun} only counts) the blobs older than {@code
   * grace} that {@code referenced} does not name, and abandoned temporary files older than {@code
   * grace}. {@code referenced} receives the old blobs of one fan-out directory at a time and
   * answers which of them are still referenced, so an owner can look them up in batches.
   *
   * <p>Safe against concurrent {@link #put}s of the same bytes: a blob is first renamed aside, and
   * put back when its modification time shows that a writer re-put it after it was judged old; a
   * writer that finds it gone stores its own copy. Blobs younger than {@code grace} are never
   * touched, so a writer has {@code grace} from writing a blob to recording a reference to it.
   */
  public BlobCollection collect(
      Function<List<String>, Set<String>> referenced,
      Duration grace,
      boolean dryRun,
      SweepProgress progress) {
    Instant cutoff = Instant.now().minus(grace);
    Counts n = new Counts();
    try {
      List<Path> fanout = new ArrayList<>();
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(blobs)) {
        for (Path dir : dirs) {
          if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            fanout.add(dir);
          }
        }
      }
      fanout.sort(null);
      for (int d = 0; d < fanout.size(); d++) {
        sweep(fanout.get(d), cutoff, referenced, dryRun, n);
        progress.update(d + 1, fanout.size(), n.scanned);
      }
      try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmp)) {
        for (Path file : leftovers) {
          BasicFileAttributes attrs = attributes(file);
          if (attrs == null || !attrs.lastModifiedTime().toInstant().isBefore(cutoff)) {
            continue;
          }
          if (dryRun || deleteIfOlder(file, cutoff) >= 0) {
            n.temporaryFiles++;
            n.temporaryBytes += attrs.size();
          }
        }
      }
    } catch (IOException | UncheckedIOException e) {
      IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
      throw LocalFiles.ioError("Cannot collect unreferenced blobs", io);
    }
    return new BlobCollection(
        dryRun,
        n.scanned,
        n.scannedBytes,
        n.recent,
        n.referenced,
        n.unreferenced,
        n.unreferencedBytes,
        n.removed,
        n.bytesFreed,
        n.temporaryFiles,
        n.temporaryBytes);
  }

  private static final class Counts {
    long scanned;
    long scannedBytes;
    long recent;
    long referenced;
    long unreferenced;
    long unreferencedBytes;
    long removed;
    long bytesFreed;
    long temporaryFiles;
    long temporaryBytes;
  }

  private void sweep(
      Path dir,
      Instant cutoff,
      Function<List<String>, Set<String>> referenced,
      boolean dryRun,
      Counts n)
      throws IOException {
    Map<String, Long> old = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path blob : files) {
        String name = blob.getFileName().toString();
        BasicFileAttributes attrs = ContentRef.isSha256(name) ? attributes(blob) : null;
        if (attrs == null || !attrs.isRegularFile()) {
          continue;
        }
        n.scanned++;
        n.scannedBytes += attrs.size();
        if (attrs.lastModifiedTime().toInstant().isBefore(cutoff)) {
          old.put(name, attrs.size());
        } else {
          n.recent++;
        }
      }
    }
    if (old.isEmpty()) {
      return;
    }
    Set<String> used = referenced.apply(List.copyOf(old.keySet()));
    for (Map.Entry<String, Long> blob : old.entrySet()) {
      if (used.contains(blob.getKey())) {
        n.referenced++;
        continue;
      }
      n.unreferenced++;
      n.unreferencedBytes += blob.getValue();
      if (!dryRun) {
        long freed = collectBlob(dir.resolve(blob.getKey()), cutoff);
        if (freed >= 0) {
          n.removed++;
          n.bytesFreed += freed;
        }
      }
    }
  }

  /**
   * Removes an unreferenced old blob unless a concurrent {@link #put} re-put it: the blob is
   * renamed aside first (atomic), so a put that refreshes it afterwards finds it gone and stores
   * its own copy, and a put that refreshed it before shows in the renamed file's time, which puts
   * it back. Its size, or -1 when kept or already gone.
   */
  private long collectBlob(Path blob, Instant cutoff) throws IOException {
    Path aside = Files.createTempFile(tmp, "gc-", ".blob");
    try {
      Files.move(blob, aside, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (NoSuchFileException e) {
      Files.deleteIfExists(aside);
      return -1;
    }
    BasicFileAttributes attrs =
        Files.readAttributes(aside, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!attrs.lastModifiedTime().toInstant().isBefore(cutoff)) {
      // Same bytes as any copy a writer published meanwhile, so replacing that copy is harmless.
      Files.move(aside, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return -1;
    }
    Files.delete(aside);
    return attrs.size();
  }

  private static BasicFileAttributes attributes(Path file) throws IOException {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
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

  /** Marks a blob as just put; false when a collection removed it meanwhile. */
  private static boolean refresh(Path blob) throws IOException {
    try {
      Files.setLastModifiedTime(blob, FileTime.from(Instant.now()));
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
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
