package dev.mledger.store.artifact;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * {@link ArtifactStore} in a local directory, content-addressed: file contents live once each in a
 * {@link LocalContentStore} under {@code blobs/}, and the artifact tree under {@value #TREE_DIR}/
 * mirrors the artifact paths with one small pointer file per artifact ({@code <sha256> <size>}).
 * Putting the same bytes under many paths (a model logged by every run) stores them once.
 *
 * <p>Writes are atomic: content is synced and renamed into place before the pointer, which is
 * itself written to a temporary file, synced and renamed over the old one. A symbolic link inside
 * the tree is never followed: a path through one is rejected as INVALID_PARAMETER_VALUE.
 */
public final class LocalArtifactStore implements ArtifactStore {
  /** The directory, under the store's root, that mirrors the artifact paths. */
  public static final String TREE_DIR = "tree";

  private static final String BLOB_DIR = "blobs";
  private static final String TMP_DIR = "tmp";
  private static final int PUBLISH_ATTEMPTS = 5;

  private final Path root;
  private final Path tree;
  private final Path tmp;
  private final LocalContentStore blobs;

  /** Puts share it; a collection takes it alone, so it never removes a blob being referenced. */
  private final ReadWriteLock collection = new ReentrantReadWriteLock();

  /**
   * Opens the store in {@code root}, creating its directories if needed.
   *
   * @throws MledgerException IO_ERROR when they cannot be created
   */
  public LocalArtifactStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.tree = this.root.resolve(TREE_DIR);
    this.tmp = this.root.resolve(TMP_DIR);
    try {
      Files.createDirectories(tree);
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw LocalFiles.ioError("Cannot create the artifact store in " + this.root, e);
    }
    this.blobs = new LocalContentStore(this.root.resolve(BLOB_DIR));
  }

  /** The store's root directory. */
  public Path root() {
    return root;
  }

  @Override
  public ArtifactInfo put(String path, InputStream data) {
    String normalized = ArtifactPaths.normalizeFile(path);
    Path target = resolve(normalized);
    checkWritable(normalized, target);
    collection.readLock().lock();
    try {
      ContentRef ref = blobs.put(data);
      writePointer(normalized, target, ref);
      return ArtifactInfo.of(normalized, ref.size(), ref.sha256());
    } finally {
      collection.readLock().unlock();
    }
  }

  @Override
  public InputStream open(String path) {
    return read(path).stream();
  }

  @Override
  public ArtifactContent read(String path) {
    String normalized = ArtifactPaths.normalizeFile(path);
    ContentRef ref =
        readPointer(normalized, resolve(normalized)).orElseThrow(() -> notFound(normalized));
    InputStream raw;
    try {
      raw = blobs.openUnverified(ref.sha256());
    } catch (MledgerException e) {
      if (e.code() == ErrorCode.RESOURCE_DOES_NOT_EXIST) {
        throw new MledgerException(
            ErrorCode.IO_ERROR,
            "Artifact '" + normalized + "' is damaged: its content " + ref.sha256() + " is gone.");
      }
      throw e;
    }
    return new ArtifactContent(
        ArtifactInfo.of(normalized, ref.size(), ref.sha256()),
        new VerifyingInputStream(raw, normalized, ref.size(), Optional.of(ref.sha256())));
  }

  @Override
  public List<FileInfo> list(String dirPath) {
    String normalized = ArtifactPaths.normalize(dirPath);
    Path dir = resolve(normalized);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<FileInfo> entries = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        String name = child.getFileName().toString();
        BasicFileAttributes attrs =
            Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attrs.isDirectory()) {
          entries.add(FileInfo.directory(name));
        } else if (attrs.isRegularFile()) {
          readPointer(ArtifactPaths.join(normalized, name), child)
              .ifPresent(ref -> entries.add(FileInfo.file(name, ref.size())));
        }
        // Symbolic links and special files are not artifacts and stay invisible.
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      return List.of();
    } catch (IOException e) {
      throw LocalFiles.ioError("Cannot list artifacts under '" + normalized + "'", e);
    }
    entries.sort((a, b) -> ArtifactPaths.compareCodePoints(a.path(), b.path()));
    return entries;
  }

  @Override
  public void delete(String path) {
    String normalized = ArtifactPaths.normalize(path);
    if (normalized.isEmpty()) {
      throw MledgerException.invalidParameter("Invalid path: the artifact root cannot be deleted.");
    }
    Path target = resolve(normalized);
    try {
      if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        deleteTree(target);
      } else {
        Files.deleteIfExists(target);
      }
      pruneEmptyParents(target.getParent());
    } catch (IOException e) {
      throw LocalFiles.ioError("Cannot delete artifact '" + normalized + "'", e);
    }
  }

  @Override
  public Optional<ArtifactInfo> stat(String path) {
    String normalized = ArtifactPaths.normalizeFile(path);
    return readPointer(normalized, resolve(normalized))
        .map(ref -> ArtifactInfo.of(normalized, ref.size(), ref.sha256()));
  }

  @Override
  public boolean exists(String path) {
    String normalized = ArtifactPaths.normalize(path);
    Path target = resolve(normalized);
    if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      return true;
    }
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(target)) {
      return children.iterator().hasNext();
    } catch (IOException e) {
      throw LocalFiles.ioError("Cannot read artifacts under '" + normalized + "'", e);
    }
  }

  @Override
  public GcReport gc(Duration grace) {
    collection.writeLock().lock();
    try {
      Set<String> referenced = referencedBlobs();
      GcReport blobReport = blobs.removeUnreferenced(referenced::contains, grace);
      GcReport tmpReport = removeOldTemporaryFiles(Instant.now().minus(grace));
      return new GcReport(
          blobReport.removed() + tmpReport.removed(),
          blobReport.bytesFreed() + tmpReport.bytesFreed());
    } finally {
      collection.writeLock().unlock();
    }
  }

  @Override
  public void close() {
    // Nothing is held open between calls.
  }

  /**
   * The tree location of {@code normalized}. Every existing component is checked not to be a
   * symbolic link: one planted in the data directory must not lead outside the store.
   */
  private Path resolve(String normalized) {
    Path current = tree;
    if (normalized.isEmpty()) {
      return current;
    }
    boolean checking = true;
    for (String segment : normalized.split("/")) {
      current = current.resolve(segment);
      if (checking) {
        if (Files.isSymbolicLink(current)) {
          throw MledgerException.invalidParameter(
              "Invalid path '" + normalized + "': it goes through a symbolic link.");
        }
        checking = Files.exists(current, LinkOption.NOFOLLOW_LINKS);
      }
    }
    return current;
  }

  /** Fails before any byte is read when the path clashes with an existing file or directory. */
  private void checkWritable(String normalized, Path target) {
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw conflict(normalized, "a directory of artifacts already has that path");
    }
    for (Path p = target.getParent(); !p.equals(tree); p = p.getParent()) {
      if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        throw conflict(normalized, "'" + tree.relativize(p) + "' is a file, not a directory");
      }
    }
  }

  private void writePointer(String normalized, Path target, ContentRef ref) {
    byte[] pointer = (ref.sha256() + " " + ref.size() + "\n").getBytes(StandardCharsets.US_ASCII);
    Path temp = null;
    try {
      temp = Files.createTempFile(tmp, "pointer-", ".tmp");
      LocalFiles.writeDurably(new java.io.ByteArrayInputStream(pointer), temp);
      for (int attempt = 1; ; attempt++) {
        try {
          Files.createDirectories(target.getParent());
          LocalFiles.publish(temp, target);
          temp = null;
          return;
        } catch (NoSuchFileException e) {
          // A concurrent delete pruned the fresh parent directory; create it again.
          if (attempt == PUBLISH_ATTEMPTS) {
            throw e;
          }
        }
      }
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      throw conflict(normalized, "another artifact is in the way");
    } catch (FileSystemException e) {
      if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        throw conflict(normalized, "a directory of artifacts already has that path");
      }
      throw LocalFiles.ioError("Cannot store artifact '" + normalized + "'", e);
    } catch (IOException e) {
      throw LocalFiles.ioError("Cannot store artifact '" + normalized + "'", e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // Collected by gc.
        }
      }
    }
  }

  private Optional<ContentRef> readPointer(String normalized, Path pointer) {
    String text;
    try {
      if (!Files.isRegularFile(pointer, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      text = Files.readString(pointer, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw LocalFiles.ioError("Cannot read artifact '" + normalized + "'", e);
    }
    String[] parts = text.strip().split(" ");
    try {
      if (parts.length == 2) {
        return Optional.of(new ContentRef(parts[0], Long.parseLong(parts[1])));
      }
    } catch (IllegalArgumentException e) {
      // fall through to the damage report
    }
    throw new MledgerException(
        ErrorCode.IO_ERROR,
        "Artifact '" + normalized + "' is damaged: its entry in " + tree + " is not readable.");
  }

  private Set<String> referencedBlobs() {
    Set<String> referenced = new HashSet<>();
    try {
      Files.walkFileTree(
          tree,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile()) {
                String relative = tree.relativize(file).toString().replace('\\', '/');
                readPointer(relative, file).ifPresent(ref -> referenced.add(ref.sha256()));
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw LocalFiles.ioError("Cannot scan the artifact tree", e);
    }
    return referenced;
  }

  private GcReport removeOldTemporaryFiles(Instant cutoff) {
    long removed = 0;
    long bytes = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
      for (Path file : files) {
        BasicFileAttributes attrs =
            Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attrs.lastModifiedTime().toInstant().isBefore(cutoff) && Files.deleteIfExists(file)) {
          removed++;
          bytes += attrs.size();
        }
      }
    } catch (IOException e) {
      throw LocalFiles.ioError("Cannot remove temporary files", e);
    }
    return new GcReport(removed, bytes);
  }

  private static void deleteTree(Path dir) throws IOException {
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.deleteIfExists(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Removes directories left empty by a delete, so listings do not show hollow folders. */
  private void pruneEmptyParents(Path dir) {
    for (Path p = dir; p != null && !p.equals(tree) && p.startsWith(tree); p = p.getParent()) {
      try {
        Files.delete(p);
      } catch (IOException e) {
        return; // not empty (or already gone): stop here
      }
    }
  }

  private static MledgerException notFound(String normalized) {
    return MledgerException.notFound("No artifact found at '" + normalized + "'.");
  }

  private static MledgerException conflict(String normalized, String reason) {
    return MledgerException.invalidParameter(
        "Cannot store artifact '" + normalized + "': " + reason + ".");
  }
}
