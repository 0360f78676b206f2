package dev.mledger.server.registry;

import dev.mledger.core.error.MledgerException;
import dev.mledger.store.TrackingStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * MLflow 2.17's checks on a model version's {@code source} ({@code _validate_source}): a local path
 * is only accepted inside the artifact directory of the version's run, file URIs are refused, and
 * no source may climb out of its root with {@code ..} (also when percent-encoded).
 */
final class SourceValidation {
  private final TrackingStore tracking;

  SourceValidation(TrackingStore tracking) {
    this.tracking = tracking;
  }

  void validate(String source, String runId) {
    if (isLocal(source)) {
      if (runId != null && !runId.isEmpty()) {
        String artifactUri = tracking.getRun(runId).info().artifactUri();
        Path artifactDir = localPath(artifactUri);
        if (artifactDir != null && localPath(source).startsWith(artifactDir)) {
          return;
        }
      }
      throw MledgerException.invalidParameter(
          "Invalid model version source: '"
              + source
              + "'. To use a local path as a model version source, the run_id request parameter"
              + " has to be specified and the local path has to be contained within the artifact"
              + " directory of the run specified by the run_id.");
    }
    rejectRelativePaths(source);
  }

  /** No scheme, or {@code file:} on this host: MLflow's {@code is_local_uri}. */
  private static boolean isLocal(String source) {
    String scheme = scheme(source);
    if (scheme.isEmpty()) {
      return true;
    }
    if (!scheme.equals("file")) {
      return false;
    }
    String host = host(source);
    if (host != null
        && !host.equals(".")
        && !host.startsWith("localhost")
        && !host.startsWith("127.0.0.1")) {
      throw MledgerException.invalidParameter(
          source
              + " is not a valid remote uri. For remote access on windows, please consider using a"
              + " different scheme such as SMB (e.g. smb://<hostname>/<path>).");
    }
    return true;
  }

  /** The normalized absolute path of a local path or file URI; null for other URIs. */
  private static Path localPath(String uri) {
    if (uri == null) {
      return null;
    }
    String scheme = scheme(uri);
    String path;
    if (scheme.isEmpty()) {
      path = uri;
    } else if (scheme.equals("file")) {
      path = decode(pathOf(uri));
    } else {
      return null;
    }
    return Path.of(path).toAbsolutePath().normalize();
  }

  private static void rejectRelativePaths(String source) {
    String decoded = source;
    for (String next = decode(decoded); !next.equals(decoded); next = decode(decoded)) {
      decoded = next;
    }
    String path = pathOf(decoded).replaceAll("/+", "/");
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    boolean invalid = path.indexOf('\0') >= 0;
    if (!invalid && !path.isEmpty()) {
      String resolved = Path.of("/").resolve(path).normalize().toString();
      String absolute = path.startsWith("/") ? path : "/" + path;
      invalid = !resolved.equals(absolute);
    }
    if (invalid) {
      throw MledgerException.invalidParameter(
          "Invalid model version source: '"
              + source
              + "'. If supplying a source as an http, https, local file path, ftp, objectstore,"
              + " or mlflow-artifacts uri, an absolute path must be provided without relative"
              + " path references present. Please provide an absolute path.");
    }
  }

  /** {@code urlparse(uri).scheme}: letters, digits, +, -, . before the first colon. */
  private static String scheme(String uri) {
    int colon = uri.indexOf(':');
    if (colon <= 0) {
      return "";
    }
    String candidate = uri.substring(0, colon);
    if (!Character.isLetter(candidate.charAt(0)) || !candidate.matches("[A-Za-z0-9+.\\-]+")) {
      return "";
    }
    return candidate.toLowerCase(Locale.ROOT);
  }

  private static String host(String uri) {
    String rest = uri.substring(uri.indexOf(':') + 1);
    if (!rest.startsWith("//")) {
      return null;
    }
    String authority = rest.substring(2).split("[/?#]", 2)[0];
    int at = authority.lastIndexOf('@');
    String host = authority.substring(at + 1).split(":", 2)[0];
    return host.isEmpty() ? null : host.toLowerCase(Locale.ROOT);
  }

  /** {@code urlparse(uri).path}: after scheme and authority, before query and fragment. */
  private static String pathOf(String uri) {
    String scheme = scheme(uri);
    String rest = scheme.isEmpty() ? uri : uri.substring(scheme.length() + 1);
    if (rest.startsWith("//")) {
      int slash = rest.indexOf('/', 2);
      rest = slash < 0 ? "" : rest.substring(slash);
    }
    int end = rest.length();
    for (char c : new char[] {'?', '#'}) {
      int i = rest.indexOf(c);
      if (i >= 0) {
        end = Math.min(end, i);
      }
    }
    return rest.substring(0, end);
  }

  /** Python's {@code unquote_plus}; malformed escapes are kept as they are. */
  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
