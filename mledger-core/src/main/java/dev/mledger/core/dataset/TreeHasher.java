package dev.mledger.core.dataset;

import dev.mledger.core.error.MledgerException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

/**
 * Computes the Merkle hash of a directory snapshot from its file entries, streamed in {@link
 * ManifestOrder}; memory is proportional to the directory depth, not to the number of files.
 *
 * <p>The rule (also in {@code docs/DATA.md}, so that other tools can recompute it): the digest of a
 * directory is the SHA-256 of the concatenation, over its children sorted by name as unsigned UTF-8
 * bytes, of one record per child
 *
 * <pre>
 *   file:      "f" NUL name NUL size NUL sha256-hex LF
 *   directory: "d" NUL name NUL size NUL digest-hex LF
 * </pre>
 *
 * where {@code size} is decimal ASCII (for a directory: the total of all files below it) and hex is
 * lower case. Empty directories are not recorded (as in git). The hash of a directory snapshot is
 * its root's digest; the hash of a single-file snapshot is the file's own SHA-256 ({@link
 * #ofFile}).
 */
public final class TreeHasher {
  private static final HexFormat HEX = HexFormat.of();

  /** One open directory: its running digest and what has been added to it. */
  private static final class Frame {
    final String name;
    final MessageDigest digest = newDigest();
    long size;
    long files;
    String lastChild;

    Frame(String name) {
      this.name = name;
    }
  }

  private final Deque<Frame> open = new ArrayDeque<>();
  private final List<String> openNames = new ArrayList<>();
  private boolean finished;

  public TreeHasher() {
    open.push(new Frame(""));
  }

  /** The address of a single-file snapshot. */
  public static TreeDigest ofFile(ManifestEntry file) {
    return new TreeDigest(file.sha256(), file.size(), 1);
  }

  /** The address of a directory snapshot with these files, in any order. */
  public static TreeDigest ofDirectory(List<ManifestEntry> files) {
    List<ManifestEntry> sorted = new ArrayList<>(files);
    sorted.sort((a, b) -> ManifestOrder.INSTANCE.compare(a.path(), b.path()));
    TreeHasher hasher = new TreeHasher();
    sorted.forEach(hasher::add);
    return hasher.finish();
  }

  /**
   * Adds the next file; files must come in strictly increasing {@link ManifestOrder}.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE for a file out of order, a duplicate, or a
   *     name used both as a file and as a directory
   */
  public void add(ManifestEntry entry) {
    if (finished) {
      throw new IllegalStateException("the tree hash is already finished");
    }
    String[] segments = entry.path().split("/");
    int dirs = segments.length - 1;
    int common = 0;
    while (common < dirs
        && common < openNames.size()
        && openNames.get(common).equals(segments[common])) {
      common++;
    }
    while (openNames.size() > common) {
      closeTop();
    }
    for (int i = common; i < dirs; i++) {
      claimChild(open.peek(), segments[i], entry.path());
      open.push(new Frame(segments[i]));
      openNames.add(segments[i]);
    }
    Frame parent = open.peek();
    String name = segments[dirs];
    claimChild(parent, name, entry.path());
    update(parent.digest, "f", name, entry.size(), entry.sha256());
    parent.size += entry.size();
    parent.files++;
  }

  /** Closes every directory and returns the root digest; the hasher cannot be used afterwards. */
  public TreeDigest finish() {
    if (finished) {
      throw new IllegalStateException("the tree hash is already finished");
    }
    while (!openNames.isEmpty()) {
      closeTop();
    }
    finished = true;
    Frame root = open.pop();
    return new TreeDigest(HEX.formatHex(root.digest.digest()), root.size, root.files);
  }

  private void closeTop() {
    Frame done = open.pop();
    openNames.remove(openNames.size() - 1);
    Frame parent = open.peek();
    update(parent.digest, "d", done.name, done.size, HEX.formatHex(done.digest.digest()));
    parent.size += done.size;
    parent.files += done.files;
  }

  private static void claimChild(Frame parent, String name, String path) {
    if (parent.lastChild != null && ManifestOrder.compareSegments(parent.lastChild, name) >= 0) {
      throw MledgerException.invalidParameter(
          "manifest entries out of order or duplicated at '" + path + "'");
    }
    parent.lastChild = name;
  }

  private static void update(
      MessageDigest digest, String kind, String name, long size, String hex) {
    String record = kind + '\0' + name + '\0' + size + '\0' + hex + '\n';
    digest.update(record.getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }
}
