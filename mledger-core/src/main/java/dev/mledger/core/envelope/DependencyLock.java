package dev.mledger.core.envelope;

/**
 * The resolved dependencies a run executed with (H): a fingerprint over the content hashes of the
 * jars on the class path, insensitive to their order and location.
 *
 * @param sha256 lower-case hex SHA-256 over the sorted jar hashes, or null if unknown
 * @param jars how many jars the fingerprint covers
 */
public record DependencyLock(String sha256, int jars) {

  public DependencyLock {
    if (jars < 0) {
      throw new IllegalArgumentException("jars must be >= 0, got " + jars);
    }
  }

  /** No dependency information. */
  public static DependencyLock unknown() {
    return new DependencyLock(null, 0);
  }
}
