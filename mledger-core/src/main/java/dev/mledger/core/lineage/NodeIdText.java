package dev.mledger.core.lineage;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-escaping of the separators inside node id components, so that every id parses back
 * unambiguously: a namespace such as {@code s3://bucket} or {@code postgres://db:5432} contains
 * {@code /}, a table name may contain {@code @}.
 */
final class NodeIdText {
  private NodeIdText() {}

  /** Escapes {@code %} and every character of {@code reserved} as {@code %XX}. */
  static String escape(String component, String reserved) {
    StringBuilder out = new StringBuilder(component.length());
    for (int i = 0; i < component.length(); i++) {
      char c = component.charAt(i);
      if (c == '%' || reserved.indexOf(c) >= 0) {
        out.append('%').append(String.format("%02X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Reverses {@link #escape}; any {@code %XX} UTF-8 sequence is decoded. */
  static String unescape(String text, String id) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      char c = text.charAt(i);
      if (c != '%') {
        flush(bytes, out);
        out.append(c);
        i++;
        continue;
      }
      if (i + 3 > text.length()) {
        throw NodeId.invalid(id, "a '%' must be followed by two hex digits");
      }
      int hi = Character.digit(text.charAt(i + 1), 16);
      int lo = Character.digit(text.charAt(i + 2), 16);
      if (hi < 0 || lo < 0) {
        throw NodeId.invalid(id, "a '%' must be followed by two hex digits");
      }
      bytes.write(hi * 16 + lo);
      i += 3;
    }
    flush(bytes, out);
    return out.toString();
  }

  private static void flush(ByteArrayOutputStream bytes, StringBuilder out) {
    if (bytes.size() > 0) {
      out.append(bytes.toString(StandardCharsets.UTF_8));
      bytes.reset();
    }
  }
}
