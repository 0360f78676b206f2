package dev.mledger.store.artifact;

import dev.mledger.core.error.MledgerException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one place where artifact paths are normalised and confined to the store's root. Every {@link
 * ArtifactStore} method passes its path through here, and the HTTP layer may call it first to fail
 * fast; normalising twice gives the same result.
 *
 * <p>A path is relative, {@code /}-separated, e.g. {@code 0/abc123/artifacts/model/MLmodel}. Like
 * MLflow's {@code validate_path_is_safe}, percent-escapes are decoded until the text stops changing
 * (so {@code %2e%2e}, {@code %2f} and double encodings such as {@code %252e} are judged by what
 * they mean), and then the path is rejected if it:
 *
 * <ul>
 *   <li>contains {@code ..} as a segment, starts with {@code /}, or starts with a drive letter or a
 *       URI scheme ({@code C:}, {@code file:});
 *   <li>contains a backslash, {@code #}, NUL or any other control character, or malformed UTF-8
 *       once decoded;
 *   <li>has a segment longer than {@value #MAX_SEGMENT_BYTES} or a total length over {@value
 *       #MAX_PATH_BYTES} UTF-8 bytes.
 * </ul>
 *
 * Empty segments and {@code .} segments are dropped ({@code a//./b/} becomes {@code a/b}), so the
 * result never has a leading, trailing or doubled slash. The root itself is the empty string.
 */
public final class ArtifactPaths {
  /** The longest segment a POSIX file system accepts as a file name. */
  public static final int MAX_SEGMENT_BYTES = 255;

  /** The longest accepted path; S3 keys are limited to 1024 bytes including any prefix. */
  public static final int MAX_PATH_BYTES = 1024;

  /** Python's {@code urllib.parse.unquote} loop in MLflow stops after this many rounds. */
  private static final int MAX_DECODE_ROUNDS = 10;

  private static final Pattern SCHEME_OR_DRIVE = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*");

  private ArtifactPaths() {}

  /**
   * Normalises {@code path}; null and the empty string mean the root and give {@code ""}.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE when the path is unsafe or malformed
   */
  public static String normalize(String path) {
    if (path == null) {
      return "";
    }
    String decoded = decodeFully(path);
    rejectForbiddenCharacters(path, decoded);
    if (decoded.startsWith("/")) {
      throw invalid(path, "it is absolute");
    }
    List<String> segments = new ArrayList<>();
    for (String segment : decoded.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        throw invalid(path, "it refers to a parent directory");
      }
      if (utf8Length(segment) > MAX_SEGMENT_BYTES) {
        throw invalid(path, "a path segment is longer than " + MAX_SEGMENT_BYTES + " bytes");
      }
      segments.add(segment);
    }
    if (!segments.isEmpty() && SCHEME_OR_DRIVE.matcher(segments.get(0)).matches()) {
      throw invalid(path, "it starts with a drive letter or URI scheme");
    }
    String normalized = String.join("/", segments);
    if (utf8Length(normalized) > MAX_PATH_BYTES) {
      throw invalid(path, "it is longer than " + MAX_PATH_BYTES + " bytes");
    }
    return normalized;
  }

  /**
   * Normalises the path of a file: like {@link #normalize(String)}, but the root is not a file.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE when the path is unsafe or names the root
   */
  public static String normalizeFile(String path) {
    String normalized = normalize(path);
    if (normalized.isEmpty()) {
      throw MledgerException.invalidParameter("Invalid path: an artifact path must name a file");
    }
    return normalized;
  }

  /** The parent of a normalised path: {@code ""} for a top-level name. */
  public static String parent(String normalized) {
    int slash = normalized.lastIndexOf('/');
    return slash < 0 ? "" : normalized.substring(0, slash);
  }

  /** The last segment of a normalised path. */
  public static String name(String normalized) {
    return normalized.substring(normalized.lastIndexOf('/') + 1);
  }

  /** Joins a normalised directory and a single valid segment. */
  public static String join(String directory, String name) {
    return directory.isEmpty() ? name : directory + "/" + name;
  }

  /** Orders names the way Python and S3 do: by code point (UTF-8 byte order), not UTF-16 units. */
  public static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static void rejectForbiddenCharacters(String original, String decoded) {
    for (int i = 0; i < decoded.length(); i++) {
      char c = decoded.charAt(i);
      if (c == '\\') {
        throw invalid(original, "it contains a backslash");
      }
      if (c == '#') {
        throw invalid(original, "it contains '#'");
      }
      if (Character.isISOControl(c)) {
        throw invalid(original, "it contains a control character");
      }
      if (Character.isSurrogate(c)) {
        boolean pair =
            Character.isHighSurrogate(c)
                && i + 1 < decoded.length()
                && Character.isLowSurrogate(decoded.charAt(i + 1));
        if (!pair) {
          throw invalid(original, "it is not valid Unicode");
        }
        i++;
      }
    }
  }

  /** Decodes percent-escapes until a fixed point, as MLflow's {@code _decode} does. */
  private static String decodeFully(String path) {
    String current = path;
    for (int round = 0; round < MAX_DECODE_ROUNDS; round++) {
      String decoded = percentDecode(path, current);
      if (decoded.equals(current)) {
        return current;
      }
      current = decoded;
    }
    throw invalid(path, "it is percent-encoded too many times");
  }

  /**
   * One round of Python's {@code unquote}: valid {@code %XX} escapes become bytes, read as UTF-8;
   * anything else, including a lone {@code %} and {@code +}, stays as it is.
   */
  private static String percentDecode(String original, String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
        bytes.write(Integer.parseInt(s, i + 1, i + 3, 16));
        i += 3;
        continue;
      }
      flushUtf8(original, bytes, out);
      out.append(c);
      i++;
    }
    flushUtf8(original, bytes, out);
    return out.toString();
  }

  private static void flushUtf8(String original, ByteArrayOutputStream bytes, StringBuilder out) {
    if (bytes.size() == 0) {
      return;
    }
    try {
      out.append(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray())));
    } catch (CharacterCodingException e) {
      throw invalid(original, "its percent-escapes are not valid UTF-8");
    }
    bytes.reset();
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  static int utf8Length(String s) {
    int bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  private static MledgerException invalid(String path, String reason) {
    return MledgerException.invalidParameter(
        "Invalid path '" + printable(path) + "': " + reason + ".");
  }

  /** Keeps error messages on one line and readable whatever the caller sent. */
  private static String printable(String path) {
    StringBuilder out = new StringBuilder();
    int limit = Math.min(path.length(), 200);
    for (int i = 0; i < limit; i++) {
      char c = path.charAt(i);
      if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (path.length() > limit) {
      out.append("...");
    }
    return out.toString();
  }
}
