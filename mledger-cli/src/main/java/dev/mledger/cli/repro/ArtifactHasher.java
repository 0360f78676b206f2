package dev.mledger.cli.repro;

import dev.mledger.cli.repro.CheckItem.Status;
import dev.mledger.client.NativeApi;
import dev.mledger.client.ServerUnavailableException;
import dev.mledger.core.envelope.ArtifactReference;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * Re-hashes an input artifact through the server's artifact proxy ({@code GET
 * /api/2.0/mlflow-artifacts/artifacts/PATH}), streaming, and compares it with the recorded hash.
 * {@code runs:/RUN_ID/path} URIs are resolved through the run's {@code mlflow-artifacts:} root.
 */
final class ArtifactHasher {
  static final String PROXY = "/api/2.0/mlflow-artifacts/artifacts/";

  private final NativeApi api;
  private final Function<String, String> runArtifactUri;

  /**
   * @param runArtifactUri the artifact URI of a run id (for {@code runs:/} references)
   */
  ArtifactHasher(NativeApi api, Function<String, String> runArtifactUri) {
    this.api = api;
    this.runArtifactUri = runArtifactUri;
  }

  CheckItem check(ArtifactReference ref) {
    String item = "artifact:" + ref.uri();
    String path = proxyPath(ref.uri());
    if (path == null) {
      return new CheckItem(
          item,
          Status.UNVERIFIABLE,
          "only mlflow-artifacts:/ and runs:/ URIs can be re-hashed through the server");
    }
    InputStream download;
    try {
      download = api.download(PROXY + NativeApi.segments(path));
    } catch (ServerUnavailableException e) {
      return new CheckItem(
          item, Status.UNVERIFIABLE, "artifact server unreachable: " + e.getMessage());
    } catch (MledgerException e) {
      if (e.code() == ErrorCode.RESOURCE_DOES_NOT_EXIST) {
        return new CheckItem(item, Status.MISSING, "the artifact no longer exists on the server");
      }
      return new CheckItem(
          item,
          Status.UNVERIFIABLE,
          "the server does not serve artifacts (HTTP " + e.code().httpStatus() + ")");
    }
    try (InputStream body = download) {
      String actual = sha256(body);
      return actual.equals(ref.sha256())
          ? new CheckItem(item, Status.OK, "sha256 " + actual + " matches")
          : new CheckItem(
              item,
              Status.MISMATCH,
              "sha256 is " + actual + ", the envelope recorded " + ref.sha256());
    } catch (IOException e) {
      return new CheckItem(item, Status.UNVERIFIABLE, "download failed: " + e.getMessage());
    }
  }

  /** The proxy path of an artifact URI, or null if the server cannot serve it. */
  String proxyPath(String uri) {
    if (uri.startsWith("mlflow-artifacts:")) {
      return stripScheme(uri);
    }
    if (uri.startsWith("runs:/")) {
      String rest = uri.substring("runs:/".length());
      int slash = rest.indexOf('/');
      if (slash <= 0) {
        return null;
      }
      String root = runArtifactUri.apply(rest.substring(0, slash));
      if (root == null || !root.startsWith("mlflow-artifacts:")) {
        return null;
      }
      String rootPath = stripScheme(root);
      return (rootPath.endsWith("/") ? rootPath : rootPath + "/") + rest.substring(slash + 1);
    }
    return null;
  }

  // mlflow-artifacts:/path and mlflow-artifacts://host:port/path both name "path" on the proxy.
  private static String stripScheme(String uri) {
    URI parsed = URI.create(uri);
    String path = parsed.getPath() != null ? parsed.getPath() : parsed.getSchemeSpecificPart();
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    return path;
  }

  private static String sha256(InputStream in) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (DigestInputStream stream = new DigestInputStream(in, digest)) {
      stream.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
