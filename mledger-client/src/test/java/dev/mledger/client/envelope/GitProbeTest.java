package dev.mledger.client.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.envelope.CanonicalJson;
import dev.mledger.core.envelope.CodeVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitProbeTest {
  static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @TempDir Path repo;

  /** Initializes {@code dir} as a repository with one commit of {@code train.py}. */
  static String initRepository(Path dir) throws IOException {
    git(dir, "init", "-q");
    Files.writeString(dir.resolve("train.py"), "print('hello')\n");
    git(dir, "add", "train.py");
    git(dir, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "init");
    return git(dir, "rev-parse", "HEAD").text();
  }

  static Commands.Result git(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Commands.Result result = Commands.run(dir, Duration.ofSeconds(30), command);
    assertThat(result.failure()).isNull();
    return result;
  }

  private String commit;

  @BeforeEach
  void init() throws IOException {
    commit = initRepository(repo);
  }

  @Test
  void aCleanTreeHasItsCommitAndTheHashOfAnEmptyDiff() {
    GitProbe.Capture capture = GitProbe.capture(repo);
    assertThat(capture.error()).isNull();
    assertThat(capture.code()).isEqualTo(new CodeVersion(commit, false, EMPTY_SHA256));
    assertThat(commit).matches("[0-9a-f]{40}");
  }

  @Test
  void aChangedTrackedFileMakesTheTreeDirtyAndIsHashed() throws IOException {
    Files.writeString(repo.resolve("train.py"), "print('changed')\n");
    GitProbe.Capture capture = GitProbe.capture(repo);
    assertThat(capture.code().dirty()).isTrue();
    byte[] diff = git(repo, "diff", "--no-color", "--no-ext-diff", "--binary", "HEAD").stdout();
    assertThat(new String(diff, java.nio.charset.StandardCharsets.UTF_8))
        .contains("-print('hello')", "+print('changed')");
    assertThat(capture.code().diffSha256()).isEqualTo(CanonicalJson.sha256Hex(diff));
    // The same change always hashes the same.
    assertThat(GitProbe.capture(repo).code()).isEqualTo(capture.code());
    Files.writeString(repo.resolve("train.py"), "print('other')\n");
    assertThat(GitProbe.capture(repo).code().diffSha256())
        .isNotEqualTo(capture.code().diffSha256());
  }

  @Test
  void anUntrackedFileMakesTheTreeDirtyWithoutChangingTheDiff() throws IOException {
    Files.writeString(repo.resolve("notes.txt"), "x");
    assertThat(GitProbe.capture(repo).code())
        .isEqualTo(new CodeVersion(commit, true, EMPTY_SHA256));
  }

  @Test
  void outsideARepositoryTheCodeIsUnknownWithAReason(@TempDir Path plain) {
    GitProbe.Capture capture = GitProbe.capture(plain);
    assertThat(capture.code()).isEqualTo(CodeVersion.unknown());
    assertThat(capture.error()).startsWith("git: ").contains("rev-parse");
    assertThat(GitProbe.isRepository(plain)).isFalse();
    assertThat(GitProbe.isRepository(repo)).isTrue();
  }

  @Test
  void knowsWhichCommitsExist() {
    assertThat(GitProbe.hasCommit(repo, commit)).isTrue();
    assertThat(GitProbe.hasCommit(repo, "0".repeat(40))).isFalse();
  }
}
