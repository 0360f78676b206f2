package dev.mledger.store.dataset;

import dev.mledger.core.dataset.DatasetKind;
import dev.mledger.core.dataset.ManifestEntry;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.store.artifact.ArtifactIntegrityException;
import dev.mledger.store.artifact.ContentStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Restores a dataset version to a path, exactly: every file is written from the content store
 * through a verifying stream into a temporary file and renamed into place only once its hash
 * matched, so a corrupted blob never overwrites anything. Files already present with the right hash
 * are left alone. Without {@code force}, a checkout that would overwrite a modified file or leave
 * files that are not part of the version is refused before anything is written; with it, modified
 * files are overwritten and extra files removed.
 */
public final class Checkout {
  private static final int MAX_LISTED = 10;

  private final DatasetStore store;
  private final ContentStore blobs;
  private final int threads;

  public Checkout(DatasetStore store, ContentStore blobs, int threads) {
    this.store = store;
    this.blobs = blobs;
    this.threads = threads;
  }

  /**
   * Restores {@code version} to {@code target} (the file itself for a file snapshot, the directory
   * for a directory snapshot).
   *
   * @throws MledgerException RESOURCE_CONFLICT for modified or extra files without {@code force},
   *     RESOURCE_DOES_NOT_EXIST when a blob is missing, IO_ERROR for a corrupted blob
   */
  public CheckoutResult checkout(
      DatasetVersion version, Path target, boolean force, LongConsumer progress) {
    Path root = target.toAbsolutePath().normalize();
    if (version.kind() == DatasetKind.FILE) {
      List<ManifestEntry> one = new ArrayList<>(1);
      store.forEachFile(version.name(), version.version(), one::add);
      return checkoutFile(version, one.get(0), root, force, progress);
    }
    if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)
        && !Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      throw new MledgerException(
          ErrorCode.RESOURCE_CONFLICT, root + " exists and is not a directory");
    }
    Set<String> expected = new HashSet<>();
    List<String> modified = new ArrayList<>();
    long[] toWrite = new long[1];
    store.forEachFile(
        version.name(),
        version.version(),
        entry -> {
          expected.add(entry.path());
          if (!blobs.exists(entry.sha256())) {
            throw MledgerException.notFound(
                "the content of "
                    + entry.path()
                    + " (blob "
                    + entry.sha256()
                    + ") is missing from the dataset store");
          }
          FileState state = state(resolve(root, entry.path()), entry);
          if (state == FileState.MODIFIED) {
            modified.add(entry.path());
          }
          if (state != FileState.SAME) {
            toWrite[0]++;
          }
        });
    List<Path> extra = extraFiles(root, expected);
    if (!force && (!modified.isEmpty() || !extra.isEmpty())) {
      throw conflict(version, root, modified, extra.stream().map(p -> relative(root, p)).toList());
    }
    long[] counts = new long[3];
    try (BoundedParallel pool = new BoundedParallel(threads)) {
      store.forEachFile(
          version.name(),
          version.version(),
          entry ->
              pool.submit(
                  () -> {
                    Path file = resolve(root, entry.path());
                    if (state(file, entry) == FileState.SAME) {
                      synchronized (counts) {
                        counts[1]++;
                      }
                      return;
                    }
                    write(entry, file, progress);
                    synchronized (counts) {
                      counts[0]++;
                      counts[2] += entry.size();
                    }
                  }));
      pool.awaitAll();
    }
    long removed = 0;
    for (Path p : extra) {
      delete(p);
      removed++;
    }
    return new CheckoutResult(root, counts[0], counts[1], removed, counts[2]);
  }

  private CheckoutResult checkoutFile(
      DatasetVersion version,
      ManifestEntry entry,
      Path file,
      boolean force,
      LongConsumer progress) {
    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new MledgerException(ErrorCode.RESOURCE_CONFLICT, file + " is a directory");
    }
    FileState state = state(file, entry);
    if (state == FileState.SAME) {
      return new CheckoutResult(file, 0, 1, 0, 0);
    }
    if (state == FileState.MODIFIED && !force) {
      throw conflict(version, file, List.of(file.getFileName().toString()), List.of());
    }
    write(entry, file, progress);
    return new CheckoutResult(file, 1, 0, 0, entry.size());
  }

  private enum FileState {
    MISSING,
    SAME,
    MODIFIED
  }

  /** Compares a file on disk with a manifest entry: size first, the hash only when sizes match. */
  private static FileState state(Path file, ManifestEntry entry) {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return FileState.MISSING;
    }
    if (!attrs.isRegularFile() || attrs.size() != entry.size()) {
      return FileState.MODIFIED;
    }
    return entry.sha256().equals(sha256(file)) ? FileState.SAME : FileState.MODIFIED;
  }

  private void write(ManifestEntry entry, Path file, LongConsumer progress) {
    Path temp = null;
    try {
      Files.createDirectories(file.getParent());
      temp = Files.createTempFile(file.getParent(), ".mledger-checkout-", ".tmp");
      try (InputStream in = blobs.open(entry.sha256());
          OutputStream out = Files.newOutputStream(temp)) {
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) > 0) {
          out.write(buffer, 0, n);
          progress.accept(n);
        }
      }
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (ArtifactIntegrityException e) {
      throw new MledgerException(
          ErrorCode.IO_ERROR,
          "the stored content of "
              + entry.path()
              + " is corrupted (blob "
              + entry.sha256()
              + " no longer matches its hash); nothing was written for it",
          e);
    } catch (IOException e) {
      throw new MledgerException(ErrorCode.IO_ERROR, "cannot write " + file + ": " + e, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // A leftover temporary file is harmless; the failure above is what the user needs.
        }
      }
    }
  }

  private static List<Path> extraFiles(Path root, Set<String> expected) {
    List<Path> extra = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return extra;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (!expected.contains(relative(root, file))) {
                extra.add(file);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new MledgerException(ErrorCode.IO_ERROR, "cannot list " + root + ": " + e, e);
    }
    return extra;
  }

  private static MledgerException conflict(
      DatasetVersion version, Path target, List<String> modified, List<String> extra) {
    StringBuilder message =
        new StringBuilder("checkout of " + version.ref() + " into " + target + " refused:");
    if (!modified.isEmpty()) {
      message.append(" modified files ").append(listed(modified));
    }
    if (!extra.isEmpty()) {
      message
          .append(modified.isEmpty() ? "" : ";")
          .append(" files not in the version ")
          .append(listed(extra));
    }
    message.append(
        ". Nothing was written; use --force to overwrite them and remove the extra files.");
    return new MledgerException(ErrorCode.RESOURCE_CONFLICT, message.toString());
  }

  private static String listed(List<String> paths) {
    List<String> shown = paths.stream().sorted().limit(MAX_LISTED).toList();
    String more = paths.size() > MAX_LISTED ? " and " + (paths.size() - MAX_LISTED) + " more" : "";
    return String.join(", ", shown) + more;
  }

  private static Path resolve(Path root, String path) {
    Path file = root.resolve(path).normalize();
    if (!file.startsWith(root)) {
      throw MledgerException.invalidParameter("manifest path escapes the target: " + path);
    }
    return file;
  }

  private static String relative(Path root, Path file) {
    List<String> segments = new ArrayList<>();
    for (Path p : root.relativize(file)) {
      segments.add(p.toString());
    }
    return String.join("/", segments);
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new MledgerException(ErrorCode.IO_ERROR, "cannot remove " + file + ": " + e, e);
    }
  }

  /** Streams {@code file} through SHA-256. */
  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new MledgerException(ErrorCode.IO_ERROR, "cannot read " + file + ": " + e, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }
}
