package dev.mledger.core.envelope;

import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An artifact a run read as input (a pretrained model, a vocabulary, a config bundle), pinned by
 * content: the run is only reproducible while the artifact at {@code uri} still has this hash.
 *
 * @param uri where the artifact lives: {@code mlflow-artifacts:/path} or {@code runs:/RUN_ID/path}
 *     (checkable through the server), or any other URI (recorded, but not checkable by mledger)
 * @param sha256 lower-case hex SHA-256 of the artifact's bytes
 */
public record ArtifactReference(String uri, String sha256)
    implements Comparable<ArtifactReference> {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private static final Comparator<ArtifactReference> ORDER =
      Comparator.comparing(ArtifactReference::uri).thenComparing(ArtifactReference::sha256);

  public ArtifactReference {
    DatasetVersion.requireText(uri, "uri");
    DatasetVersion.requireText(sha256, "sha256");
    sha256 = sha256.toLowerCase(Locale.ROOT);
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException(
          "sha256 must be 64 hex digits, got \"" + sha256 + "\" for " + uri);
    }
  }

  @Override
  public int compareTo(ArtifactReference other) {
    return ORDER.compare(this, other);
  }
}
