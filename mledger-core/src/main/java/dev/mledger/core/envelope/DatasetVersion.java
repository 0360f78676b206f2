package dev.mledger.core.envelope;

import java.util.Comparator;
import java.util.Objects;

/**
 * A dataset version a run used (one element of D_v).
 *
 * @param name dataset name, as logged with the run's inputs
 * @param digest content digest identifying the version
 * @param source where the data came from (a path or URI), or null if not recorded
 * @param context how the run used it, e.g. {@code training} or {@code eval}; null if not recorded
 */
public record DatasetVersion(String name, String digest, String source, String context)
    implements Comparable<DatasetVersion> {

  private static final Comparator<String> NULLS_FIRST =
      Comparator.nullsFirst(Comparator.naturalOrder());

  private static final Comparator<DatasetVersion> ORDER =
      Comparator.comparing(DatasetVersion::name)
          .thenComparing(DatasetVersion::digest)
          .thenComparing(DatasetVersion::context, NULLS_FIRST)
          .thenComparing(DatasetVersion::source, NULLS_FIRST);

  public DatasetVersion {
    requireText(name, "name");
    requireText(digest, "digest");
  }

  /** The same dataset version without where it came from or how it was used. */
  public DatasetVersion withoutDetails() {
    return new DatasetVersion(name, digest, null, null);
  }

  @Override
  public int compareTo(DatasetVersion other) {
    return ORDER.compare(this, other);
  }

  static void requireText(String value, String field) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
  }
}
