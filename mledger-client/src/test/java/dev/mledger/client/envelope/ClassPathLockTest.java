package dev.mledger.client.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.envelope.CanonicalJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassPathLockTest {
  @TempDir Path dir;

  private Path jar(String name, String content) throws IOException {
    Path jar = dir.resolve(name);
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, content);
    return jar;
  }

  @Test
  void lockIsTheHashOfSortedNameAndHashLines() throws IOException {
    Path a = jar("a-1.0.jar", "alpha");
    Path b = jar("b-2.0.jar", "beta");
    String expected =
        CanonicalJson.sha256Hex(
            ("a-1.0.jar " + sha("alpha") + "\n" + "b-2.0.jar " + sha("beta") + "\n")
                .getBytes(StandardCharsets.UTF_8));
    ClassPathLock.Capture capture = ClassPathLock.of(List.of(b, a));
    assertThat(capture.error()).isNull();
    assertThat(capture.lock().sha256()).isEqualTo(expected);
    assertThat(capture.lock().jars()).isEqualTo(2);
  }

  @Test
  void orderAndLocationDoNotMatterButContentDoes() throws IOException {
    Path a = jar("a.jar", "alpha");
    Path b = jar("b.jar", "beta");
    Path movedA = jar("elsewhere/a.jar", "alpha");
    String lock = ClassPathLock.of(List.of(a, b)).lock().sha256();
    assertThat(ClassPathLock.of(List.of(b, movedA)).lock().sha256()).isEqualTo(lock);
    Path changedB = jar("other/b.jar", "beta-patched");
    assertThat(ClassPathLock.of(List.of(a, changedB)).lock().sha256()).isNotEqualTo(lock);
  }

  @Test
  void directoriesAndMissingEntriesAreLeftOut() throws IOException {
    Path a = jar("a.jar", "alpha");
    Path classes = Files.createDirectories(dir.resolve("target/classes"));
    ClassPathLock.Capture capture = ClassPathLock.of(List.of(a, classes, dir.resolve("gone.jar")));
    assertThat(capture.lock().jars()).isEqualTo(1);
    assertThat(capture.lock().sha256()).isEqualTo(ClassPathLock.of(List.of(a)).lock().sha256());
  }

  @Test
  void aJarRewrittenInPlaceIsHashedAgain() throws IOException {
    Path a = jar("a.jar", "alpha");
    String before = ClassPathLock.sha256(a);
    Files.writeString(a, "ALPHA!");
    Files.setLastModifiedTime(a, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    assertThat(ClassPathLock.sha256(a)).isNotEqualTo(before).isEqualTo(sha("ALPHA!"));
  }

  @Test
  void theRunningJvmHasALock() {
    ClassPathLock.Capture capture = ClassPathLock.ofCurrentClassPath();
    assertThat(capture.error()).isNull();
    assertThat(capture.lock().jars()).isPositive();
    assertThat(capture.lock().sha256()).matches("[0-9a-f]{64}");
  }

  private static String sha(String content) {
    return CanonicalJson.sha256Hex(content.getBytes(StandardCharsets.UTF_8));
  }
}
