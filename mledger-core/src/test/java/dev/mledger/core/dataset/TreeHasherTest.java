package dev.mledger.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.MledgerException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TreeHasherTest {
  private static final String A =
      "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb";
  private static final String BB =
      "3b64db95cb55c763391c707108489ae18b4112d783300de38e033b4c98c3deaf";
  private static final String CCC =
      "64daa44ad493ff28a96effab6e77f1732a3d97d83241581b37dbd70a7a4900fe";

  private static List<ManifestEntry> tree() {
    return List.of(
        new ManifestEntry("a.txt", 1, A),
        new ManifestEntry("sub/b.txt", 2, BB),
        new ManifestEntry("sub/deep/c.txt", 3, CCC),
        new ManifestEntry("z.txt", 3, CCC));
  }

  @Test
  void matchesTheDocumentedRuleAsComputedIndependentlyInPython() {
    TreeDigest digest = TreeHasher.ofDirectory(tree());
    assertThat(digest.hash())
        .isEqualTo("308a5b9a918d39a826ee3c0cc29c6caa21264bafcffabae7e2e42330dfc1cc2b");
    assertThat(digest.size()).isEqualTo(9);
    assertThat(digest.files()).isEqualTo(4);
  }

  @Test
  void doesNotDependOnTheInputOrder() {
    List<ManifestEntry> shuffled = new ArrayList<>(tree());
    Collections.reverse(shuffled);
    assertThat(TreeHasher.ofDirectory(shuffled)).isEqualTo(TreeHasher.ofDirectory(tree()));
  }

  @Test
  void changesWhenAContentANameOrAPlaceChanges() {
    String base = TreeHasher.ofDirectory(tree()).hash();
    List<ManifestEntry> renamed = new ArrayList<>(tree());
    renamed.set(0, new ManifestEntry("a2.txt", 1, A));
    List<ManifestEntry> moved = new ArrayList<>(tree());
    moved.set(1, new ManifestEntry("sub/deep/b.txt", 2, BB));
    List<ManifestEntry> edited = new ArrayList<>(tree());
    edited.set(3, new ManifestEntry("z.txt", 2, BB));
    assertThat(TreeHasher.ofDirectory(renamed).hash()).isNotEqualTo(base);
    assertThat(TreeHasher.ofDirectory(moved).hash()).isNotEqualTo(base);
    assertThat(TreeHasher.ofDirectory(edited).hash()).isNotEqualTo(base);
  }

  @Test
  void refusesDuplicatesAndANameThatIsBothFileAndDirectory() {
    assertThatThrownBy(
            () ->
                TreeHasher.ofDirectory(
                    List.of(new ManifestEntry("x", 1, A), new ManifestEntry("x", 1, A))))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("out of order or duplicated");
    assertThatThrownBy(
            () ->
                TreeHasher.ofDirectory(
                    List.of(new ManifestEntry("x", 1, A), new ManifestEntry("x/y", 1, A))))
        .isInstanceOf(MledgerException.class);
  }

  @Test
  void streamingRefusesEntriesOutOfOrder() {
    TreeHasher hasher = new TreeHasher();
    hasher.add(new ManifestEntry("b/x", 1, A));
    hasher.add(new ManifestEntry("c", 1, A));
    assertThatThrownBy(() -> hasher.add(new ManifestEntry("b/y", 1, A)))
        .isInstanceOf(MledgerException.class);
  }

  @Test
  void ordersSegmentsByUtf8BytesNotJavaChars() {
    // U+FF5E (3 UTF-8 bytes, EF ...) sorts before U+1F600 (F0 ...) as bytes; after it as UTF-16.
    assertThat(ManifestOrder.INSTANCE.compare("\uFF5E", "\uD83D\uDE00")).isNegative();
    assertThat(ManifestOrder.INSTANCE.compare("a/b", "a.b")).isNegative();
    assertThat(ManifestOrder.INSTANCE.compare("a", "a/b")).isNegative();
  }

  @Test
  void refusesPathsThatCouldEscapeTheRoot() {
    for (String bad : List.of("../x", "/abs", "a//b", "a/./b", "a\\b", "a\nb", "", "dir/")) {
      assertThatThrownBy(() -> new ManifestEntry(bad, 1, A))
          .as(bad)
          .isInstanceOf(MledgerException.class);
    }
  }

  @Test
  void singleFileSnapshotsAreAddressedByTheFileHash() {
    assertThat(TreeHasher.ofFile(new ManifestEntry("data.csv", 1, A)))
        .isEqualTo(new TreeDigest(A, 1, 1));
  }
}
