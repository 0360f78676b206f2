package dev.mledger.core.envelope;

/**
 * The code a run executed (c): the git commit of the working tree, whether it had uncommitted
 * changes, and the SHA-256 of {@code git diff HEAD}. Components are null when unknown (no git, not
 * a repository, no commit yet).
 *
 * @param commit full hex commit id of {@code HEAD}, or null if unknown
 * @param dirty whether the working tree differed from {@code HEAD} (untracked files included), or
 *     null if unknown
 * @param diffSha256 lower-case hex SHA-256 of the diff against {@code HEAD} (of no bytes for a
 *     clean tree), or null if unknown
 */
public record CodeVersion(String commit, Boolean dirty, String diffSha256) {

  private static final CodeVersion UNKNOWN = new CodeVersion(null, null, null);

  /** Nothing is known about the code (no git, or not inside a repository). */
  public static CodeVersion unknown() {
    return UNKNOWN;
  }

  /** Whether the commit is known. */
  public boolean isKnown() {
    return commit != null;
  }
}
