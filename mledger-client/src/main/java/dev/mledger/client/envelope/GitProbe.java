package dev.mledger.client.envelope;

import dev.mledger.core.envelope.CanonicalJson;
import dev.mledger.core.envelope.CodeVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Captures the code version (c) by running {@code git}: {@code rev-parse HEAD} for the commit,
 * {@code status --porcelain} for the dirty flag (untracked files count), and the SHA-256 of the
 * bytes of {@code git diff --binary HEAD} (tracked changes, staged or not; empty for a clean tree).
 */
public final class GitProbe {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** The captured code version and, if something could not be captured, why. */
  public record Capture(CodeVersion code, String error) {}

  private GitProbe() {}

  /** Captures the code version of the working tree at {@code directory}; never throws. */
  public static Capture capture(Path directory) {
    Commands.Result head = git(directory, "rev-parse", "--verify", "HEAD");
    if (!head.ok()) {
      return new Capture(CodeVersion.unknown(), "git: " + head.failure());
    }
    String commit = head.text();
    Commands.Result status = git(directory, "status", "--porcelain");
    if (!status.ok()) {
      return new Capture(new CodeVersion(commit, null, null), "git: " + status.failure());
    }
    boolean dirty = !status.text().isEmpty();
    String diffSha256 = diffSha256(directory);
    return new Capture(
        new CodeVersion(commit, dirty, diffSha256),
        diffSha256 == null ? "git: the diff against HEAD could not be read" : null);
  }

  /** SHA-256 of {@code git diff --binary HEAD} in {@code directory}, or null if git failed. */
  public static String diffSha256(Path directory) {
    Commands.Result diff =
        git(
            directory,
            "-c",
            "core.quotePath=false",
            "diff",
            "--no-color",
            "--no-ext-diff",
            "--binary",
            "HEAD");
    return diff.ok() ? CanonicalJson.sha256Hex(diff.stdout()) : null;
  }

  /** Whether {@code commit} names a commit in the repository at {@code directory}. */
  public static boolean hasCommit(Path directory, String commit) {
    return git(directory, "cat-file", "-e", commit + "^{commit}").ok();
  }

  /** Whether {@code directory} is inside a git working tree. */
  public static boolean isRepository(Path directory) {
    return git(directory, "rev-parse", "--is-inside-work-tree").ok();
  }

  private static Commands.Result git(Path directory, String... args) {
    List<String> command = new java.util.ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    return Commands.run(directory, TIMEOUT, command);
  }
}
