package dev.mledger.store.artifact;

import dev.mledger.core.error.MledgerException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Storage SPI for run and model artifacts: a tree of files addressed by relative paths such as
 * {@code 0/abc123/artifacts/model/MLmodel}, the paths MLflow's artifact proxy API ({@code
 * /api/2.0/mlflow-artifacts/artifacts/<path>}) carries. Implementations are safe for concurrent use
 * by many threads, and a file is always seen whole: a reader gets the old content or the new, never
 * a mix.
 *
 * <p>Every path goes through {@link ArtifactPaths#normalize(String)}; an unsafe path fails with
 * INVALID_PARAMETER_VALUE before anything is touched. Other failures are {@link MledgerException}s
 * too: RESOURCE_DOES_NOT_EXIST for a missing file, TEMPORARILY_UNAVAILABLE when a remote backend
 * cannot be reached, PERMISSION_DENIED when it refuses, IO_ERROR otherwise.
 */
public interface ArtifactStore extends AutoCloseable {

  /**
   * Stores {@code data} at {@code path}, replacing any file there. The input is streamed: memory
   * use does not grow with its length. The new content becomes visible only once it is completely
   * and durably written. The stream is read to its end but not closed.
   *
   * @return the stored file's normalised path, size and SHA-256
   */
  ArtifactInfo put(String path, InputStream data);

  /**
   * Opens the file at {@code path} for reading. The stream checks the content as it goes: reaching
   * the end of a file whose length or SHA-256 differs from what was stored throws {@link
   * ArtifactIntegrityException} instead of reporting end of stream. The caller closes the stream.
   *
   * @throws MledgerException RESOURCE_DOES_NOT_EXIST when there is no file at {@code path}
   */
  InputStream open(String path);

  /**
   * Like {@link #open(String)}, together with the size and checksum of the version opened.
   *
   * @throws MledgerException RESOURCE_DOES_NOT_EXIST when there is no file at {@code path}
   */
  ArtifactContent read(String path);

  /**
   * Lists the direct children of directory {@code dirPath} (null or {@code ""} for the root),
   * ordered by name. Names are relative to the listed directory, as MLflow's {@code
   * mlflow-artifacts} list endpoint returns them. A path that names a file or nothing gives an
   * empty list.
   */
  List<FileInfo> list(String dirPath);

  /**
   * Deletes the file at {@code path} and everything under {@code path} as a directory. Deleting
   * what does not exist does nothing. The root itself cannot be deleted.
   */
  void delete(String path);

  /** Describes the file at {@code path}, or returns empty when there is none. */
  Optional<ArtifactInfo> stat(String path);

  /** Whether {@code path} names a file or a non-empty directory. */
  boolean exists(String path);

  /** How old leftovers must be before {@link #gc()} removes them. */
  Duration DEFAULT_GC_GRACE = Duration.ofDays(1);

  /**
   * Removes storage nothing refers to any more: content that no stored file uses, temporary files
   * and unfinished uploads left behind by writers that crashed. Only leftovers older than {@code
   * grace} are touched; a grace longer than the slowest upload never disturbs a running writer.
   */
  GcReport gc(Duration grace);

  /** {@link #gc(Duration)} with {@link #DEFAULT_GC_GRACE}. */
  default GcReport gc() {
    return gc(DEFAULT_GC_GRACE);
  }

  /** Releases connections and other resources; stored data stays. */
  @Override
  void close();
}
