package dev.mledger.core.dataset;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The canonical order of manifest paths: segment by segment, each segment compared as unsigned
 * UTF-8 bytes. Byte order (not Java's UTF-16 order) makes the tree hash reproducible by any
 * language; segment-wise comparison keeps a directory's entries together, so {@link TreeHasher} can
 * hash a sorted stream with memory proportional to the directory depth only.
 */
public final class ManifestOrder implements Comparator<String> {
  /** The one instance. */
  public static final ManifestOrder INSTANCE = new ManifestOrder();

  private ManifestOrder() {}

  @Override
  public int compare(String a, String b) {
    String[] sa = a.split("/", -1);
    String[] sb = b.split("/", -1);
    int n = Math.min(sa.length, sb.length);
    for (int i = 0; i < n; i++) {
      int c = compareSegments(sa[i], sb[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(sa.length, sb.length);
  }

  /** Unsigned UTF-8 byte comparison of two names. */
  public static int compareSegments(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
