package dev.mledger.store.dataset;

import dev.mledger.core.dataset.DatasetKind;
import dev.mledger.core.dataset.ManifestEntry;
import dev.mledger.core.dataset.ManifestOrder;
import dev.mledger.core.dataset.TreeHasher;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.store.artifact.ContentRef;
import dev.mledger.store.artifact.ContentStore;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Snapshots a file or a directory tree into a {@link ContentStore}: every file is streamed once
 * (hashed while it is stored, deduplicated by content), files of a directory in parallel on a
 * bounded pool. Memory holds the manifest (path, size, hash per file) but never file contents, so a
 * 10 GB file needs no more than a 1 KB one and 100k files a few tens of megabytes.
 *
 * <p>Symbolic links are refused rather than followed or skipped: following could escape the
 * directory and skipping would silently lose data. A file that changes size while it is read fails
 * the snapshot.
 */
public final class Snapshotter {
  private final ContentStore blobs;
  private final int threads;

  /**
   * @param blobs where file contents go
   * @param threads files hashed and stored at the same time (at least 1)
   */
  public Snapshotter(ContentStore blobs, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    this.blobs = blobs;
    this.threads = threads;
  }

  /** The default parallelism: the number of processors, at most 8 (disks saturate before). */
  public static int defaultThreads() {
    return Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Snapshots {@code source}.
   *
   * @param progress receives the number of bytes read, from several threads
   * @throws MledgerException RESOURCE_DOES_NOT_EXIST for a missing source, INVALID_PARAMETER_VALUE
   *     for an empty directory or a symbolic link, IO_ERROR when reading fails
   */
  public Snapshot snapshot(Path source, LongConsumer progress) {
    Path absolute = source.toAbsolutePath().normalize();
    if (absolute.getFileName() == null) {
      throw MledgerException.invalidParameter("cannot snapshot the file system root");
    }
    String name = absolute.getFileName().toString();
    BasicFileAttributes attrs = attributes(absolute);
    if (attrs.isSymbolicLink()) {
      throw symlink(absolute);
    }
    if (attrs.isRegularFile()) {
      ManifestEntry entry = store(absolute, name, attrs.size(), progress);
      return new Snapshot(DatasetKind.FILE, name, List.of(entry), TreeHasher.ofFile(entry));
    }
    if (!attrs.isDirectory()) {
      throw MledgerException.invalidParameter(absolute + " is neither a file nor a directory");
    }
    List<Path> files = listFiles(absolute);
    if (files.isEmpty()) {
      throw MledgerException.invalidParameter("the directory " + absolute + " contains no files");
    }
    List<ManifestEntry> manifest = new ArrayList<>(files.size());
    try (BoundedParallel pool = new BoundedParallel(threads)) {
      for (Path file : files) {
        String relative = relativePath(absolute, file);
        pool.submit(
            () -> {
              ManifestEntry entry = store(file, relative, attributes(file).size(), progress);
              synchronized (manifest) {
                manifest.add(entry);
              }
            });
      }
      pool.awaitAll();
    }
    manifest.sort((a, b) -> ManifestOrder.INSTANCE.compare(a.path(), b.path()));
    return new Snapshot(DatasetKind.DIRECTORY, name, manifest, TreeHasher.ofDirectory(manifest));
  }

  private ManifestEntry store(Path file, String path, long expectedSize, LongConsumer progress) {
    ContentRef ref;
    try (InputStream in = new CountingStream(Files.newInputStream(file), progress)) {
      ref = blobs.put(in);
    } catch (NoSuchFileException e) {
      throw new MledgerException(
          ErrorCode.IO_ERROR, file + " disappeared while the snapshot was taken", e);
    } catch (IOException e) {
      throw new MledgerException(ErrorCode.IO_ERROR, "cannot read " + file + ": " + e, e);
    }
    if (ref.size() != expectedSize) {
      throw new MledgerException(
          ErrorCode.IO_ERROR,
          file
              + " changed while the snapshot was taken ("
              + expectedSize
              + " -> "
              + ref.size()
              + " bytes); take the snapshot again when it is stable");
    }
    return new ManifestEntry(path, ref.size(), ref.sha256());
  }

  private static List<Path> listFiles(Path root) {
    List<Path> files = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isSymbolicLink()) {
                throw symlink(file);
              }
              if (!attrs.isRegularFile()) {
                throw MledgerException.invalidParameter(
                    file + " is not a regular file (device, socket or pipe)");
              }
              files.add(file);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new MledgerException(ErrorCode.IO_ERROR, "cannot list " + root + ": " + e, e);
    }
    return files;
  }

  private static String relativePath(Path root, Path file) {
    List<String> segments = new ArrayList<>();
    for (Path p : root.relativize(file)) {
      segments.add(p.toString());
    }
    String path = String.join("/", segments);
    ManifestEntry.requireValidPath(path);
    return path;
  }

  private static BasicFileAttributes attributes(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      throw MledgerException.notFound("no such file or directory: " + path);
    } catch (IOException e) {
      throw new MledgerException(ErrorCode.IO_ERROR, "cannot read " + path + ": " + e, e);
    } catch (UncheckedIOException e) {
      throw new MledgerException(ErrorCode.IO_ERROR, "cannot read " + path + ": " + e, e);
    }
  }

  private static MledgerException symlink(Path path) {
    return MledgerException.invalidParameter(
        path + " is a symbolic link; snapshot its target instead (links are not followed)");
  }

  /** Reports bytes read as they pass. */
  private static final class CountingStream extends FilterInputStream {
    private final LongConsumer progress;

    CountingStream(InputStream in, LongConsumer progress) {
      super(in);
      this.progress = progress;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        progress.accept(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      int n = super.read(buffer, off, len);
      if (n > 0) {
        progress.accept(n);
      }
      return n;
    }
  }
}
