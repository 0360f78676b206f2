package dev.mledger.store.artifact;

import dev.mledger.core.error.MledgerException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Content-addressed blob storage: bytes go in, their SHA-256 comes out, and the same bytes are
 * stored once however often they are put. This is the layer under the local {@link ArtifactStore}
 * and the one dataset snapshots build on.
 *
 * <pre>{@code
 * ContentStore blobs = new LocalContentStore(dataDir.resolve("datasets/blobs"));
 * ContentRef ref = blobs.put(Files.newInputStream(file));   // streamed, deduplicated
 * try (InputStream in = blobs.open(ref.sha256())) { ... }   // verified while read
 * }</pre>
 *
 * <ul>
 *   <li>{@link #put} streams: memory use does not depend on the length. A blob becomes visible only
 *       when completely and durably written (temporary file, fsync, atomic rename), so a crash
 *       never leaves a partial blob under a valid address.
 *   <li>{@link #open} hashes what it reads; a blob whose bytes no longer match its address fails
 *       with {@link ArtifactIntegrityException} at the end of the stream instead of a clean end.
 *   <li>Blobs are never removed implicitly. The owner of the references decides what is garbage and
 *       calls {@link #removeUnreferenced}; give each owner its own store (its own directory) so one
 *       owner's collection cannot remove another's blobs.
 * </ul>
 *
 * Implementations are safe for concurrent use by many threads and processes.
 */
public interface ContentStore {

  /**
   * Stores the bytes of {@code data}, read to its end but not closed.
   *
   * @return the blob's SHA-256 and size
   */
  ContentRef put(InputStream data);

  /**
   * Opens the blob {@code sha256} for reading, verified as described above. The caller closes it.
   *
   * @throws MledgerException RESOURCE_DOES_NOT_EXIST when there is no such blob,
   *     INVALID_PARAMETER_VALUE when {@code sha256} is not a lower-case hex SHA-256
   */
  InputStream open(String sha256);

  /** Whether the blob {@code sha256} is stored. */
  boolean exists(String sha256);

  /** The stored blob's reference (with its size), or empty when it is not stored. */
  Optional<ContentRef> stat(String sha256);

  /**
   * Removes blobs for which {@code isReferenced} answers false and abandoned temporary files, both
   * only when last written or put more than {@code grace} ago: a blob put again recently counts as
   * new, so a writer that just deduplicated against it is not robbed.
   */
  GcReport removeUnreferenced(Predicate<String> isReferenced, Duration grace);
}
