package dev.mledger.store.artifact;

import java.io.IOException;

/**
 * Thrown by a stream from {@link ArtifactStore#open(String)} when the bytes read do not match the
 * length or SHA-256 recorded when the artifact was stored: the stored copy is damaged.
 */
public final class ArtifactIntegrityException extends IOException {
  private final String path;

  public ArtifactIntegrityException(String path, String message) {
    super(message);
    this.path = path;
  }

  /** The normalised path of the damaged artifact. */
  public String path() {
    return path;
  }
}
