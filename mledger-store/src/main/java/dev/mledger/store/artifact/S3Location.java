package dev.mledger.store.artifact;

import dev.mledger.core.error.MledgerException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * Where an S3 artifact store keeps its objects: {@code s3://bucket/prefix}.
 *
 * @param bucket the bucket name
 * @param prefix the key prefix, normalised, empty or ending in {@code /}
 */
public record S3Location(String bucket, String prefix) {
  public S3Location {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException("bucket must not be empty");
    }
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      throw new IllegalArgumentException("prefix must be empty or end in '/': " + prefix);
    }
  }

  /**
   * Parses {@code s3://bucket[/prefix]}.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE for anything else
   */
  public static S3Location parse(String uri) {
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      throw invalid(uri, e.getReason());
    }
    if (!"s3".equalsIgnoreCase(parsed.getScheme())) {
      throw invalid(uri, "expected s3://bucket/prefix");
    }
    String bucket = parsed.getAuthority();
    if (bucket == null || bucket.isEmpty()) {
      throw invalid(uri, "the bucket is missing");
    }
    if (parsed.getQuery() != null || parsed.getFragment() != null) {
      throw invalid(uri, "query strings and fragments are not supported");
    }
    String rawPath = parsed.getRawPath() == null ? "" : parsed.getRawPath();
    String prefix =
        ArtifactPaths.normalize(rawPath.startsWith("/") ? rawPath.substring(1) : rawPath);
    return new S3Location(bucket, prefix.isEmpty() ? "" : prefix + "/");
  }

  /** The object key of the normalised artifact path {@code path}. */
  String key(String path) {
    return prefix + path;
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + prefix;
  }

  private static MledgerException invalid(String uri, String reason) {
    return MledgerException.invalidParameter("Invalid S3 location '" + uri + "': " + reason + ".");
  }
}
