package dev.mledger.store.jdbc;

/**
 * Joins path segments onto artifact URIs the way MLflow's {@code append_to_uri_path} does, so that
 * {@code mlflow-artifacts:} + {@code 0} gives {@code mlflow-artifacts:/0} and {@code s3://b/p/} +
 * {@code 0} gives {@code s3://b/p/0}. A query string, if any, stays at the end.
 */
final class ArtifactUris {
  private ArtifactUris() {}

  static String append(String base, String... segments) {
    String query = "";
    String path = base;
    int q = base.indexOf('?');
    if (q >= 0 && hasScheme(base)) {
      query = base.substring(q);
      path = base.substring(0, q);
    }
    StringBuilder result = new StringBuilder(path);
    for (String segment : segments) {
      String clean = stripLeadingSlashes(segment);
      if (clean.isEmpty()) {
        continue;
      }
      if (result.length() == 0) {
        result.append(clean);
        continue;
      }
      char last = result.charAt(result.length() - 1);
      if (last != '/') {
        result.append('/');
      } else {
        // Collapse "root//" to "root/" but keep a scheme's "//" (s3://) intact.
        while (result.length() >= 2
            && result.charAt(result.length() - 2) == '/'
            && !result.toString().endsWith("://")) {
          result.setLength(result.length() - 1);
        }
      }
      result.append(clean);
    }
    return result.append(query).toString();
  }

  private static String stripLeadingSlashes(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == '/') {
      i++;
    }
    return s.substring(i);
  }

  private static boolean hasScheme(String uri) {
    int colon = uri.indexOf(':');
    return colon > 1 && uri.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
  }
}
