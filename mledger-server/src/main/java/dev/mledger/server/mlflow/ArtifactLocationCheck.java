package dev.mledger.server.mlflow;

import dev.mledger.core.error.MledgerException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The path-traversal checks MLflow's create-experiment handler makes on a requested artifact
 * location (MLflow 2.9.2 and 2.11.3 security fixes): the URL, split as Python's {@code
 * urllib.parse.urlparse} splits it, may have no fragment and no {@code ;params}, and its query may
 * not contain {@code ..} however many times it was percent-encoded.
 */
final class ArtifactLocationCheck {
  /** Python's {@code urllib.parse.uses_params}: the schemes whose paths carry {@code ;params}. */
  private static final Set<String> USES_PARAMS =
      Set.of(
          "",
          "ftp",
          "hdl",
          "prospero",
          "http",
          "imap",
          "https",
          "shttp",
          "rtsp",
          "rtspu",
          "sip",
          "sips",
          "mms",
          "sftp",
          "tel");

  /** MLflow's {@code _decode} gives up after this many rounds of decoding. */
  private static final int MAX_DECODE_ROUNDS = 10;

  private ArtifactLocationCheck() {}

  /** Fails with INVALID_PARAMETER_VALUE and MLflow's message when {@code location} is unsafe. */
  static void validate(String location) {
    if (location == null || location.isEmpty()) {
      return;
    }
    Url url = Url.parse(location);
    if (!url.fragment().isEmpty() || !url.params().isEmpty()) {
      throw MledgerException.invalidParameter(
          "'artifact_location' URL can't include fragments or params.");
    }
    if (!safeQuery(url.query())) {
      throw MledgerException.invalidParameter("Invalid query string");
    }
  }

  /**
   * MLflow's {@code validate_query_string}: decodes until nothing changes and refuses {@code ..}.
   * Decoding never removes a dot, so checking the last round is enough. A query that is still
   * changing after ten rounds makes MLflow fail with a server error; it is refused here instead.
   */
  private static boolean safeQuery(String query) {
    String current = query;
    for (int round = 0; round < MAX_DECODE_ROUNDS; round++) {
      // unquote, then the clean-up urlparse does on the way back (urlunparse(urlparse(...))).
      String decoded = Url.clean(unquote(current));
      if (decoded.equals(current)) {
        return !current.contains("..");
      }
      current = decoded;
    }
    return false;
  }

  /** Python's {@code urllib.parse.unquote}: valid {@code %XX} escapes as UTF-8 bytes. */
  static String unquote(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '%' && isHex(text, i + 1) && isHex(text, i + 2)) {
        bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 3;
        continue;
      }
      flush(bytes, out);
      out.append(c);
      i++;
    }
    flush(bytes, out);
    return out.toString();
  }

  private static boolean isHex(String text, int index) {
    return index < text.length()
        && text.charAt(index) < 128
        && Character.digit(text.charAt(index), 16) >= 0;
  }

  private static void flush(ByteArrayOutputStream bytes, StringBuilder out) {
    if (bytes.size() > 0) {
      // Malformed UTF-8 becomes U+FFFD, as with Python's errors="replace".
      out.append(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
      bytes.reset();
    }
  }

  /** The parts of Python's {@code urlparse(url)} that the checks need. */
  record Url(String scheme, String path, String params, String query, String fragment) {

    /** Python's {@code urllib.parse.urlparse} (3.11), without its IPv6 netloc checks. */
    static Url parse(String text) {
      String rest = clean(text);
      String scheme = "";
      int colon = rest.indexOf(':');
      if (colon > 0 && isAsciiLetter(rest.charAt(0)) && isSchemeName(rest, colon)) {
        scheme = rest.substring(0, colon).toLowerCase(Locale.ROOT);
        rest = rest.substring(colon + 1);
      }
      if (rest.startsWith("//")) {
        int end = rest.length();
        for (char delimiter : new char[] {'/', '?', '#'}) {
          int at = rest.indexOf(delimiter, 2);
          if (at >= 0) {
            end = Math.min(end, at);
          }
        }
        rest = rest.substring(end);
      }
      String fragment = "";
      int hash = rest.indexOf('#');
      if (hash >= 0) {
        fragment = rest.substring(hash + 1);
        rest = rest.substring(0, hash);
      }
      String query = "";
      int question = rest.indexOf('?');
      if (question >= 0) {
        query = rest.substring(question + 1);
        rest = rest.substring(0, question);
      }
      String params = "";
      if (USES_PARAMS.contains(scheme) && rest.indexOf(';') >= 0) {
        // _splitparams: params start at the first ';' of the last path segment.
        int semicolon = rest.indexOf(';', Math.max(rest.lastIndexOf('/'), 0));
        if (semicolon >= 0) {
          params = rest.substring(semicolon + 1);
          rest = rest.substring(0, semicolon);
        }
      }
      return new Url(scheme, rest, params, query, fragment);
    }

    /**
     * What {@code urlsplit} does first: strips leading C0 controls and spaces, and removes every
     * tab, carriage return and line feed.
     */
    static String clean(String text) {
      int start = 0;
      while (start < text.length() && text.charAt(start) <= ' ') {
        start++;
      }
      StringBuilder out = new StringBuilder(text.length() - start);
      for (int i = start; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c != '\t' && c != '\r' && c != '\n') {
          out.append(c);
        }
      }
      return out.toString();
    }

    private static boolean isAsciiLetter(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isSchemeName(String text, int end) {
      for (int i = 0; i < end; i++) {
        char c = text.charAt(i);
        boolean ok = isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
        if (!ok) {
          return false;
        }
      }
      return true;
    }
  }
}
