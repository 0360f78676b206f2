package dev.mledger.core.search;

import dev.mledger.core.error.MledgerException;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Offset-based page tokens exactly as MLflow's SQL store makes them: base64 of the JSON {@code
 * {"offset": N}}. Tokens minted by MLflow and by mledger are interchangeable. Like MLflow, a token
 * whose offset is 0 or missing is invalid (MLflow never issues one: the first page has no token).
 */
public final class PageToken {

  private PageToken() {}

  /** The token for the page starting at {@code offset} (MLflow: {@code create_page_token}). */
  public static String encode(int offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, got " + offset);
    }
    String json = "{\"offset\": " + offset + "}";
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The offset a token points at; 0 for a null or empty token (the first page).
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE with MLflow's message for a malformed token
   */
  public static int decode(String token) {
    if (token == null || token.isEmpty()) {
      return 0;
    }
    byte[] decoded = base64Decode(token);
    Object parsed;
    try {
      parsed = LenientJson.parse(utf8(decoded));
    } catch (LenientJson.SyntaxError | CharacterCodingException e) {
      throw MledgerException.invalidParameter(
          "Invalid page token, decoded value=" + pyBytes(decoded));
    }
    Object offset = parsed instanceof Map<?, ?> map ? map.get("offset") : null;
    if (!(parsed instanceof Map<?, ?>) || isFalsy(offset)) {
      throw invalidParsed(parsed);
    }
    BigInteger value = toInteger(offset);
    if (value == null) {
      throw MledgerException.invalidParameter(
          "Invalid page token, not stringable " + pyStrValue(offset));
    }
    if (value.signum() < 0 || value.bitLength() > 31) {
      throw invalidParsed(parsed);
    }
    return value.intValue();
  }

  private static MledgerException invalidParsed(Object parsed) {
    return MledgerException.invalidParameter(
        "Invalid page token, parsed value=" + LenientJson.pyRepr(parsed));
  }

  /** Python truthiness of a JSON value. */
  private static boolean isFalsy(Object v) {
    if (v == null) {
      return true;
    }
    if (v instanceof Boolean b) {
      return !b;
    }
    if (v instanceof BigInteger i) {
      return i.signum() == 0;
    }
    if (v instanceof Double d) {
      return d == 0.0;
    }
    if (v instanceof String s) {
      return s.isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return m.isEmpty();
    }
    return v instanceof java.util.List<?> l && l.isEmpty();
  }

  /** Python's {@code int(value)} for the JSON types a token may hold; null where it fails. */
  private static BigInteger toInteger(Object v) {
    if (v instanceof BigInteger i) {
      return i;
    }
    if (v instanceof Boolean b) {
      return b ? BigInteger.ONE : BigInteger.ZERO;
    }
    if (v instanceof Double d) {
      return d.isNaN() || d.isInfinite()
          ? null
          : new java.math.BigDecimal(d).toBigInteger(); // int() truncates toward zero
    }
    if (v instanceof String s) {
      String t = s.strip();
      // int() accepts a sign and single underscores between digits, nothing else.
      return t.matches("[+-]?[0-9]+(_[0-9]+)*") ? new BigInteger(t.replace("_", "")) : null;
    }
    return null;
  }

  private static String pyStrValue(Object v) {
    return v instanceof String s ? s : LenientJson.pyRepr(v);
  }

  /**
   * Python's non-strict {@code base64.b64decode}: characters outside the alphabet are skipped,
   * decoding stops at complete padding, and a dangling partial quantum is an error.
   */
  private static byte[] base64Decode(String token) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int quadPos = 0;
    int leftChar = 0;
    int leftBits = 0;
    int pads = 0;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c > 0x7f) {
        throw notBase64();
      }
      if (c == '=') {
        if (quadPos >= 2 && quadPos + ++pads >= 4) {
          return out.toByteArray();
        }
        continue;
      }
      int v = base64Value(c);
      if (v < 0) {
        continue;
      }
      pads = 0;
      quadPos = (quadPos + 1) & 3;
      leftChar = (leftChar << 6) | v;
      leftBits += 6;
      if (leftBits >= 8) {
        leftBits -= 8;
        out.write((leftChar >> leftBits) & 0xff);
        leftChar &= (1 << leftBits) - 1;
      }
    }
    if (quadPos != 0) {
      throw notBase64();
    }
    return out.toByteArray();
  }

  private static int base64Value(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '+' ? 62 : c == '/' ? 63 : -1;
  }

  private static MledgerException notBase64() {
    return MledgerException.invalidParameter("Invalid page token, could not base64-decode");
  }

  private static String utf8(byte[] bytes) throws CharacterCodingException {
    String text =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes))
            .toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** Python's repr of a bytes object, e.g. {@code b'not json'}. */
  private static String pyBytes(byte[] bytes) {
    boolean hasSingle = false;
    boolean hasDouble = false;
    for (byte b : bytes) {
      hasSingle |= b == '\'';
      hasDouble |= b == '"';
    }
    char quote = hasSingle && !hasDouble ? '"' : '\'';
    StringBuilder out = new StringBuilder("b").append(quote);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c == quote || c == '\\') {
        out.append('\\').append((char) c);
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c < 0x20 || c >= 0x7f) {
        out.append(String.format("\\x%02x", c));
      } else {
        out.append((char) c);
      }
    }
    return out.append(quote).toString();
  }
}
